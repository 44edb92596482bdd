using CreditFunctions.App.Cases;

namespace CreditFunctions.App.Repairs;

/// <summary>Stored repair applications in the API's shapes.</summary>
public static class RepairViews
{
    public static RepairView Of(StoredRepair r)
    {
        var decided = r.Status == CaseStatus.Decided;
        return new RepairView(
            r.RepairId,
            decided ? CaseStatus.Decided : CaseStatus.Pending,
            r.RecordId,
            r.Unit,
            r.Statement,
            r.Commitment,
            r.Evidence,
            r.CorrectedOn,
            r.WageArrearsRemoval,
            r.FiledOn,
            r.DueOn,
            decided ? r.Outcome : null,
            decided ? r.DecisionReason : null,
            decided ? r.DecidedOn : null,
            decided && r.DecidedOn is { } on ? on > r.DueOn : null,
            decided && r.RemovedWithUnit.Count > 0 ? r.RemovedWithUnit : null);
    }

    public static RepairSummary Summary(CaseIndexRow row, DateOnly today) =>
        new(row.Id, row.Status, row.RecordId, row.Unit, row.FiledOn, row.DueOn, row.Outcome, row.IsOverdueOn(today));
}
