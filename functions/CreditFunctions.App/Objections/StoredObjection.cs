using Azure.Data.Tables;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Objections;

/// <summary>
/// An objection as stored in <c>Objections</c> (docs/table-design.md, "Cases"): a case, plus who filed it for the subject,
/// the reason and evidence, the deadlines of the Regulations' art36 on the filing day, and a correction's fields.
/// </summary>
public sealed record StoredObjection : StoredCase
{
    public StoredObjection()
    {
    }

    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public StoredObjection(CaseFields fields)
        : base(fields)
    {
        // The kind reads its own fields over these.
        FiledAs = "subject";
        Reason = "";
    }

    /// <summary>"subject" or "center" (art10: the subject, or the Center acting for it).</summary>
    public required string FiledAs { get; init; }
    public required string Reason { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public required DateOnly MarkBy { get; init; }
    public required DateOnly PassToUnitBy { get; init; }
    public required int DecideWorkingDays { get; init; }

    /// <summary>The corrected record fields as the unit sent them, completed from the record (kept so a crashed decision can be finished).</summary>
    public string? CorrectedJson { get; init; }
    public long? CorrectedVersion { get; init; }

    public string ObjectionId => Id;

    /// <summary>The last working day for the unit's decision (Regulations art36: 5 working days).</summary>
    public DateOnly DecideBy => DueOn;
}

/// <summary>The <c>Objections</c> table's own part: its name, its id prefix and its fields.</summary>
public sealed class ObjectionKind : CaseKind<StoredObjection>
{
    public override string TableName => TableNames.Objections;

    public override string IdPrefix => CaseIds.ObjectionPrefix;

    public override void Write(StoredObjection value, TableEntity entity)
    {
        entity["FiledAs"] = value.FiledAs;
        entity["Reason"] = value.Reason;
        entity["Evidence"] = WriteList(value.Evidence);
        entity["MarkBy"] = Date(value.MarkBy);
        entity["PassToUnitBy"] = Date(value.PassToUnitBy);
        entity["DecideWorkingDays"] = value.DecideWorkingDays;
        entity["CorrectedJson"] = value.CorrectedJson;
        entity["CorrectedVersion"] = value.CorrectedVersion;
    }

    /// <summary>Who filed it, so the Center's list (its own filings, every unit's) needs no read of each objection.</summary>
    public override void WriteIndex(StoredObjection value, TableEntity row) => row["FiledAs"] = value.FiledAs;

    public override StoredObjection Read(TableEntity entity, CaseFields c) => new(c)
    {
        FiledAs = entity.GetString("FiledAs") ?? "subject",
        Reason = entity.GetString("Reason") ?? "",
        Evidence = ReadList(entity.GetString("Evidence")),
        MarkBy = ParseDate(entity.GetString("MarkBy")) ?? c.FiledOn,
        PassToUnitBy = ParseDate(entity.GetString("PassToUnitBy")) ?? c.FiledOn,
        DecideWorkingDays = entity.GetInt32("DecideWorkingDays") ?? 5,
        CorrectedJson = entity.GetString("CorrectedJson"),
        CorrectedVersion = entity.GetInt64("CorrectedVersion"),
    };
}
