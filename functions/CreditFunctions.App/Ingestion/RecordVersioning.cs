using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Ingestion;

/// <summary>What an incoming version does to a stored record: supersede it, or nothing.</summary>
/// <param name="Redelivered">This very message already stored this version: nothing to write, but its events may
/// still be waiting for a notice if the first delivery crashed before sending one.</param>
public sealed record VersionDecision(RecordChange? Change, IngestRejection? Stale, bool Redelivered = false);

/// <summary>
/// The contract's versioning: a record's identity is (source, sourceRecordId); a higher version supersedes, an
/// equal or lower one is reported as a duplicate (<c>stale-version</c>); <c>revoke</c> withdraws the record and
/// it stays withdrawn until a higher version arrives.
/// </summary>
public static class RecordVersioning
{
    public static VersionDecision Decide(StoredRecord? current, PreparedRecord incoming, string messageId, DateOnly today, DateTimeOffset now)
    {
        var submission = incoming.Submission;
        if (current is not null && submission.Version <= current.Record.Version)
        {
            // The same message delivered again (at-least-once, or a retry after a crash) is not the sender's error.
            if (submission.Version == current.Record.Version && current.LastMessageId == messageId)
            {
                return new VersionDecision(null, null, Redelivered: true);
            }

            return new VersionDecision(null, StaleVersion(submission.Version, current.Record.Version));
        }

        if (submission.IsRevoke)
        {
            return new VersionDecision(Revoke(current, incoming, messageId, today, now), null);
        }

        var fresh = incoming.Classified!.ToCreditRecord(incoming.RecordId);
        // A record sent after its publication period ended (records sent late) is kept, for history and the query
        // period, but was never to be shown: the expiry sweep has already passed its day, so it is stored expired.
        if (fresh.State == RecordState.Active && fresh.ExpiresOn is { } expires && expires <= today)
        {
            fresh = fresh with { State = RecordState.Expired };
        }

        // A new version keeps an open objection's mark: the objection is about the record, not one version of it.
        var next = current is null ? fresh : fresh with { UnderObjection = current.Record.UnderObjection };
        var action = current is null ? "received" : "superseded";
        var detail = $"{next.Classification.ToWire()} {next.Kind.ToWire()}, catalogue {next.CatalogueVersion}";
        IReadOnlyList<PlatformEvent> events = next.State == RecordState.Active && PlatformEvent.IsPublished(next)
            ? [PlatformEvent.For(PlatformEventTypes.Publish, next, now)]
            : current is not null && IsOnPlatform(current.Record)
                ? [PlatformEvent.For(PlatformEventTypes.Withdraw, next, now)]
                : [];
        return new VersionDecision(new RecordChange(next, action, submission.Source, detail, messageId) { Events = events }, null);
    }

    /// <summary>
    /// A revoked act leaves publication now (the Regulations' art37 allow 3 working days; doing it at once meets
    /// that). A revoke of a record we never had is kept as a tombstone at its version, so an older upsert arriving
    /// late cannot bring the record back; a tombstone was never shown, so it is withdrawn from its first day.
    /// </summary>
    private static RecordChange Revoke(StoredRecord? current, PreparedRecord incoming, string messageId, DateOnly today, DateTimeOffset now)
    {
        var submission = incoming.Submission;
        if (current is not null)
        {
            var revoked = current.Record with { Version = submission.Version, State = RecordState.Revoked, WithdrawnOn = today };
            return new RecordChange(revoked, "revoked", submission.Source, null, messageId)
            {
                Events = IsOnPlatform(current.Record) ? [PlatformEvent.For(PlatformEventTypes.Withdraw, revoked, now)] : [],
            };
        }

        var tombstone = Tombstone(incoming, today);
        return new RecordChange(tombstone, "revoked", submission.Source, "revoked before any version was received", messageId);
    }

    private static CreditRecord Tombstone(PreparedRecord incoming, DateOnly today)
    {
        var s = incoming.Submission;
        if (incoming.Classified is { } classified)
        {
            var record = classified.ToCreditRecord(incoming.RecordId);
            return record with { State = RecordState.Revoked, WithdrawnOn = record.Start };
        }

        WireNames.TryParseKind(s.Kind, out var kind);
        var decided = RecordClassifier.TryParseDate(s.DecisionDate, out var d) ? d : today;
        return new CreditRecord
        {
            RecordId = incoming.RecordId,
            Source = s.Source,
            SourceRecordId = s.SourceRecordId ?? "",
            Version = s.Version,
            Kind = kind,
            Subject = s.Subject,
            SubjectName = s.SubjectName,
            Classification = kind.Polarity() switch
            {
                RecordPolarity.Enhancing => RecordClassification.Enhancing,
                RecordPolarity.ExternalCourt => RecordClassification.CourtListing,
                _ => RecordClassification.General,
            },
            DecisionDate = decided,
            DecisionNumber = s.DecisionNumber,
            Start = decided,
            State = RecordState.Revoked,
            WithdrawnOn = decided,
            CatalogueVersion = incoming.CatalogueVersion,
        };
    }

    /// <summary>
    /// The outbox rows a stored version can have: its publish or its withdraw. Pointing at a row that was already
    /// acknowledged (and so deleted) is harmless: the push skips it.
    /// </summary>
    public static IEnumerable<string> PossibleEventIds(CreditRecord stored) =>
    [
        PlatformEvent.IdFor(stored.RecordId, stored.Version, PlatformEventTypes.Publish),
        PlatformEvent.IdFor(stored.RecordId, stored.Version, PlatformEventTypes.Withdraw),
    ];

    /// <summary>The platform holds this record now: it was published and has not been withdrawn since.</summary>
    private static bool IsOnPlatform(CreditRecord record) => PlatformEvent.IsPublished(record) && record.State == RecordState.Active;

    public static IngestRejection StaleVersion(long incoming, long stored) => new(
        "stale-version",
        $"版本 {incoming} 不高于已存储的版本 {stored}，作为重复记录忽略。",
        $"Version {incoming} is not higher than the stored version {stored}; ignored as a duplicate.",
        "version");
}
