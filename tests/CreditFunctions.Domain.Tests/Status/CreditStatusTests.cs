using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Status;

/// <summary>art8: status and measures of a subject on a day. Records are decided 2024-04-30 unless said otherwise.</summary>
public class CreditStatusTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 1);

    private static CreditStatusResult Evaluate(DateOnly? asOf = null, params CreditRecord[] records) =>
        CreditStatusEvaluator.Evaluate(Some.Unit, records, asOf ?? AsOf, Catalogues.Embedded);

    private static string[] Codes(CreditStatusResult r) => r.Measures.Select(m => m.Article).ToArray();

    [Fact]
    public void Art8_no_active_record_means_no_record_and_no_measure()
    {
        var r = Evaluate();
        Assert.Equal(CreditStatus.NoRecord, r.Status);
        Assert.Empty(r.Measures);
        Assert.Empty(r.ActiveRecords);
        Assert.Equal("2023-09-01", r.CatalogueVersion);
    }

    [Fact]
    public void Art8_any_active_serious_record_makes_serious_dishonesty()
    {
        var r = Evaluate(null, ARecord.AdminPenalty().General(), ARecord.FalseMaterials().Serious(), ARecord.Award());
        Assert.Equal(CreditStatus.SeriousDishonesty, r.Status);
        Assert.Equal(3, r.ActiveRecords.Count);
    }

    [Fact]
    public void Art8_general_dishonesty_when_no_serious_record_is_active()
    {
        Assert.Equal(CreditStatus.GeneralDishonesty, Evaluate(null, ARecord.AdminPenalty().General(), ARecord.Award()).Status);
    }

    [Fact]
    public void Art8_trustworthy_with_an_active_credit_enhancing_record_and_no_dishonesty()
    {
        Assert.Equal(CreditStatus.Trustworthy, Evaluate(null, ARecord.HarmoniousLabourEnterprise()).Status);
    }

    [Fact]
    public void Art8_2_1_any_dishonesty_makes_the_subject_a_key_review_target_with_its_records_as_reasons()
    {
        CreditRecord penalty = ARecord.AdminPenalty().General().WithId("p1");
        var r = Evaluate(null, penalty);
        var review = Assert.Single(r.Measures, m => m.Article == "art8.2.1");
        Assert.Equal("key-review", review.Code);
        Assert.Equal(MeasureKind.Constraint, review.Kind);
        Assert.Equal("列为人力资源社会保障业务重点审查对象", review.Name.Zh);
        var reason = Assert.Single(review.Reasons);
        Assert.Equal("art5.2", reason.Article);
        Assert.Equal(["p1"], reason.RecordIds);
    }

    [Fact]
    public void Art8_2_2_any_dishonesty_makes_the_subject_a_key_supervision_target()
    {
        Assert.Contains("art8.2.2", Codes(Evaluate(null, ARecord.CommitmentBreach().General())));
    }

    [Fact]
    public void Art8_2_3_serious_dishonesty_excludes_notification_and_commitment()
    {
        Assert.Equal(["art8.2.1", "art8.2.2", "art8.2.3"], Codes(Evaluate(null, ARecord.FalseMaterials().Serious())));
    }

    [Fact]
    public void Art8_2_3_any_commitment_breach_excludes_notification_and_commitment()
    {
        CreditRecord breach = ARecord.CommitmentBreach().General().WithId("c1");
        var m = Assert.Single(Evaluate(null, breach).Measures, m => m.Article == "art8.2.3");
        Assert.Equal("art5.4", m.Reasons.Single().Article);
        Assert.Equal(["c1"], m.Reasons.Single().RecordIds);
    }

    [Fact]
    public void Art8_2_3_general_dishonesty_other_than_a_commitment_breach_keeps_notification_and_commitment()
    {
        Assert.Equal(["art8.2.1", "art8.2.2"], Codes(Evaluate(null, ARecord.AdminPenalty().General())));
    }

    [Fact]
    public void Art8_reasons_group_the_records_by_the_article_they_come_from()
    {
        var r = Evaluate(null, ARecord.AdminPenalty().General().WithId("a"), ARecord.AdminPenalty().Serious().WithId("b"), ARecord.FalseMaterials().General().WithId("c"));
        var review = r.Measures.Single(m => m.Article == "art8.2.1");
        Assert.Equal(2, review.Reasons.Count);
        Assert.Equal(["a", "b"], review.Reasons.Single(x => x.Article == "art5.2").RecordIds.Order());
        Assert.Equal(["c"], review.Reasons.Single(x => x.Article == "art5.3").RecordIds);
    }

    [Fact]
    public void Art8_1_1_and_art8_1_2_a_trustworthy_subject_gets_facilitation_and_fewer_inspections()
    {
        CreditRecord award = ARecord.Award().WithId("w1");
        var r = Evaluate(null, award);
        Assert.Equal(["art8.1.1", "art8.1.2"], Codes(r));
        Assert.All(r.Measures, m => Assert.Equal(MeasureKind.Incentive, m.Kind));
        Assert.Equal(["w1"], r.Measures[0].Reasons.Single().RecordIds);
        Assert.Equal("art6.1", r.Measures[0].Reasons.Single().Article);
    }

    [Fact]
    public void Art8_1_incentives_never_apply_with_active_dishonesty()
    {
        var r = Evaluate(null, ARecord.HarmoniousLabourEnterprise(), ARecord.AdminPenalty().General());
        Assert.DoesNotContain(r.Measures, m => m.Kind == MeasureKind.Incentive);
        Assert.Equal(CreditStatus.GeneralDishonesty, r.Status);
    }

    [Fact]
    public void Art5_2_an_excluded_record_is_never_counted()
    {
        var r = Evaluate(null, ARecord.AdminPenalty().Excluded());
        Assert.Equal(CreditStatus.NoRecord, r.Status);
        Assert.Empty(r.ActiveRecords);
    }

    [Fact]
    public void Art9_2_a_court_listing_is_shown_but_does_not_change_the_status()
    {
        CreditRecord court = ARecord.CourtDishonestDebtor();
        var r = Evaluate(null, court);
        Assert.Equal(CreditStatus.NoRecord, r.Status);
        Assert.Equal(court, Assert.Single(r.ActiveRecords));
        Assert.Empty(r.Measures);
        Assert.Equal(["art9.2.1", "art9.2.2"], r.JointPunishments.Select(j => j.Article));
    }

    [Fact]
    public void Art9_2_a_court_listing_does_not_take_away_trustworthy()
    {
        Assert.Equal(CreditStatus.Trustworthy, Evaluate(null, ARecord.CourtDishonestDebtor(), ARecord.Award()).Status);
    }

    [Fact]
    public void Art9_1_a_wage_arrears_listing_brings_joint_punishment_and_serious_status()
    {
        var r = Evaluate(null, ARecord.WageArrearsList());
        Assert.Equal(CreditStatus.SeriousDishonesty, r.Status);
        Assert.Equal("art9.1", Assert.Single(r.JointPunishments).Article);
        Assert.Equal(MeasureKind.JointPunishment, r.JointPunishments[0].Kind);
    }

    [Fact]
    public void An_expired_record_leaves_the_status_on_its_expiry_day()
    {
        CreditRecord r = ARecord.AdminPenalty().General().DecidedOn("2026-04-01"); // order 36 general: expires 2027-04-01
        Assert.Equal(CreditStatus.GeneralDishonesty, Evaluate(Some.Date("2027-03-31"), r).Status);
        Assert.Equal(CreditStatus.NoRecord, Evaluate(Some.Date("2027-04-01"), r).Status);
    }

    [Fact]
    public void Records_of_other_subjects_are_ignored()
    {
        Assert.Equal(CreditStatus.NoRecord, Evaluate(null, ARecord.AdminPenalty().Serious().For(Some.OtherUnit)).Status);
    }

    [Fact]
    public void Active_records_are_listed_newest_decision_first()
    {
        var r = Evaluate(null, ARecord.AdminPenalty().General().DecidedOn("2024-01-01").WithId("old"), ARecord.Award().DecidedOn("2025-01-01").WithId("new"));
        Assert.Equal(["new", "old"], r.ActiveRecords.Select(x => x.RecordId));
    }

    [Fact]
    public void Art15_after_the_measures_end_on_2028_08_31_only_measures_resting_on_national_rules_apply()
    {
        CreditRecord wage = ARecord.WageArrearsList().DecidedOn("2026-06-01");
        var last = Evaluate(Some.Date("2028-08-31"), wage);
        Assert.True(last.MeasuresInForce);
        Assert.Contains("art8.2.1", Codes(last));

        var after = Evaluate(Some.Date("2028-09-01"), wage);
        Assert.False(after.MeasuresInForce);
        Assert.Equal(CreditStatus.SeriousDishonesty, after.Status);
        Assert.Empty(after.Measures);
        Assert.Equal("art9.1", Assert.Single(after.JointPunishments).Article);
        Assert.Equal("2026-04-01", after.CatalogueVersion);
    }

    [Fact]
    public void The_status_alone_agrees_with_the_full_evaluation()
    {
        CreditRecord[] records = [ARecord.AdminPenalty().General(), ARecord.Award(), ARecord.CourtDishonestDebtor()];
        Assert.Equal(Evaluate(null, records).Status, CreditStatusEvaluator.StatusOf(Some.Unit, records, AsOf));
    }
}
