using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Platform;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>A record as read from storage, with what the next write needs: the history chain's tip and the ETag.</summary>
/// <param name="SubjectKey">The subject whose partition holds this row (and the record's history).</param>
public sealed record StoredRecord(CreditRecord Record, string SubjectKey, int HistorySequence, string HistoryHash, ETag ETag)
{
    public string? LastMessageId { get; init; }

    /// <summary>Set on a forwarding row: the record moved to the subject with this key (docs/table-design.md, "Moves").</summary>
    public string? MovedTo { get; init; }

    public bool IsForwarding => MovedTo is not null;
}

/// <summary>An expiry index row: which record is due to leave publication on which day, and where it lives.</summary>
public sealed record ExpiryIndexEntry(string Partition, DateOnly ExpiresOn, string RecordId, string SubjectKey, long Version);

/// <summary>An outbox row as the push reads it: one pending platform event of one record.</summary>
public sealed record OutboxRow(string Partition, string RowKey, string EventId, string Payload, int Attempts, ETag ETag);

public sealed partial class RecordStore
{
    /// <summary>
    /// Every key of <c>Records</c> and <c>RecordLocators</c> (docs/table-design.md). Internal so tests can look at what
    /// is stored; nothing else in the app builds one.
    /// </summary>
    internal static class Keys
    {
        public static string RecordRow(string subjectKey, string recordId) => $"s|{subjectKey}|r|{recordId}";

        public static string ProfileRow(string subjectKey) => $"s|{subjectKey}|p";

        /// <summary>An individual's row naming the units it is legal representative of.</summary>
        public static string RepresentationRow(string subjectKey) => $"s|{subjectKey}|u";

        /// <summary>In a unit's partition: a copy of one record of its legal representative (art9.2.2).</summary>
        public static string CopyRow(string unitKey, string recordId) => $"s|{unitKey}|m|{recordId}";

        public static string CopyPrefix(string unitKey) => $"s|{unitKey}|m|";

        public static string RecordPrefix(string subjectKey) => $"s|{subjectKey}|r|";

        public static string HistoryRow(string subjectKey, string recordId, int sequence) =>
            string.Create(CultureInfo.InvariantCulture, $"s|{subjectKey}|h|{recordId}|{sequence:D6}");

        public static string HistoryPrefix(string subjectKey, string recordId) => $"s|{subjectKey}|h|{recordId}|";

        public static string ExpiryRow(DateOnly expiresOn, string recordId) => string.Create(CultureInfo.InvariantCulture, $"x|{expiresOn:yyyyMMdd}|{recordId}");

        public const string ExpiryPrefix = "x|";

        /// <summary>The half-open key range of the expiry days <paramref name="from"/> through <paramref name="through"/>.</summary>
        public static (string From, string To) ExpiryRange(DateOnly from, DateOnly through) =>
            (string.Create(CultureInfo.InvariantCulture, $"{ExpiryPrefix}{from:yyyyMMdd}|"),
             string.Create(CultureInfo.InvariantCulture, $"{ExpiryPrefix}{through.AddDays(1):yyyyMMdd}|"));

        public const string OutboxPrefix = "o|";

        /// <summary>A change of a subject for the watches' fan-out: <c>c|change.{recordId}.{history sequence}.{n}</c>.</summary>
        public const string ChangePrefix = "c|";

        public static string ChangeId(string recordId, int sequence, int index) =>
            string.Create(CultureInfo.InvariantCulture, $"{OutboxPointer.ChangePrefix}{recordId}.{sequence:D6}.{index}");

        public static string ChangeRow(string changeId) => ChangePrefix + changeId;

        /// <summary>
        /// Feedback on a look-up of the subject (contract v2): <c>s|{key}|f|{lookupId}|{measure}</c>, outside the
        /// current-state range (f &lt; l), one per look-up and measure.
        /// </summary>
        public static string FeedbackRow(string subjectKey, string lookupId, string measure) => $"s|{subjectKey}|f|{lookupId}|{measure}";

