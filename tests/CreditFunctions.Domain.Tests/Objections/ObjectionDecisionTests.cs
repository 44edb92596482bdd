using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Objections;

/// <summary>
/// art10 and Regulations art36: the unit that submitted the record decides — corrected (a new version, classified
/// again), revoked (withdrawn) or upheld (with a reason).
/// </summary>
public class ObjectionDecisionTests
{
    private const string Unit = "SH-HRSS-ENFORCEMENT";
    private static readonly DateOnly Today = Some.Date("2024-05-15");
    private static readonly CreditRecord Marked =
        ObjectionPolicy.MarkUnderObjection(ARecord.AdminPenalty().For(Some.Unit).DecidedOn("2024-04-30").WithId("rec-A").Build());

    private static ObjectionDecisionCheck Decide(ObjectionDecisionRequest decision, string? unit = Unit, bool open = true) =>
        ObjectionPolicy.CheckDecision(unit, Marked, open, decision, Catalogues.Embedded, Today);

    private static string[] Codes(ObjectionDecisionCheck check) => check.Problems.Select(p => p.Code).ToArray();

    [Fact]
    public void Art10_only_the_submitting_unit_decides()
    {
        Assert.Equal(Unit, Marked.Source);
        Assert.True(ObjectionPolicy.MayDecide(Unit, Marked));
        Assert.False(ObjectionPolicy.MayDecide("SH-DISTRICT-PUDONG", Marked));
        Assert.False(ObjectionPolicy.MayDecide("SH-CREDIT-CENTER", Marked));
        Assert.False(ObjectionPolicy.MayDecide(null, Marked));

        var check = Decide(new ObjectionDecisionRequest { Outcome = "revoked" }, unit: "SH-DISTRICT-PUDONG");
        Assert.Equal([ObjectionCodes.NotSubmittingUnit], Codes(check));
        Assert.Equal(ObjectionProblemKind.Forbidden, check.Problems[0].Kind);
    }

    [Fact]
    public void A_decided_objection_is_not_decided_again()
    {
        var check = Decide(new ObjectionDecisionRequest { Outcome = "revoked" }, open: false);
        Assert.Equal([ObjectionCodes.ObjectionNotOpen], Codes(check));
        Assert.Equal(ObjectionProblemKind.Conflict, check.Problems[0].Kind);
    }

    [Fact]
    public void The_outcome_is_corrected_revoked_or_upheld()
    {
        Assert.Equal([ObjectionCodes.OutcomeRequired], Codes(Decide(new ObjectionDecisionRequest())));
        Assert.Equal([ObjectionCodes.OutcomeInvalid], Codes(Decide(new ObjectionDecisionRequest { Outcome = "rejected" })));
        Assert.Equal([ObjectionCodes.OutcomeInvalid], Codes(Decide(new ObjectionDecisionRequest { Outcome = "Revoked" })));
    }

    [Fact]
    public void Upheld_needs_a_reason_of_1_to_2000_characters()
    {
        Assert.Equal([ObjectionCodes.ReasonRequired], Codes(Decide(new ObjectionDecisionRequest { Outcome = "upheld" })));
        Assert.Equal([ObjectionCodes.ReasonRequired], Codes(Decide(new ObjectionDecisionRequest { Outcome = "upheld", Reason = "   " })));
        Assert.Equal([ObjectionCodes.ReasonTooLong],
            Codes(Decide(new ObjectionDecisionRequest { Outcome = "upheld", Reason = new string('理', 2001) })));
        var ok = Decide(new ObjectionDecisionRequest { Outcome = "upheld", Reason = new string('理', 2000) });
        Assert.True(ok.IsAccepted);
        Assert.Equal(ObjectionOutcome.Upheld, ok.Outcome);
    }

    [Fact]
    public void Upheld_the_record_stands_and_loses_the_mark()
    {
        var check = Decide(new ObjectionDecisionRequest { Outcome = "upheld", Reason = "复核无误。" });
        var after = ObjectionPolicy.ApplyDecision(Marked, check, Today);
        Assert.False(after.UnderObjection);
        Assert.Equal(RecordState.Active, after.State);
        Assert.Equal(Marked.Version, after.Version);
        Assert.True(after.IsActiveOn(Today));
    }

