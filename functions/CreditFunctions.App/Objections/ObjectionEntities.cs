using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace CreditFunctions.App.Objections;

/// <summary>
/// Keys and entities of the <c>Objections</c> table (docs/table-design.md, "Objections"):
/// <list type="bullet">
/// <item><c>o|{objectionId}</c> / <c>objection</c>: the objection itself (point read by id; ETag-guarded status changes);</item>
/// <item><c>r|{recordId}</c> / <c>open</c>: the record's one open objection (Add fails when one is open);</item>
/// <item><c>unit|{unit}</c> / <c>pending|{id}</c> or <c>decided|{id}</c>: a unit's list, one range query per status;</item>
/// <item><c>pending</c> / <c>d|{decideBy:yyyyMMdd}|{id}</c> (not yet escalated) or <c>e|{id}</c> (escalated): every open
/// objection, so the sweep reads only those whose decide-by day has passed.</item>
/// </list>
/// </summary>
public static class ObjectionEntities
{
    public const string ObjectionRow = "objection";
    public const string OpenRow = "open";
    public const string PendingPartition = "pending";

    public static string ObjectionPartition(string objectionId) => "o|" + objectionId;

    public static string ClaimPartition(string recordId) => "r|" + recordId;

    public static string UnitPartition(string unit) => "unit|" + Storage.TableKeys.Escape(unit);

    public static string UnitRow(string status, string objectionId) =>
        (status == ObjectionStatus.Decided ? "decided|" : "pending|") + objectionId;

    public static string DueRow(DateOnly decideBy, string objectionId) => $"d|{decideBy:yyyyMMdd}|{objectionId}";

    public static string EscalatedRow(string objectionId) => "e|" + objectionId;

    /// <summary>Due rows whose decide-by day is before <paramref name="today"/>: the overdue ones (today &gt; decide-by).</summary>
    public static (string From, string To) OverdueRange(DateOnly today) => ("d|", $"d|{today:yyyyMMdd}");

    public static TableEntity ToEntity(StoredObjection o) => new(ObjectionPartition(o.ObjectionId), ObjectionRow)
    {
        ["ObjectionId"] = o.ObjectionId,
        ["RecordId"] = o.RecordId,
        ["SubjectKey"] = o.SubjectKey,
        ["Unit"] = o.Unit,
        ["FiledAs"] = o.FiledAs,
        ["FiledBy"] = o.FiledBy,
        ["Reason"] = o.Reason,
        ["Evidence"] = WriteList(o.Evidence),
        ["FiledAt"] = o.FiledAt,
        ["FiledOn"] = Date(o.FiledOn),
        ["MarkBy"] = Date(o.MarkBy),
        ["PassToUnitBy"] = Date(o.PassToUnitBy),
        ["DecideBy"] = Date(o.DecideBy),
        ["DecideWorkingDays"] = o.DecideWorkingDays,
        ["Status"] = o.Status,
        ["Outcome"] = o.Outcome,
        ["DecisionReason"] = o.DecisionReason,
        ["CorrectedJson"] = o.CorrectedJson,
        ["CorrectedVersion"] = o.CorrectedVersion,
        ["DecidedBy"] = o.DecidedBy,
        ["DecidedOn"] = Date(o.DecidedOn),
        ["DecidedAt"] = o.DecidedAt,
        ["EscalatedAt"] = o.EscalatedAt,
        ["EscalationSent"] = o.EscalationSent,
    };

    public static StoredObjection FromEntity(TableEntity e) => new()
    {
        ObjectionId = e.GetString("ObjectionId")!,
        RecordId = e.GetString("RecordId")!,
        SubjectKey = e.GetString("SubjectKey")!,
        Unit = e.GetString("Unit")!,
        FiledAs = e.GetString("FiledAs") ?? "subject",
        FiledBy = e.GetString("FiledBy") ?? "",
        Reason = e.GetString("Reason") ?? "",
        Evidence = ReadList(e.GetString("Evidence")),
        FiledAt = e.GetDateTimeOffset("FiledAt") ?? default,
        FiledOn = ParseDate(e.GetString("FiledOn"))!.Value,
        MarkBy = ParseDate(e.GetString("MarkBy"))!.Value,
        PassToUnitBy = ParseDate(e.GetString("PassToUnitBy"))!.Value,
        DecideBy = ParseDate(e.GetString("DecideBy"))!.Value,
        DecideWorkingDays = e.GetInt32("DecideWorkingDays") ?? 5,
        Status = e.GetString("Status") ?? ObjectionStatus.Pending,
        Outcome = e.GetString("Outcome"),
        DecisionReason = e.GetString("DecisionReason"),
        CorrectedJson = e.GetString("CorrectedJson"),
        CorrectedVersion = e.GetInt64("CorrectedVersion"),
        DecidedBy = e.GetString("DecidedBy"),
        DecidedOn = ParseDate(e.GetString("DecidedOn")),
        DecidedAt = e.GetDateTimeOffset("DecidedAt"),
        EscalatedAt = e.GetDateTimeOffset("EscalatedAt"),
        EscalationSent = e.GetBoolean("EscalationSent") ?? false,
        ETag = e.ETag,
    };

    /// <summary>The row of a unit's list and of the pending partition: enough to list without reading each objection.</summary>
    public static TableEntity IndexEntity(string partition, string row, StoredObjection o) => new(partition, row)
    {
        ["ObjectionId"] = o.ObjectionId,
        ["RecordId"] = o.RecordId,
        ["Unit"] = o.Unit,
        ["Status"] = o.Status == ObjectionStatus.Decided ? ObjectionStatus.Decided : ObjectionStatus.Pending,
        ["FiledOn"] = Date(o.FiledOn),
        ["DecideBy"] = Date(o.DecideBy),
        ["Outcome"] = o.Outcome,
        ["DecidedOn"] = Date(o.DecidedOn),
        ["Escalated"] = o.EscalationSent,
    };

    public static string? Date(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? ParseDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>Evidence references as one JSON array string property (20 × 500 characters fit one 64 KiB property).</summary>
    public static string WriteList(IReadOnlyList<string> items)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStringValue(item);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<string> ReadList(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return [];
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
    }
}
