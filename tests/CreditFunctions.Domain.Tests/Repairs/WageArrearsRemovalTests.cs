using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Tests.Builders;
using CreditFunctions.Domain.Tests.Objections;

namespace CreditFunctions.Domain.Tests.Repairs;

/// <summary>
/// MOHRSS Order No. 45 (2021), arts 11–17: early removal from the wage-arrears list when the arrears are corrected, at
/// least 6 months have passed since the correction and a written commitment is given; never while new arrears arose
/// in the listing period or criminal proceedings for refusing to pay wages are pending; decided within 15 working days.
/// </summary>
public class WageArrearsRemovalTests
{
    private static readonly CreditRecord Listing = Listings.OfUnit("2025-03-10");

    private static RepairEvaluation Evaluate(RepairApplication application, string today, params CreditRecord[] others) =>
        RepairEligibility.Evaluate(Listing, application, Some.Date(today), Catalogues.Embedded, others, TheCalendar.Embedded);

    private static string[] Codes(RepairEvaluation e) => e.Conditions.Select(c => c.Code).ToArray();

    [Fact]
    public void Six_months_after_the_correction_not_the_day_before()
    {
        var application = AnApplication.For(Listing).CorrectedOn("2025-06-15");

        var dayBefore = Evaluate(application, "2025-12-14");
        var c = Assert.Single(dayBefore.Conditions);
        Assert.Equal(RepairCodes.CorrectionPeriodNotPassed, c.Code);
        Assert.Equal(Some.Date("2025-12-15"), c.EarliestDate);
        Assert.Equal(Some.Date("2025-12-15"), dayBefore.EarliestDate);

        var dayOf = Evaluate(application, "2025-12-15");
        Assert.True(dayOf.IsEligible);
        Assert.True(dayOf.IsWageArrearsRemoval);
    }

    [Fact]
    public void Decided_within_15_working_days_across_New_Year_2026_and_its_make_up_Sunday()
    {
        Assert.True(TheCalendar.Embedded.IsWorkingDay(Some.Date("2026-01-04")));   // Sunday, make-up working day
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15"), "2025-12-15");
        // 12-16..19 (4), 12-22..26 (9), 12-29..31 (12), Sun 01-04 (13), 01-05 (14), 01-06 (15).
        Assert.Equal(Some.Date("2026-01-06"), e.DueOn);
    }

    [Fact]
    public void Month_end_clamp_corrected_on_31_August_is_removable_from_28_February()
    {
        var application = AnApplication.For(Listing).CorrectedOn("2025-08-31");
        var early = Evaluate(application, "2026-02-27");
        Assert.Equal(Some.Date("2026-02-28"), Assert.Single(early.Conditions).EarliestDate);

        var onTime = Evaluate(application, "2026-02-28");   // a Saturday, but a make-up working day
        Assert.True(onTime.IsEligible);
        // 15 working days after Sat 2026-02-28: 03-02..06 (5), 03-09..13 (10), 03-16..20 (15).
        Assert.Equal(Some.Date("2026-03-20"), onTime.DueOn);
    }

    [Fact]
    public void Corrected_before_the_listing_the_six_months_run_from_the_listing()
    {
        var application = AnApplication.For(Listing).CorrectedOn("2025-03-01");
        Assert.Equal(Some.Date("2025-09-10"), Evaluate(application, "2025-09-09").EarliestDate);
        Assert.True(Evaluate(application, "2025-09-10").IsEligible);
    }

    [Fact]
    public void The_arrears_must_be_stated_as_corrected()
    {
        Assert.Equal([RepairCodes.ArrearsNotCorrected], Codes(Evaluate(AnApplication.For(Listing), "2026-01-01")));
        Assert.Equal([RepairCodes.CorrectionDateInFuture], Codes(Evaluate(AnApplication.For(Listing).CorrectedOn("2026-01-02"), "2026-01-01")));
    }

    [Fact]
    public void A_written_commitment_not_to_default_again_is_required()
    {
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15").WithoutCommitment(), "2026-01-05");
        var c = Assert.Single(e.Conditions);
        Assert.Equal(RepairCodes.CommitmentMissing, c.Code);
        Assert.Contains("written commitment", c.En);
        Assert.Contains("MOHRSS Order No. 45", c.Source);
    }