    [Fact]
    public void Revoked_the_record_is_withdrawn_from_the_decision_day()
    {
        var check = Decide(new ObjectionDecisionRequest { Outcome = "revoked" });
        Assert.True(check.IsAccepted);
        var after = ObjectionPolicy.ApplyDecision(Marked, check, Today);
        Assert.Equal(RecordState.Revoked, after.State);
        Assert.Equal(Today, after.WithdrawnOn);
        Assert.False(after.UnderObjection);
        Assert.True(after.IsActiveOn(Today.AddDays(-1)));
        Assert.False(after.IsActiveOn(Today));
    }

    [Fact]
    public void Corrected_needs_the_corrected_fields()
    {
        var check = Decide(new ObjectionDecisionRequest { Outcome = "corrected" });
        Assert.Equal([ObjectionCodes.CorrectedFieldsRequired], Codes(check));
    }

    [Fact]
    public void Corrected_is_a_new_version_classified_again()
    {
        var corrected = ASubmission.AdminPenalty().About(Some.Unit).Behaviour("si-contribution-unpaid").DecidedOn("2024-04-28").Build();
        var check = Decide(new ObjectionDecisionRequest { Outcome = "corrected", Corrected = corrected });
        Assert.True(check.IsAccepted);
        var after = ObjectionPolicy.ApplyDecision(Marked, check, Today);
        Assert.Equal("rec-A", after.RecordId);
        Assert.Equal(Marked.Source, after.Source);
        Assert.Equal(Marked.SourceRecordId, after.SourceRecordId);
        Assert.Equal(Marked.Version + 1, after.Version);
        Assert.Equal(Some.Date("2024-04-28"), after.DecisionDate);
        Assert.Equal("si-contribution-unpaid", after.BehaviourCode);
        Assert.False(after.UnderObjection);
        Assert.Equal(RecordState.Active, after.State);
    }

    [Fact]
    public void Art5_2_a_correction_that_finds_the_harm_mitigated_takes_the_record_out_of_publication()
    {
        var corrected = ASubmission.AdminPenalty().About(Some.Unit).General().HarmMitigated().Build();
        var check = Decide(new ObjectionDecisionRequest { Outcome = "corrected", Corrected = corrected });
        var after = ObjectionPolicy.ApplyDecision(Marked, check, Today);
        Assert.Equal(RecordClassification.Excluded, after.Classification);
        Assert.False(after.IsActiveOn(Today));
    }

    [Fact]
    public void Art5_a_correction_is_checked_like_any_submission()
    {
        var corrected = ASubmission.AdminPenalty().About(Some.Unit).Serious().Build();   // serious, no legal basis
        var check = Decide(new ObjectionDecisionRequest { Outcome = "corrected", Corrected = corrected });
        var problem = Assert.Single(check.Problems);
        Assert.Equal(RejectionCodes.SeriousWithoutLegalBasis, problem.Code);
        Assert.Equal("corrected.legalBasis", problem.Field);
        Assert.Equal(ObjectionProblemKind.InvalidInput, problem.Kind);
        Assert.Null(check.CorrectedRecord);
    }

    [Fact]
    public void A_correction_keeps_the_subject_and_the_kind()
    {
        var otherSubject = ASubmission.AdminPenalty().About(Some.OtherUnit).Behaviour("si-contribution-unpaid").Build();
        Assert.Equal([ObjectionCodes.CorrectedSubjectChanged],
            Codes(Decide(new ObjectionDecisionRequest { Outcome = "corrected", Corrected = otherSubject })));

        var otherKind = ASubmission.FalseMaterials().About(Some.Unit).From(Unit).Build();
        Assert.Equal([ObjectionCodes.CorrectedKindChanged],
            Codes(Decide(new ObjectionDecisionRequest { Outcome = "corrected", Corrected = otherKind })));
    }

    [Fact]
    public void A_refused_decision_cannot_be_applied()
    {
        var check = Decide(new ObjectionDecisionRequest { Outcome = "upheld" });
        Assert.Throws<ArgumentException>(() => ObjectionPolicy.ApplyDecision(Marked, check, Today));
    }

    [Fact]
    public void Outcomes_have_stable_wire_names()
    {
        Assert.Equal(["corrected", "revoked", "upheld"],
            Enum.GetValues<ObjectionOutcome>().Select(o => o.ToWire()).ToArray());
        foreach (var o in Enum.GetValues<ObjectionOutcome>())
        {
            Assert.True(ObjectionOutcomes.TryParse(o.ToWire(), out var back));
            Assert.Equal(o, back);
        }
    }
}
