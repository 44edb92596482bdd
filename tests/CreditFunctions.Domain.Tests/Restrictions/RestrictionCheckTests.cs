using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Restrictions;

/// <summary>art8.2.3 and art9: may this subject do this business? Records decided 2024-04-30, asked on 2025-06-01.</summary>
public class RestrictionCheckTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    private static RestrictionResult Check(string business, CreditRecord[] records, CreditRecord[]? legalRepresentative = null,
        SubjectId? subject = null, DateOnly? asOf = null) =>
        RestrictionCheck.Evaluate(subject ?? Some.Unit, records, legalRepresentative ?? [], business, asOf ?? AsOf, Catalogues.Embedded);

    [Theory]
    [InlineData(BusinessTypes.GovernmentFunding)]
    [InlineData(BusinessTypes.GovernmentProcurement)]
    [InlineData(BusinessTypes.TenderingBidding)]
    [InlineData(BusinessTypes.FinancingLoan)]
    [InlineData(BusinessTypes.MarketAccess)]
    [InlineData(BusinessTypes.TaxPreference)]
    [InlineData(BusinessTypes.AwardsHonours)]
    [InlineData(BusinessTypes.Travel)]
    public void Art9_1_a_subject_on_the_wage_arrears_list_is_restricted(string business)
    {
        CreditRecord listing = ARecord.WageArrearsList().WithId("w1");
        var r = Check(business, [listing]);
        Assert.Equal(RestrictionDecision.Restricted, r.Decision);
        var reason = Assert.Single(r.Reasons);
        Assert.Equal("art9.1", reason.Article);
        Assert.Equal(["w1"], reason.RecordIds);
        Assert.Contains("拖欠农民工工资", reason.Text.Zh);
        Assert.Contains("wage arrears", reason.Text.En);
    }

    [Fact]
    public void Art9_1_other_serious_dishonesty_does_not_bring_the_wage_arrears_restrictions()
    {
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.GovernmentProcurement, [ARecord.AdminPenalty().Serious()]).Decision);
    }

    [Fact]
    public void Art9_1_the_restriction_ends_when_the_three_year_listing_ends()
    {
        CreditRecord listing = ARecord.WageArrearsList().DecidedOn("2024-04-30");
        Assert.Equal(RestrictionDecision.Restricted, Check(BusinessTypes.Travel, [listing], asOf: Some.Date("2027-04-29")).Decision);
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.Travel, [listing], asOf: Some.Date("2027-04-30")).Decision);
    }

    [Theory]
    [InlineData(BusinessTypes.StartupGuaranteedLoan)]
    [InlineData(BusinessTypes.PreStartupGuaranteedLoan)]
    public void Art9_2_1_a_dishonest_judgment_debtor_gets_no_startup_guaranteed_loan(string business)
    {
        CreditRecord court = ARecord.CourtDishonestDebtor().For(Some.Person).WithId("k1");
        var r = Check(business, [court], subject: Some.Person);
        Assert.Equal(RestrictionDecision.Restricted, r.Decision);
        Assert.Equal("art9.2.1", r.Reasons.Single().Article);
        Assert.Equal(["k1"], r.Reasons.Single().RecordIds);
    }

    [Fact]
    public void Art9_2_1_the_loan_restriction_ends_after_the_listing_end_date()
    {
        CreditRecord court = ARecord.CourtDishonestDebtor().For(Some.Person).ListedUntil("2025-05-31");
        Assert.Equal(RestrictionDecision.Restricted, Check(BusinessTypes.StartupGuaranteedLoan, [court], subject: Some.Person, asOf: Some.Date("2025-05-31")).Decision);
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.StartupGuaranteedLoan, [court], subject: Some.Person, asOf: Some.Date("2025-06-01")).Decision);
    }

    [Fact]
    public void Art9_2_1_a_court_listing_removed_by_the_feed_no_longer_restricts()
    {
        CreditRecord court = ARecord.CourtDishonestDebtor().For(Some.Person).InState(RecordState.Withdrawn, withdrawnOn: "2025-03-01");
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.StartupGuaranteedLoan, [court], subject: Some.Person).Decision);
    }

    [Theory]
    [InlineData(BusinessTypes.YouthTrainingCamp)]
    [InlineData(BusinessTypes.YouthInternshipBase)]
    public void Art9_2_2_a_dishonest_judgment_debtor_cannot_become_a_youth_training_camp_or_internship_base(string business)
    {
        var r = Check(business, [ARecord.CourtDishonestDebtor()]);
        Assert.Equal(RestrictionDecision.Restricted, r.Decision);
        Assert.Equal("art9.2.2", r.Reasons.Single().Article);
    }

    [Fact]
    public void Art9_2_2_unit_whose_legal_representative_is_an_active_court_debtor_cannot_become_a_youth_training_camp()
    {
        CreditRecord representative = ARecord.CourtDishonestDebtor().For(Some.Person).WithId("lr1");
        var r = Check(BusinessTypes.YouthTrainingCamp, [], legalRepresentative: [representative]);
        Assert.Equal(RestrictionDecision.Restricted, r.Decision);
        Assert.Equal(["lr1"], r.Reasons.Single().RecordIds);
    }

    [Fact]
    public void Art9_2_2_unit_whose_legal_representative_is_an_active_court_debtor_cannot_become_a_youth_internship_base()
    {
        CreditRecord representative = ARecord.CourtDishonestDebtor().For(Some.Person);
        Assert.Equal(RestrictionDecision.Restricted, Check(BusinessTypes.YouthInternshipBase, [], legalRepresentative: [representative]).Decision);
    }

    [Fact]
    public void Art9_2_2_a_legal_representative_whose_listing_has_ended_no_longer_restricts_the_unit()
    {
        CreditRecord representative = ARecord.CourtDishonestDebtor().For(Some.Person).ListedUntil("2025-01-31");
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.YouthTrainingCamp, [], legalRepresentative: [representative]).Decision);
    }

    [Fact]
    public void Art9_2_2_the_legal_representative_rule_concerns_units_only()
    {
        CreditRecord other = ARecord.CourtDishonestDebtor().For(Some.OtherPerson);
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.YouthTrainingCamp, [], legalRepresentative: [other], subject: Some.Person).Decision);
    }

    [Fact]
    public void Art9_2_2_a_legal_representative_listing_does_not_restrict_the_unit_s_startup_loans()
    {
        CreditRecord representative = ARecord.CourtDishonestDebtor().For(Some.Person);
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.StartupGuaranteedLoan, [], legalRepresentative: [representative]).Decision);
    }

    [Fact]
    public void Art9_2_employment_help_and_aid_is_exempt_from_the_court_debtor_restrictions()
    {
        CreditRecord court = ARecord.CourtDishonestDebtor().For(Some.Person).WithId("k1");
        var r = Check(BusinessTypes.EmploymentAid, [court], subject: Some.Person);
        Assert.Equal(RestrictionDecision.Allowed, r.Decision);
        Assert.Empty(r.Reasons);
        Assert.Equal(["art9.2.1", "art9.2.2"], r.Exemptions.Select(e => e.Article));
    }

    [Fact]
    public void Art8_2_3_serious_dishonesty_restricts_notification_and_commitment()
    {
        var r = Check(BusinessTypes.NotificationCommitment, [ARecord.AdminPenalty().Serious()]);
        Assert.Equal(RestrictionDecision.Restricted, r.Decision);
        Assert.Equal("art8.2.3", r.Reasons.Single().Article);
    }

    [Fact]
    public void Art8_2_3_a_commitment_breach_restricts_notification_and_commitment()
    {
        Assert.Equal(RestrictionDecision.Restricted, Check(BusinessTypes.NotificationCommitment, [ARecord.CommitmentBreach().General()]).Decision);
    }

    [Fact]
    public void Art8_2_3_general_dishonesty_alone_keeps_notification_and_commitment()
    {
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.NotificationCommitment, [ARecord.AdminPenalty().General()]).Decision);
    }

    [Fact]
    public void Art8_2_1_dishonesty_means_enhanced_review_in_hrss_business()
    {
        var r = Check(BusinessTypes.HrssBusiness, [ARecord.AdminPenalty().General().WithId("g1")]);
        Assert.Equal(RestrictionDecision.EnhancedReview, r.Decision);
        Assert.Equal("art8.2.1", r.Reasons.Single().Article);
        Assert.Equal(["g1"], r.Reasons.Single().RecordIds);
    }

    [Fact]
    public void Art8_2_1_no_dishonesty_means_hrss_business_is_allowed()
    {
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.HrssBusiness, [ARecord.Award(), ARecord.CourtDishonestDebtor()]).Decision);
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.HrssBusiness, []).Decision);
    }

    [Fact]
    public void Art5_2_an_excluded_penalty_restricts_nothing()
    {
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.HrssBusiness, [ARecord.AdminPenalty().Excluded()]).Decision);
    }

    [Fact]
    public void An_unknown_business_type_is_an_error_not_a_decision()
    {
        var r = Check("casino-licence", [ARecord.WageArrearsList()]);
        Assert.True(r.IsError);
        Assert.Equal("unknown-business-type", r.Error!.Code);
        Assert.Equal(15, r.Error.KnownBusinessTypes.Count);
        Assert.Contains("casino-licence", r.Error.Text.En);
    }

    [Fact]
    public void Art15_after_the_measures_end_wage_arrears_restrictions_continue_but_art8_review_does_not()
    {
        CreditRecord wage = ARecord.WageArrearsList().DecidedOn("2026-06-01");
        var day = Some.Date("2028-09-01");
        Assert.Equal(RestrictionDecision.Restricted, Check(BusinessTypes.Travel, [wage], asOf: day).Decision);
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.HrssBusiness, [wage], asOf: day).Decision);
    }

    [Fact]
    public void Records_of_other_subjects_restrict_nothing()
    {
        Assert.Equal(RestrictionDecision.Allowed, Check(BusinessTypes.Travel, [ARecord.WageArrearsList().For(Some.OtherUnit)]).Decision);
    }
}
