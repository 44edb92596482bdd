using Azure.Data.Tables;
using CreditFunctions.App.Objections;

namespace CreditFunctions.App.Repairs;

/// <summary>Stored repair applications in the API's shapes.</summary>
public static class RepairViews
{
    public static RepairView Of(StoredRepair r)
    {
        var decided = r.Status == RepairStatus.Decided;
        return new RepairView(
            r.RepairId,
            r.Status,
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

    public static RepairSummary Summary(TableEntity row) => new(
        row.GetString("RepairId") ?? "",
        row.GetString("Status") ?? RepairStatus.Pending,
        row.GetString("RecordId") ?? "",
        row.GetString("Unit") ?? "",
        ObjectionEntities.ParseDate(row.GetString("FiledOn")) ?? default,
        ObjectionEntities.ParseDate(row.GetString("DueOn")) ?? default,
        row.GetString("Outcome"));
}