        public static string FeedbackPrefix(string subjectKey) => $"s|{subjectKey}|f|";

        /// <summary>The summary's day index of feedback, by the look-up's day: <c>g|{yyyyMMdd}|{lookupId}|{measure}</c>.</summary>
        public static string FeedbackDayRow(DateOnly lookupDay, string lookupId, string measure) =>
            string.Create(CultureInfo.InvariantCulture, $"g|{lookupDay:yyyyMMdd}|{lookupId}|{measure}");

        public static (string From, string To) FeedbackDayRange(DateOnly from, DateOnly to) =>
            (string.Create(CultureInfo.InvariantCulture, $"g|{from:yyyyMMdd}|"), string.Create(CultureInfo.InvariantCulture, $"g|{to.AddDays(1):yyyyMMdd}|"));

        public static string OutboxRow(string eventId) => OutboxPrefix + eventId;

        /// <summary>
        /// The rows of one record's pending events (event ids start with the record id; a feedback's id is its own
        /// "record"). '/' follows '.', and no id extends another: ids are of a fixed length.
        /// </summary>
        public static (string From, string To) OutboxRange(string recordId) => ($"{OutboxPrefix}{recordId}", $"{OutboxPrefix}{recordId}/");

        /// <summary>A subject's profile, records, copies and representation row, not its history (h &lt; l &lt; m &lt; p &lt; r &lt; u &lt; v).</summary>
        public static (string From, string To) CurrentStateRange(string subjectKey) => ($"s|{subjectKey}|l", $"s|{subjectKey}|v");

        /// <summary>Not a bucket name: the partition of the expiry sweep's progress.</summary>
        public const string SweepPartition = "sweep";

        public const string SweepRow = "expiry";

        /// <summary>Not a bucket name either: the partition of a re-keying migration's progress (infra/Rekey).</summary>
        public const string RekeyPartition = "rekey";

        public const string RekeyRow = "progress";

        /// <summary>A source's locators are spread over 8 shards by the record id's hash (docs/table-design.md, "RecordLocators").</summary>
        public static string LocatorPartition(string recordId) =>
            $"{TableKeys.Escape(RecordIds.SourceOf(recordId) ?? "_")}!{RecordIds.LocatorShardOf(recordId)}";

        /// <summary>The index of the parties listed with a unit: <c>w|{unit's USCC}</c>, rows keyed by the party's record id.</summary>
        public static string ListedWithPartition(string unitId) => $"w|{TableKeys.Escape(unitId.Trim().ToUpperInvariant())}";
    }

    private static bool IsIndividual(string subjectKey) => subjectKey.StartsWith(SubjectPseudonymizer.IndividualPrefix, StringComparison.Ordinal);

    private static TableEntity RecordEntity(string subjectKey, CreditRecord record, HistoryEntry tip, string? messageId, string? movedTo)
    {
        var entity = new TableEntity(SubjectKeys.BucketOf(subjectKey), Keys.RecordRow(subjectKey, record.RecordId))
        {
            ["RecordId"] = record.RecordId,
            ["Source"] = record.Source,
            ["SourceRecordId"] = record.SourceRecordId,
            ["Version"] = record.Version,
            ["Kind"] = record.Kind.ToWire(),
            ["SubjectType"] = record.Subject.Type.ToWire(),
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
            ["HistorySequence"] = tip.Sequence,
            ["HistoryHash"] = tip.Hash,
            ["LastMessageId"] = messageId,
            ["MovedTo"] = movedTo,
        };
        return entity;
    }

