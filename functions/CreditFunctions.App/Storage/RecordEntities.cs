using Azure.Data.Tables;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>Maps the domain's <see cref="CreditRecord"/> to and from its entity in <c>Records</c>.</summary>
public static class RecordEntities
{
    public static string RecordRow(string subjectKey, string recordId) => $"s|{subjectKey}|r|{recordId}";

    public static string ProfileRow(string subjectKey) => $"s|{subjectKey}|p";

    /// <summary>An individual's row naming the units it is legal representative of (<see cref="RepresentativeMirrors"/>).</summary>
    public static string RepresentationRow(string subjectKey) => $"s|{subjectKey}|u";

    /// <summary>In a unit's partition: a copy of one record of its legal representative (art9.2.2).</summary>
    public static string MirrorRow(string unitKey, string recordId) => $"s|{unitKey}|m|{recordId}";

    public static string MirrorPrefix(string unitKey) => $"s|{unitKey}|m|";

    public static string HistoryRow(string subjectKey, string recordId, int sequence) =>
        $"s|{subjectKey}|h|{recordId}|{sequence:D6}";

    public static string ExpiryRow(DateOnly expiresOn, string recordId) => $"x|{expiresOn:yyyyMMdd}|{recordId}";

    /// <summary>
    /// The range that holds a subject's profile, current records, representative mirrors and representation row, but
    /// not its history (h &lt; l &lt; m &lt; p &lt; r &lt; u &lt; v).
    /// </summary>
    public static (string From, string To) CurrentStateRange(string subjectKey) => ($"s|{subjectKey}|l", $"s|{subjectKey}|v");

    public static TableEntity ToEntity(string partition, string subjectKey, CreditRecord record, int historySequence, string historyHash)
    {
        return new TableEntity(partition, RecordRow(subjectKey, record.RecordId))
        {
            ["RecordId"] = record.RecordId,
            ["Source"] = record.Source,
            ["SourceRecordId"] = record.SourceRecordId,
            ["Version"] = record.Version,
            ["Kind"] = record.Kind.ToWire(),
            ["SubjectType"] = record.Subject.Type == SubjectType.Unit ? "unit" : "individual",
            // Not a key, never logged; kept because the subject and the submitting unit are shown it in full.
            ["SubjectId"] = record.Subject.Value,
            ["SubjectKey"] = subjectKey,
            ["SubjectName"] = record.SubjectName,
            ["LegalRepresentativeId"] = record.LegalRepresentative?.Value,
            ["Classification"] = record.Classification.ToWire(),
            ["Severity"] = record.Severity?.ToWire(),
            ["DecisionDate"] = Date(record.DecisionDate),
            ["DecisionNumber"] = record.DecisionNumber,
            ["Start"] = Date(record.Start),
            ["ExpiresOn"] = Date(record.ExpiresOn),
            ["RepairableFrom"] = Date(record.RepairableFrom),
            ["Regime"] = record.Regime,
            ["State"] = record.State.ToWire(),
            ["WithdrawnOn"] = Date(record.WithdrawnOn),
            ["UnderObjection"] = record.UnderObjection,
            ["Summary"] = record.Summary,
            ["CatalogueVersion"] = record.CatalogueVersion,
            ["LegalBasis"] = record.LegalBasis,
            ["BehaviourCode"] = record.BehaviourCode,
            ["ListedWithUnitId"] = record.ListedWithUnitId,
            ["HistorySequence"] = historySequence,
            ["HistoryHash"] = historyHash,
        };
    }

    public static StoredRecord FromEntity(TableEntity entity)
    {
        var subjectType = entity.GetString("SubjectType") == "unit" ? SubjectType.Unit : SubjectType.Individual;
        WireNames.TryParseKind(entity.GetString("Kind"), out var kind);
        WireNames.TryParseClassification(entity.GetString("Classification"), out var classification);
        WireNames.TryParseState(entity.GetString("State"), out var state);
        Severity? severity = WireNames.TryParseSeverity(entity.GetString("Severity"), out var s) ? s : null;
        var representative = entity.GetString("LegalRepresentativeId");
        var record = new CreditRecord
        {
            RecordId = entity.GetString("RecordId"),
            Source = entity.GetString("Source"),
            SourceRecordId = entity.GetString("SourceRecordId"),
            Version = entity.GetInt64("Version") ?? 0,
            Kind = kind,
            Subject = new SubjectId(subjectType, entity.GetString("SubjectId")),
            SubjectName = entity.GetString("SubjectName"),
            LegalRepresentative = representative is null ? null : new SubjectId(SubjectType.Individual, representative),
            Classification = classification,
            Severity = severity,
            DecisionDate = ReadDate(entity, "DecisionDate") ?? default,
            DecisionNumber = entity.GetString("DecisionNumber"),
            Start = ReadDate(entity, "Start") ?? default,
            ExpiresOn = ReadDate(entity, "ExpiresOn"),
            RepairableFrom = ReadDate(entity, "RepairableFrom"),
            Regime = entity.GetString("Regime"),
            State = state,
            WithdrawnOn = ReadDate(entity, "WithdrawnOn"),
            UnderObjection = entity.GetBoolean("UnderObjection") ?? false,
            Summary = entity.GetString("Summary"),
            CatalogueVersion = entity.GetString("CatalogueVersion") ?? "",
            LegalBasis = entity.GetString("LegalBasis"),
            BehaviourCode = entity.GetString("BehaviourCode"),
            ListedWithUnitId = entity.GetString("ListedWithUnitId"),
        };
        return new StoredRecord(record, entity.GetString("SubjectKey"), entity.GetInt32("HistorySequence") ?? 0, entity.GetString("HistoryHash") ?? "", entity.ETag)
        {
            LastMessageId = entity.GetString("LastMessageId"),
        };
    }

    // Dates are kept as YYYY-MM-DD strings: they sort and compare as dates, and carry no time zone to misread.
    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly? ReadDate(TableEntity entity, string name) =>
        entity.GetString(name) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date) ? date : null;
}

/// <summary>A record as read from storage, with what the next write needs: the history chain's tip and the ETag.</summary>
public sealed record StoredRecord(CreditRecord Record, string SubjectKey, int HistorySequence, string HistoryHash, Azure.ETag ETag)
{
    public string? LastMessageId { get; init; }
}
