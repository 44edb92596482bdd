using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Applies a <c>credit-records/v1</c> message: reads it, checks and classifies each record with the Measures
/// (domain), stores what is accepted, and keeps what is not, verbatim, with its reason. Safe to run twice on one
/// message, or again after a crash between any two storage calls: a message already applied changes nothing, and
/// per record a version already stored by this message changes nothing. The idempotency mark is written last.
/// </summary>
public sealed class RecordIngestor(
    RecordBatchWriter writer,
    MessageLedger ledger,
    RejectionLedger rejections,
    PlatformOutbox outbox,
    SubjectKeys subjectKeys,
    CatalogueSet catalogues,
    ClaimCheckReader claimChecks,
    SourceReport report,
    RepresentativeMirrors mirrors,
    RecentLinks recentLinks,
    TimeProvider clock,
    ILogger<RecordIngestor> logger)
{
    public async Task<IngestOutcome> IngestAsync(string body, CancellationToken cancellationToken)
    {
        var read = RecordsEnvelopeReader.Read(body);
        if (read.Envelope is null)
        {
            await rejections.RecordAsync(read.Source, read.MessageId, [new RejectedItem(null, null, body, read.Rejection!)], cancellationToken);
            logger.LogWarning("Message {MessageId} from {Source} rejected: {Code}", read.MessageId, read.Source, read.Rejection!.Code);
            return IngestOutcome.Refused(read.MessageId, read.Rejection!.Code);
        }

        var envelope = read.Envelope;
        if (await ledger.WasAppliedAsync(envelope.Source, envelope.MessageId, cancellationToken))
        {
            logger.LogInformation("Message {MessageId} from {Source} was already applied; nothing to do", envelope.MessageId, envelope.Source);
            return new IngestOutcome(envelope.MessageId, 0, 0, 0, true, null);
        }

        var elements = envelope.Records;
        if (envelope.RecordsBlob is { } blob && elements.Count == 0)
        {
            var fetched = await claimChecks.ReadAsync(blob, cancellationToken);
            if (fetched.Rejection is not null)
            {
                await rejections.RecordAsync(envelope.Source, envelope.MessageId, [new RejectedItem(null, null, body, fetched.Rejection)], cancellationToken);
                return IngestOutcome.Refused(envelope.MessageId, fetched.Rejection.Code);
            }

            elements = fetched.Records;
        }

        var today = ChinaStandardTime.Today(clock);
        var now = clock.GetUtcNow();
        var rejected = new List<RejectedItem>();
        var prepared = new List<PreparedRecord>(elements.Count);
        foreach (var element in elements)
        {
            if (Prepare(envelope, element, today) is { } record)
            {
                prepared.Add(record);
            }
            else
            {
                rejected.Add(_lastRejection!);
            }
        }

        var (written, pending) = await writer.WriteAsync(prepared, envelope.MessageId, today, now, cancellationToken);
        int stored = 0, unchanged = 0;
        var locators = new List<RecordLocator>(written.Count);
        foreach (var w in written)
        {
            if (w.Stale is { } stale)
            {
                rejected.Add(new RejectedItem(w.Record.Element.Index, w.Record.Submission.SourceRecordId, w.Record.Element.RawJson, stale));
                continue;
            }

            locators.Add(new RecordLocator(w.Record.RecordId, w.Record.SubjectKey, w.Record.Submission.ListedWithUnitId));
            _ = w.Stored ? stored++ : unchanged++;
        }

        // A unit named with its legal representative gets copies of the representative's records (art9.2.2): before the
        // message is marked applied, so a crash here is finished by the redelivery.
        foreach (var (unit, representative) in written
                     .Where(w => w.Stale is null && !w.Record.Submission.IsRevoke && w.Record.Submission.LegalRepresentative is not null)
                     .Select(w => (w.Record.SubjectKey, subjectKeys.KeyFor(w.Record.Submission.LegalRepresentative!.Value)))
                     .Distinct())
        {
            if (!recentLinks.Contains(unit, representative))
            {
                await mirrors.LinkAsync(unit, representative, cancellationToken);
                recentLinks.Remember(unit, representative);
            }
        }

        await ledger.WriteLocatorsAsync(envelope.Source, locators, cancellationToken);
        await rejections.RecordAsync(envelope.Source, envelope.MessageId, rejected.OrderBy(r => r.RecordIndex).ToList(), cancellationToken);
        await outbox.NotifyAsync(pending, cancellationToken);
        await report.RecordAsync(envelope.Source, envelope.MessageId, written, rejected, today, cancellationToken);
        await ledger.MarkAppliedAsync(envelope.Source, envelope.MessageId, stored + unchanged, rejected.Count, cancellationToken);
        logger.LogInformation(
            "Message {MessageId} from {Source}: {Stored} stored, {Unchanged} unchanged, {Rejected} rejected",
            envelope.MessageId, envelope.Source, stored, unchanged, rejected.Count);
        return new IngestOutcome(envelope.MessageId, stored, unchanged, rejected.Count, false, null);
    }

    private RejectedItem? _lastRejection;

    /// <summary>Reads, checks and classifies one record; null (with <see cref="_lastRejection"/> set) when refused.</summary>
    private PreparedRecord? Prepare(RecordsEnvelope envelope, RecordElement element, DateOnly today)
    {
        _lastRejection = null;
        if (!RecordSubmissionReader.TryRead(element.Json, envelope.Source, today, out var submission, out var readRejection))
        {
            return Refuse(element, readRejection!);
        }

        var catalogueVersion = catalogues.ForDate(today).Version;
        ClassifiedRecord? classified = null;
        if (submission!.IsRevoke)
        {
            // A revoke needs only the record's identity; when it carries the whole record, keep its classification.
            if (RecordClassifier.CheckRevoke(submission, catalogues, today) is { } problem)
            {
                return Refuse(element, new IngestRejection(problem.Code, problem.Zh, problem.En, problem.Field));
            }

            var full = RecordClassifier.Classify(submission, catalogues, today);
            classified = full.IsAccepted ? full.Record : null;
        }
        else
        {
            var result = RecordClassifier.Classify(submission, catalogues, today);
            if (!result.IsAccepted)
            {
                var r = result.Rejection;
                return Refuse(element, new IngestRejection(r.Code, r.Zh, r.En, r.Field));
            }

            classified = result.Record;
        }

        var subjectKey = subjectKeys.KeyFor(submission.Subject);
        return new PreparedRecord(
            element, submission, RecordIds.For(envelope.Source, submission.SourceRecordId!), subjectKey,
            SubjectKeys.BucketOf(subjectKey), classified, catalogueVersion);
    }

    private PreparedRecord? Refuse(RecordElement element, IngestRejection reason)
    {
        _lastRejection = new RejectedItem(element.Index, RecordSubmissionReader.SourceRecordIdOf(element.Json), element.RawJson, reason);
        return null;
    }
}