    private static StoredRecord ToStored(TableEntity entity)
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
        // The key of the partition the row is in: a copy in a unit's partition names its representative in SubjectKey.
        var subjectKey = entity.GetString("SubjectKey") ?? "";
        return new StoredRecord(record, subjectKey, entity.GetInt32("HistorySequence") ?? 0, entity.GetString("HistoryHash") ?? "", entity.ETag)
        {
            LastMessageId = entity.GetString("LastMessageId"),
            MovedTo = entity.GetString("MovedTo") is { Length: > 0 } to ? to : null,
        };
    }

    private static TableEntity HistoryEntity(string subjectKey, string recordId, HistoryEntry entry) =>
        new(SubjectKeys.BucketOf(subjectKey), Keys.HistoryRow(subjectKey, recordId, entry.Sequence))
        {
            ["RecordId"] = recordId,
            ["Sequence"] = entry.Sequence,
            ["Action"] = entry.Action,
            ["Version"] = entry.Version,
            ["Actor"] = entry.Actor,
            ["At"] = entry.At,
            ["Detail"] = entry.Detail,
            ["PreviousHash"] = entry.PreviousHash,
            ["Hash"] = entry.Hash,
            ["AssertedByKid"] = entry.AssertedByKid,
            ["MessageSha256"] = entry.MessageSha256,
            ["Unsigned"] = entry.Unsigned ? true : null,
        };

    private static HistoryEntry ToHistory(TableEntity entity) => new(
        entity.GetInt32("Sequence") ?? 0,
        entity.GetString("Action") ?? "",
        entity.GetInt64("Version") ?? 0,
        entity.GetString("Actor") ?? "",
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Detail"),
        entity.GetString("PreviousHash") ?? "",
        entity.GetString("Hash") ?? "",
        entity.GetString("AssertedByKid"),
        entity.GetString("MessageSha256"),
        entity.GetBoolean("Unsigned") ?? false);

    private static TableEntity OutboxEntity(string partition, string subjectKey, PlatformEvent e, int order) => new(partition, Keys.OutboxRow(e.EventId))
    {
        ["EventId"] = e.EventId,
        ["Type"] = e.Type,
        ["RecordId"] = e.RecordId,
        ["Version"] = e.Version,
        ["OccurredAt"] = e.OccurredAt,
        // The order of the events of one change (a move's withdraw before its publish; a close before a correction's publish).
        ["Order"] = order,
        ["SubjectKey"] = subjectKey,
        ["Payload"] = JsonSerializer.Serialize(e, AppJson.Web.PlatformEvent),
        ["Attempts"] = 0,
    };

    private static TableEntity ChangeEntity(string partition, string changeId, SubjectChangeNotice change) => new(partition, Keys.ChangeRow(changeId))
    {
        ["SubjectKey"] = change.SubjectKey,
        ["SubjectType"] = change.SubjectType,
        // Not a key, never logged: a watcher named this subject and is shown it as it named it.
        ["SubjectId"] = change.SubjectId,
        ["Change"] = change.Change,
        ["RecordId"] = change.RecordId,
        ["At"] = change.At,
    };

    private static SubjectChangeNotice ToChange(TableEntity row) => new(
        row.GetString("SubjectKey") ?? "", row.GetString("SubjectType") ?? "", row.GetString("SubjectId") ?? "",
        row.GetString("Change") ?? "", row.GetString("RecordId") ?? "", row.GetDateTimeOffset("At") ?? default);

    private static ExpiryIndexEntry? ToExpiryEntry(TableEntity row)
    {
        // RowKey = "x|" + 8 digits + "|" + record id.
        var key = row.RowKey;
        if (key.Length <= 11 || key[10] != '|'
            || !DateOnly.TryParseExact(key.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || row.GetString("SubjectKey") is not { } subjectKey)
        {
            return null;
        }

        return new ExpiryIndexEntry(row.PartitionKey, day, key[11..], subjectKey, row.GetInt64("Version") ?? 0);
    }

    // Dates are kept as YYYY-MM-DD strings: they sort and compare as dates, and carry no time zone to misread.
    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ReadDate(TableEntity entity, string name) =>
        entity.GetString(name) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