    [Fact]
    public void The_general_minimum_period_does_not_apply_to_the_list()
    {
        Assert.Null(Listing.RepairableFrom);
        Assert.True(Evaluate(AnApplication.For(Listing).CorrectedOn("2025-03-10"), "2025-09-10").IsEligible);
    }

    [Fact]
    public void New_arrears_in_the_listing_period_block_early_removal()
    {
        var newListing = ARecord.WageArrearsList().For(Some.Unit).DecidedOn("2025-09-01").WithId("second").Build();
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15"), "2026-01-05", Listing, newListing);
        var c = Assert.Single(e.Conditions);
        Assert.Equal(RepairCodes.NewArrearsInListingPeriod, c.Code);
        Assert.Equal(RepairConditionNature.Bar, c.Nature);
        Assert.Null(e.EarliestDate);
    }

    [Fact]
    public void A_penalty_for_unpaid_wages_decided_in_the_listing_period_is_new_arrears_even_once_repaired()
    {
        var penalty = ARecord.AdminPenalty().For(Some.Unit).DecidedOn("2025-05-20").WithId("pen").Build()
            with { BehaviourCode = "wage-arrears-ordered-unpaid", State = RecordState.Repaired, WithdrawnOn = Some.Date("2025-12-01") };
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15"), "2026-01-05", penalty);
        Assert.Equal([RepairCodes.NewArrearsInListingPeriod], Codes(e));
    }

    [Fact]
    public void With_new_arrears_the_date_bound_condition_is_still_reported_but_no_earliest_date()
    {
        var newListing = ARecord.WageArrearsList().For(Some.Unit).DecidedOn("2025-04-01").WithId("second").Build();
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15"), "2025-10-01", newListing);
        Assert.Equal([RepairCodes.CorrectionPeriodNotPassed, RepairCodes.NewArrearsInListingPeriod], Codes(e));
        Assert.Equal(Some.Date("2025-12-15"), e.Conditions[0].EarliestDate);
        Assert.Null(e.EarliestDate);
    }

    public static TheoryData<string, CreditRecord> NotNewArrears => new()
    {
        { "decided before the listing", ARecord.WageArrearsList().For(Some.Unit).DecidedOn("2024-11-01").WithId("older") },
        { "another subject's", ARecord.WageArrearsList().For(Some.OtherUnit).DecidedOn("2025-09-01").WithId("other") },
        { "revoked", ARecord.WageArrearsList().For(Some.Unit).DecidedOn("2025-09-01").WithId("revoked").InState(RecordState.Revoked, "2025-10-01") },
        { "a penalty for something else", ARecord.AdminPenalty().For(Some.Unit).DecidedOn("2025-09-01").WithId("child").Build() with { BehaviourCode = "child-labour" } },
        { "the listing itself", Listing },
    };

    [Theory]
    [MemberData(nameof(NotNewArrears))]
    public void What_is_not_new_arrears(string why, CreditRecord other)
    {
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15"), "2026-01-05", other);
        Assert.True(e.IsEligible, why);
    }

    [Fact]
    public void Pending_criminal_proceedings_for_refusing_to_pay_wages_block_early_removal()
    {
        var e = Evaluate(AnApplication.For(Listing).CorrectedOn("2025-06-15").CriminalProceedingsPending(), "2026-01-05");
        Assert.Equal([RepairCodes.CriminalProceedingsPending], Codes(e));
        Assert.Null(e.EarliestDate);
    }

    [Fact]
    public void A_party_listed_with_the_unit_leaves_with_the_unit_and_does_not_apply_alone()
    {
        var person = Listings.PartyOf(Listing, Some.Person, "rep");
        var e = RepairEligibility.Evaluate(person, AnApplication.For(person).CorrectedOn("2025-06-15"), Some.Date("2026-01-05"), Catalogues.Embedded);
        Assert.Equal([RepairCodes.LeavesWithUnit], Codes(e));
        Assert.Null(e.EarliestDate);
    }

    [Fact]
    public void An_individual_listed_on_its_own_applies_like_a_unit()
    {
        var person = ARecord.WageArrearsList().For(Some.Person).DecidedOn("2025-03-10").Build();
        var e = RepairEligibility.Evaluate(person, AnApplication.For(person).CorrectedOn("2025-06-15"), Some.Date("2025-12-15"), Catalogues.Embedded);
        Assert.True(e.IsEligible);
    }
}
