using Azure.Data.Tables;
using CreditFunctions.App.Objections;

namespace CreditFunctions.App.Repairs;

/// <summary>
/// Keys and entities of the <c>Repairs</c> table (docs/table-design.md, "Repairs"): the application at
/// <c>p|{repairId}</c> / <c>repair</c>; the record's one open application at <c>r|{recordId}</c> / <c>open</c>; a unit's
/// list at <c>unit|{unit}</c> / <c>pending|{id}</c> or <c>decided|{id}</c>.
/// </summary>
public static class RepairEntities
{
    public const string RepairRow = "repair";
    public const string OpenRow = "open";

    public static string RepairPartition(string repairId) => "p|" + repairId;

    public static string ClaimPartition(string recordId) => "r|" + recordId;

    public static string UnitPartition(string unit) => "unit|" + Storage.TableKeys.Escape(unit);

    public static string UnitRow(string status, string repairId) => (status == RepairStatus.Decided ? "decided|" : "pending|") + repairId;

    public static TableEntity ToEntity(StoredRepair r) => new(RepairPartition(r.RepairId), RepairRow)
    {
        ["RepairId"] = r.RepairId,
        ["RecordId"] = r.RecordId,
        ["SubjectKey"] = r.SubjectKey,
        ["Unit"] = r.Unit,
        ["FiledBy"] = r.FiledBy,
        ["Statement"] = r.Statement,
        ["Commitment"] = r.Commitment,
        ["Evidence"] = ObjectionEntities.WriteList(r.Evidence),
        ["CorrectedOn"] = ObjectionEntities.Date(r.CorrectedOn),
        ["CriminalProceedingsPending"] = r.CriminalProceedingsPending,
        ["WageArrearsRemoval"] = r.WageArrearsRemoval,
        ["FiledAt"] = r.FiledAt,
        ["FiledOn"] = ObjectionEntities.Date(r.FiledOn),
        ["DueOn"] = ObjectionEntities.Date(r.DueOn),
        ["Status"] = r.Status,
        ["Outcome"] = r.Outcome,
        ["DecisionReason"] = r.DecisionReason,
        ["DecidedBy"] = r.DecidedBy,
        ["DecidedOn"] = ObjectionEntities.Date(r.DecidedOn),
        ["RemovedWithUnit"] = ObjectionEntities.WriteList(r.RemovedWithUnit),
    };

    public static StoredRepair FromEntity(TableEntity e) => new()
    {
        RepairId = e.GetString("RepairId")!,
        RecordId = e.GetString("RecordId")!,
        SubjectKey = e.GetString("SubjectKey")!,
        Unit = e.GetString("Unit")!,
        FiledBy = e.GetString("FiledBy") ?? "",
        Statement = e.GetString("Statement") ?? "",
        Commitment = e.GetBoolean("Commitment") ?? false,
        Evidence = ObjectionEntities.ReadList(e.GetString("Evidence")),
        CorrectedOn = ObjectionEntities.ParseDate(e.GetString("CorrectedOn")),
        CriminalProceedingsPending = e.GetBoolean("CriminalProceedingsPending") ?? false,
        WageArrearsRemoval = e.GetBoolean("WageArrearsRemoval") ?? false,
        FiledAt = e.GetDateTimeOffset("FiledAt") ?? default,
        FiledOn = ObjectionEntities.ParseDate(e.GetString("FiledOn"))!.Value,
        DueOn = ObjectionEntities.ParseDate(e.GetString("DueOn"))!.Value,
        Status = e.GetString("Status") ?? RepairStatus.Pending,
        Outcome = e.GetString("Outcome"),
        DecisionReason = e.GetString("DecisionReason"),
        DecidedBy = e.GetString("DecidedBy"),
        DecidedOn = ObjectionEntities.ParseDate(e.GetString("DecidedOn")),
        RemovedWithUnit = ObjectionEntities.ReadList(e.GetString("RemovedWithUnit")),
        ETag = e.ETag,
    };

    public static TableEntity IndexEntity(string row, StoredRepair r) => new(UnitPartition(r.Unit), row)
    {
        ["RepairId"] = r.RepairId,
        ["RecordId"] = r.RecordId,
        ["Unit"] = r.Unit,
        ["Status"] = r.Status == RepairStatus.Decided ? RepairStatus.Decided : RepairStatus.Pending,
        ["FiledOn"] = ObjectionEntities.Date(r.FiledOn),
        ["DueOn"] = ObjectionEntities.Date(r.DueOn),
        ["Outcome"] = r.Outcome,
    };
}
