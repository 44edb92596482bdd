using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Repairs;

/// <summary>
/// MOHRSS Order No. 45 (arts 11–17): when a unit leaves the wage-arrears list, the parties listed with it (its legal
/// representative, principal responsible persons, actual controller) leave with it.
/// </summary>
public static class RepairCascade
{
    /// <summary>
    /// The records among <paramref name="candidates"/> listed with the unit of <paramref name="unitRecord"/>: wage-arrears
    /// listings whose <see cref="CreditRecord.ListedWithUnitId"/> is the unit's USCC, still in state active, and of the
    /// same listing — the same decision number when both carry one, otherwise the same decision date (so a party of an
    /// earlier or later listing of the same unit stays). Empty when <paramref name="unitRecord"/> is not a unit's
    /// wage-arrears listing.
    /// </summary>
    public static IReadOnlyList<CreditRecord> PartiesListedWith(CreditRecord unitRecord, IEnumerable<CreditRecord> candidates)
    {
        ArgumentNullException.ThrowIfNull(unitRecord);
        ArgumentNullException.ThrowIfNull(candidates);
        if (unitRecord.Kind != RecordKind.WageArrearsList || unitRecord.Subject.Type != SubjectType.Unit) return [];
        var uscc = unitRecord.Subject.Value;
        var parties = new List<CreditRecord>();
        foreach (var c in candidates)
        {
            if (c.RecordId == unitRecord.RecordId || c.Kind != RecordKind.WageArrearsList || c.State != RecordState.Active) continue;
            if (!string.Equals(c.ListedWithUnitId?.Trim(), uscc, StringComparison.OrdinalIgnoreCase)) continue;
            if (!SameListing(unitRecord, c)) continue;
            parties.Add(c);
        }
        return parties;
    }

    /// <summary>
    /// Approves the repair of <paramref name="unitRecord"/> on <paramref name="decidedOn"/> and removes every party listed
    /// with it the same day: the unit's record first, then the parties' (all state repaired, withdrawn that day).
    /// </summary>
    public static IReadOnlyList<CreditRecord> ApproveWithParties(CreditRecord unitRecord, IEnumerable<CreditRecord> candidates, DateOnly decidedOn)
    {
        var parties = PartiesListedWith(unitRecord, candidates);
        var result = new List<CreditRecord>(parties.Count + 1) { RepairDecisions.Approve(unitRecord, decidedOn) };
        foreach (var p in parties) result.Add(RepairDecisions.Approve(p, decidedOn));
        return result;
    }

    private static bool SameListing(CreditRecord unit, CreditRecord party)
    {
        if (!string.IsNullOrWhiteSpace(unit.DecisionNumber) && !string.IsNullOrWhiteSpace(party.DecisionNumber))
        {
            return string.Equals(unit.DecisionNumber.Trim(), party.DecisionNumber.Trim(), StringComparison.Ordinal);
        }
        return unit.DecisionDate == party.DecisionDate;
    }
}
