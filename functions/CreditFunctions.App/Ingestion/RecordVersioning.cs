using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Ingestion;

/// <summary>What an incoming version does to a stored record: supersede it, or nothing.</summary>
public sealed record VersionDecision(RecordChange? Change, IngestRejection? Stale);

/// <summary>
/// The contract's versioning: a record's identity is (source, sourceRecordId); a higher version supersedes, an
/// equal or lower one is reported as a duplicate (<c>stale-version</c>); <c>revoke</c> withdraws the record and
/// it stays withdrawn until a higher version arrives.
/// </summary>
public static class RecordVersioning
{
    public static VersionDecision Decide(StoredRecord? current, ClassifiedRecord incoming, string recordId, string messageId, DateOnly today, DateTimeOffset now)
    {
        var submission = incoming.Submission;
        if (current is not null && submission.Version <= current.Record.Version)
        {
            // The same message delivered again (at-least-once, or a retry after a crash) is not the sender's error.
            if (submission.Version == current.Record.Version && current.LastMessageId == messageId)
            {
                return new VersionDecision(null, null);
            }

            return new VersionDecision(null, StaleVersion(submission.Version, current.Record.Version));
        }

        var fresh = incoming.ToCreditRecord(recordId);
        if (submission.IsRevoke)
        {
            // Revoked act: the record leaves publication now (within the 3 working days of the Regulations' art37).
            var basis = current?.Record ?? fresh;
            var revoked = basis with { Version = submission.Version, State = RecordState.Revoked, WithdrawnOn = today };
            var wasShown = current is not null && IsOnPlatform(current.Record);
            return new VersionDecision(new RecordChange(revoked, "revoked", submission.Source, null, messageId)
            {
                Events = wasShown ? [PlatformEvent.For(PlatformEventTypes.Withdraw, revoked, now)] : [],
            }, null);
        }

        // A new version keeps an open objection's mark: the objection is about the record, not one version of it.
        var next = current is null ? fresh : fresh with { UnderObjection = current.Record.UnderObjection };
        var action = current is null ? "received" : "superseded";
        var detail = $"{next.Classification.ToWire()} {next.Kind.ToWire()}, catalogue {next.CatalogueVersion}";
        IReadOnlyList<PlatformEvent> events = PlatformEvent.IsPublished(next)
            ? [PlatformEvent.For(PlatformEventTypes.Publish, next, now)]
            : current is not null && IsOnPlatform(current.Record)
                ? [PlatformEvent.For(PlatformEventTypes.Withdraw, next, now)]
                : [];
        return new VersionDecision(new RecordChange(next, action, submission.Source, detail, messageId) { Events = events }, null);
    }

    /// <summary>The platform holds this record now: it was published and has not been withdrawn since.</summary>
    private static bool IsOnPlatform(CreditRecord record) => PlatformEvent.IsPublished(record) && record.State == RecordState.Active;

    public static IngestRejection StaleVersion(long incoming, long stored) => new(
        "stale-version",
        $"版本 {incoming} 不高于已存储的版本 {stored}，作为重复记录忽略。",
        $"Version {incoming} is not higher than the stored version {stored}; ignored as a duplicate.",
        "version");
}
