using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Tests.Builders;
using CreditFunctions.Domain.Tests.Objections;

namespace CreditFunctions.Domain.Tests.Repairs;

/// <summary>
/// art11 and NDRC Order No. 36 (No. 58 for records decided before 2026-04-01): repair of an active dishonesty record
/// once the minimum period has passed, with a statement of the correction, a public credit commitment and proof; an
/// application that fails is refused at once with every reason and the earliest date it could succeed.
/// </summary>
public class RepairEligibilityTests
{
    // NDRC Order No. 58: general or serious, at least 3 months → repairable from 2024-07-30.
    private static readonly CreditRecord Penalty = ARecord.AdminPenalty().For(Some.Unit).DecidedOn("2024-04-30").WithId("rec-P");

    private static RepairEvaluation Evaluate(CreditRecord record, RepairApplication application, string today) =>
        RepairEligibility.Evaluate(record, application, Some.Date(today), Catalogues.Embedded, null, TheCalendar.Embedded);

    private static string[] Codes(RepairEvaluation e) => e.Conditions.Select(c => c.Code).ToArray();

    [Fact]
    public void The_minimum_period_is_on_the_record()
    {
        Assert.Equal(Some.Date("2024-07-30"), Penalty.RepairableFrom);
        Assert.Equal("ndrc-order-58", Penalty.Regime);
    }

    [Fact]
    public void NDRC_Order_58_too_early_the_refusal_names_the_day_repair_becomes_possible()
    {
        var e = Evaluate(Penalty, AnApplication.For(Penalty), "2024-07-29");
        Assert.False(e.IsEligible);
        var c = Assert.Single(e.Conditions);
        Assert.Equal(RepairCodes.MinimumPeriodNotPassed, c.Code);
        Assert.Equal(RepairConditionNature.DateBound, c.Nature);
        Assert.Equal(Some.Date("2024-07-30"), c.EarliestDate);
        Assert.Equal(Some.Date("2024-07-30"), e.EarliestDate);
        Assert.Contains("2024-07-30", c.Zh);
        Assert.Contains("2024-07-30", c.En);
        Assert.Equal("NDRC Order No. 58", c.Source);
        Assert.Null(e.DueOn);
    }

    [Fact]
    public void NDRC_Order_58_on_the_first_eligible_day_the_application_goes_to_the_unit()
    {
        var e = Evaluate(Penalty, AnApplication.For(Penalty), "2024-07-30");
        Assert.True(e.IsEligible);
        Assert.Empty(e.Conditions);
        Assert.Null(e.EarliestDate);
        // Decided within 3 working days (default): Wed 07-31, Thu 08-01, Fri 08-02.
        Assert.Equal(Some.Date("2024-08-02"), e.DueOn);
    }

    [Fact]
    public void NDRC_Order_36_a_serious_record_waits_one_year()
    {
        CreditRecord serious = ARecord.AdminPenalty().Serious().DecidedOn("2026-04-10");
        Assert.Equal(Some.Date("2027-04-10"), serious.RepairableFrom);
        Assert.Equal("NDRC Order No. 36", Assert.Single(Evaluate(serious, AnApplication.For(serious), "2027-04-09").Conditions).Source);
        Assert.True(Evaluate(serious, AnApplication.For(serious), "2027-04-10").IsEligible);
    }

    [Fact]
    public void Every_unmet_condition_is_listed_at_once_with_the_date_bound_one()
    {
        var application = AnApplication.For(Penalty).WithoutStatement().WithoutCommitment().WithoutProof();
        var e = Evaluate(Penalty, application, "2024-06-01");
        Assert.Equal(
            [RepairCodes.MinimumPeriodNotPassed, RepairCodes.StatementMissing, RepairCodes.CommitmentMissing, RepairCodes.ProofMissing],
            Codes(e));
        Assert.Equal(Some.Date("2024-07-30"), e.EarliestDate);
        Assert.All(e.Conditions, c =>
        {
            Assert.Contains(c.Zh, ch => ch >= '\u4e00' && ch <= '\u9fff');
            Assert.Matches("^[A-Z]", c.En);
            Assert.False(string.IsNullOrWhiteSpace(c.Source));
        });
    }

    [Fact]
    public void When_only_things_the_applicant_can_supply_are_missing_it_could_succeed_today()
    {
        var e = Evaluate(Penalty, AnApplication.For(Penalty).WithoutCommitment(), "2024-08-15");
        Assert.Equal([RepairCodes.CommitmentMissing], Codes(e));
        Assert.Equal(Some.Date("2024-08-15"), e.EarliestDate);
    }

    [Fact]
    public void A_statement_of_white_space_is_no_statement()
    {
        Assert.Equal([RepairCodes.StatementMissing], Codes(Evaluate(Penalty, AnApplication.For(Penalty).Statement("   "), "2024-08-15")));
        Assert.Equal([RepairCodes.StatementTooLong], Codes(Evaluate(Penalty, AnApplication.For(Penalty).Statement(new string('改', 2001)), "2024-08-15")));
    }

