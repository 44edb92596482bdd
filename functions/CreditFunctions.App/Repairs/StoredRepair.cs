using Azure.Data.Tables;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Repairs;

/// <summary>A repair application as stored in <c>Repairs</c>: a case, plus the subject's statement, commitment and proof.</summary>
public sealed record StoredRepair : StoredCase
{
    public StoredRepair()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public StoredRepair(CaseFields fields)
        : base(fields)
    {
        // The kind reads its own fields over these.
        Statement = "";
    }

    public required string Statement { get; init; }
    public bool Commitment { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public DateOnly? CorrectedOn { get; init; }
    public bool CriminalProceedingsPending { get; init; }
    public bool WageArrearsRemoval { get; init; }

    /// <summary>Records of parties listed with the unit that left the list with it (MOHRSS Order No. 45).</summary>
    public IReadOnlyList<string> RemovedWithUnit { get; init; } = [];

    public string RepairId => Id;
}

/// <summary>The <c>Repairs</c> table's own part: its name, its id prefix and its fields.</summary>
public sealed class RepairKind : CaseKind<StoredRepair>
{
    public override string TableName => TableNames.Repairs;

    public override string IdPrefix => CaseIds.RepairPrefix;

    public override void Write(StoredRepair value, TableEntity entity)
    {
        entity["Statement"] = value.Statement;
        entity["Commitment"] = value.Commitment;
        entity["Evidence"] = WriteList(value.Evidence);
        entity["CorrectedOn"] = Date(value.CorrectedOn);
        entity["CriminalProceedingsPending"] = value.CriminalProceedingsPending;
        entity["WageArrearsRemoval"] = value.WageArrearsRemoval;
        entity["RemovedWithUnit"] = WriteList(value.RemovedWithUnit);
    }

    public override StoredRepair Read(TableEntity entity, CaseFields c) => new(c)
    {
        Statement = entity.GetString("Statement") ?? "",
        Commitment = entity.GetBoolean("Commitment") ?? false,
        Evidence = ReadList(entity.GetString("Evidence")),
        CorrectedOn = ParseDate(entity.GetString("CorrectedOn")),
        CriminalProceedingsPending = entity.GetBoolean("CriminalProceedingsPending") ?? false,
        WageArrearsRemoval = entity.GetBoolean("WageArrearsRemoval") ?? false,
        RemovedWithUnit = ReadList(entity.GetString("RemovedWithUnit")),
    };
}
