using CreditFunctions.App.Cases;

namespace CreditFunctions.App.Objections;

/// <summary>Stored objections in the API's shapes.</summary>
public static class ObjectionViews
{
    public static ObjectionView Of(StoredObjection o, DateOnly today)
    {
        var decided = o.Status == CaseStatus.Decided;
        return new ObjectionView(
            o.ObjectionId,
            decided ? CaseStatus.Decided : CaseStatus.Pending,
            o.RecordId,
            o.Unit,
            o.FiledAs,
            o.Reason,
            o.Evidence,
            o.FiledOn,
            o.DecideBy,
            o.IsOverdueOn(today),
            o.EscalatedAt,
            decided ? o.Outcome : null,
            decided ? o.DecisionReason : null,
            decided ? o.DecidedOn : null,
            decided ? o.CorrectedVersion : null);
    }

    public static ObjectionSummary Summary(CaseIndexRow row, DateOnly today) => new(
        row.Id, row.Status, row.RecordId, row.Unit, row.FiledOn, row.DueOn, row.IsOverdueOn(today), row.Escalated, row.Outcome, row.DecidedOn, row.FiledAs);
}