    [Fact]
    public void Proof_needs_at_least_one_good_reference()
    {
        Assert.Equal([RepairCodes.ProofMissing], Codes(Evaluate(Penalty, AnApplication.For(Penalty).Evidence(), "2024-08-15")));
        Assert.Equal([RepairCodes.EvidenceItemInvalid], Codes(Evaluate(Penalty, AnApplication.For(Penalty).Evidence("ok.pdf", " "), "2024-08-15")));
        var many = Enumerable.Range(1, 21).Select(i => $"{i}.pdf").ToArray();
        Assert.Equal([RepairCodes.EvidenceTooMany], Codes(Evaluate(Penalty, AnApplication.For(Penalty).Evidence(many), "2024-08-15")));
    }

    [Fact]
    public void The_decision_deadline_counts_working_days_over_Spring_Festival_2026()
    {
        CreditRecord penalty = ARecord.AdminPenalty().DecidedOn("2025-06-01");   // repairable from 2025-09-01
        // Filed Fri 2026-02-13: Sat 02-14 (make-up), Tue 02-24, Wed 02-25.
        Assert.Equal(Some.Date("2026-02-25"), Evaluate(penalty, AnApplication.For(penalty), "2026-02-13").DueOn);
    }

    [Fact]
    public void Art9_2_a_court_listing_is_not_repaired_here()
    {
        CreditRecord court = ARecord.CourtDishonestDebtor().For(Some.Unit).DecidedOn("2024-03-01");
        var e = Evaluate(court, AnApplication.For(court).WithoutCommitment(), "2025-03-01");
        var c = Assert.Single(e.Conditions);
        Assert.Equal(RepairCodes.NotRepairableHere, c.Code);
        Assert.Equal(RepairConditionNature.Bar, c.Nature);
        Assert.Null(e.EarliestDate);
    }

    [Fact]
    public void Art5_2_an_excluded_record_is_not_dishonesty_and_needs_no_repair()
    {
        CreditRecord excluded = ARecord.AdminPenalty().Excluded().DecidedOn("2024-04-30");
        var e = Evaluate(excluded, AnApplication.For(excluded), "2025-03-01");
        Assert.Equal([RepairCodes.NotDishonesty], Codes(e));
        Assert.Null(e.EarliestDate);
    }

    [Fact]
    public void Art6_a_credit_enhancing_record_is_not_repaired()
    {
        CreditRecord award = ARecord.Award().DecidedOn("2024-04-30");
        var e = Evaluate(award, AnApplication.For(award), "2025-03-01");
        Assert.Equal([RepairCodes.NotDishonesty], Codes(e));
        Assert.Null(e.EarliestDate);
    }

    [Theory]
    [InlineData(RecordState.Repaired)]
    [InlineData(RecordState.Revoked)]
    [InlineData(RecordState.Withdrawn)]
    public void A_record_no_longer_shown_needs_no_repair(RecordState state)
    {
        CreditRecord gone = ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(state, "2024-09-01");
        var e = Evaluate(gone, AnApplication.For(gone), "2024-10-01");
        Assert.Equal([RepairCodes.RecordNotActive], Codes(e));
        Assert.Null(e.EarliestDate);
    }

    [Fact]
    public void An_expired_record_needs_no_repair()
    {
        // Order 58: three years, expires 2027-04-30.
        Assert.Equal([RepairCodes.RecordNotActive], Codes(Evaluate(Penalty, AnApplication.For(Penalty), "2027-04-30")));
        Assert.True(Evaluate(Penalty, AnApplication.For(Penalty), "2027-04-29").IsEligible);
    }

    [Fact]
    public void A_subject_repairs_only_its_own_records()
    {
        var e = Evaluate(Penalty, AnApplication.For(Penalty).BySubject(Some.OtherUnit), "2024-08-15");
        Assert.Equal([RepairCodes.RecordNotFound], Codes(e));
    }

    [Fact]
    public void The_earliest_date_is_the_latest_date_bound_condition_and_none_under_a_bar()
    {
        var today = Some.Date("2025-01-01");
        RepairCondition Dated(string d) => new("x", RepairConditionNature.DateBound, Some.Date(d), "s", "中", "E");
        var supply = new RepairCondition("y", RepairConditionNature.Supplyable, null, "s", "中", "E");
        var bar = new RepairCondition("z", RepairConditionNature.Bar, null, "s", "中", "E");
        Assert.Equal(Some.Date("2025-06-01"), RepairEligibility.EarliestDate([Dated("2025-03-01"), supply, Dated("2025-06-01")], today));
        Assert.Equal(today, RepairEligibility.EarliestDate([supply], today));
        Assert.Null(RepairEligibility.EarliestDate([Dated("2025-03-01"), bar], today));
    }
}
