using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Repairs;

/// <summary>The submitting unit's decision on an eligible repair application (docs/contracts.md "Shapes clients rely on": <c>approved|rejected</c>).</summary>
public enum RepairOutcome
{
    Approved,
    Rejected,
}

/// <summary>One problem with a repair decision: a stable code (<see cref="RepairCodes"/>), the field, a sentence in Chinese and English.</summary>
public sealed record RepairDecisionProblem(string Code, bool Forbidden, string? Field, string Zh, string En);

/// <summary>The result of <see cref="RepairDecisions.Check"/>.</summary>
public sealed record RepairDecisionCheck
{
    public required IReadOnlyList<RepairDecisionProblem> Problems { get; init; }
    public bool IsAccepted => Problems.Count == 0;
    public RepairOutcome? Outcome { get; init; }
    public string? Reason { get; init; }
}

/// <summary>Who decides a repair, what a decision needs, and what an approval does to the record.</summary>
public static class RepairDecisions
{
    public static string ToWire(this RepairOutcome outcome) => outcome == RepairOutcome.Approved ? "approved" : "rejected";

    public static bool TryParse(string? value, out RepairOutcome outcome)
    {
        switch (value)
        {
            case "approved": outcome = RepairOutcome.Approved; return true;
            case "rejected": outcome = RepairOutcome.Rejected; return true;
            default: outcome = default; return false;
        }
    }

    /// <summary>
    /// Only the unit that submitted the record decides its repair (docs/rules.md "Credit repair (art11)": "the submitting unit
    /// decides"; for the wage-arrears list, the department that made the listing decision, MOHRSS Order No. 45).
    /// </summary>
    public static bool MayDecide(string? unitCode, CreditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return unitCode is not null && string.Equals(unitCode, record.Source, StringComparison.Ordinal);
    }

    /// <summary>Checks a decision: the deciding unit, an outcome of approved or rejected, and a reason (1..2000 characters) for a rejection.</summary>
    public static RepairDecisionCheck Check(string? unitCode, CreditRecord record, string? outcome, string? reason)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!MayDecide(unitCode, record))
        {
            return new RepairDecisionCheck
            {
                Problems = [new RepairDecisionProblem(RepairCodes.NotSubmittingUnit, true, null,
                    "只有报送该记录的单位可以作出信用修复决定。",
                    "Only the unit that submitted the record may decide its repair.")],
            };
        }
        var problems = new List<RepairDecisionProblem>();
        RepairOutcome? parsed = null;
        if (TryParse(TextRules.Clean(outcome), out var o)) parsed = o;
        else
        {
            problems.Add(new RepairDecisionProblem(RepairCodes.OutcomeInvalid, false, "outcome",
                $"决定结果“{outcome}”无效，应为 approved（准予修复）或 rejected（不予修复）。",
                $"Outcome '{outcome}' is invalid: expected approved or rejected."));
        }
        var cleaned = TextRules.Clean(reason);
        if (cleaned is null && parsed == RepairOutcome.Rejected)
        {
            problems.Add(new RepairDecisionProblem(RepairCodes.ReasonRequired, false, "reason",
                $"不予修复的，须说明理由（1 至 {TextRules.MaxReasonCharacters} 个字）。",
                $"A rejection needs a reason (1 to {TextRules.MaxReasonCharacters} characters)."));
        }
        else if (cleaned is not null && TextRules.CharacterCount(cleaned) > TextRules.MaxReasonCharacters)
        {
            problems.Add(new RepairDecisionProblem(RepairCodes.ReasonTooLong, false, "reason",
                $"理由超过上限 {TextRules.MaxReasonCharacters} 个字。",
                $"The reason is longer than the {TextRules.MaxReasonCharacters} characters allowed."));
        }
        return new RepairDecisionCheck
        {
            Problems = problems,
            Outcome = problems.Count == 0 ? parsed : null,
            Reason = problems.Count == 0 ? cleaned : null,
        };
    }

    /// <summary>
    /// An approved repair decided on <paramref name="decidedOn"/>: the record leaves publication, sharing and every
    /// measure at once — state repaired, withdrawn from that day (Regulations art38 allows up to 3 working days; doing
    /// it at once meets it). The history keeps the record (art12). For a unit's wage-arrears listing use
    /// <see cref="RepairCascade.ApproveWithParties"/>, which also removes the parties listed with it.
    /// </summary>
    public static CreditRecord Approve(CreditRecord record, DateOnly decidedOn)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { State = RecordState.Repaired, WithdrawnOn = decidedOn };
    }
}
