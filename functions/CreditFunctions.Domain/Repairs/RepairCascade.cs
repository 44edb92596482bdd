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
        return Parties(unitRecord, candidates, SameListing);
    }

    private static IReadOnlyList<CreditRecord> Parties(CreditRecord unitRecord, IEnumerable<CreditRecord> candidates, Func<CreditRecord, CreditRecord, bool> sameListing)
    {
        if (unitRecord.Kind != RecordKind.WageArrearsList || unitRecord.Subject.Type != SubjectType.Unit) return [];
        var uscc = unitRecord.Subject.Value;
        var parties = new List<CreditRecord>();
        foreach (var c in candidates)
        {
            if (c.RecordId == unitRecord.RecordId || c.Kind != RecordKind.WageArrearsList || c.State != RecordState.Active) continue;
            if (!string.Equals(c.ListedWithUnitId?.Trim(), uscc, StringComparison.OrdinalIgnoreCase)) continue;
            if (!sameListing(unitRecord, c)) continue;
            parties.Add(c);
        }
        return parties;
    }

    /// <summary>
    /// The parties listed with the unit of <paramref name="unitRecord"/>, knowing the unit's own listings
    /// (<paramref name="unitListings"/>, any kind; its active wage-arrears listings are what count). A party belongs to a
    /// listing of the unit when its own <c>wage-arrears-list</c> record names the unit in <c>listedWithUnitId</c>: where the
    /// unit has one active listing, every such party belongs to it, whatever its decision number (parties are often listed
    /// under decisions of their own); where it has several, a party belongs to the one with the same decision number, or
    /// else the same decision date.
    /// </summary>
    public static IReadOnlyList<CreditRecord> PartiesListedWith(CreditRecord unitRecord, IEnumerable<CreditRecord> candidates, IEnumerable<CreditRecord> unitListings)
    {
        ArgumentNullException.ThrowIfNull(unitRecord);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(unitListings);
        var active = unitListings
            .Where(r => r.Kind == RecordKind.WageArrearsList && r.State == RecordState.Active && r.Subject == unitRecord.Subject)
            .Select(r => r.RecordId)
            .Append(unitRecord.RecordId)
            .Distinct(StringComparer.Ordinal)
            .Count();
        return active <= 1 ? Parties(unitRecord, candidates, sameListing: (_, _) => true) : PartiesListedWith(unitRecord, candidates);
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
