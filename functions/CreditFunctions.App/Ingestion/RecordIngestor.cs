using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Trust;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Applies a <c>credit-records/v1</c> message: reads it, checks and classifies each record with the Measures
/// (domain), lets <see cref="RecordStore"/> apply what is accepted (the record's life is <see cref="RecordLifecycle"/>'s),
/// and keeps what is not, verbatim, with its reason. Safe to run twice on one message, or again after a crash between
/// any two storage calls: a message already applied changes nothing, and per record a version already stored by this
/// message changes nothing. The idempotency mark is written last. Holds no state of its own: messages run concurrently.
/// </summary>
public sealed class RecordIngestor(
    SignedMessageVerifier senders,
    RecordStore records,
    MessageLedger ledger,
    RejectionLedger rejections,
    PlatformOutbox outbox,
    SubjectKeys subjectKeys,
    CatalogueSet catalogues,
    ClaimCheckReader claimChecks,
    SourceReport report,
    RecentLinks recentLinks,
    TimeProvider clock,
    ILogger<RecordIngestor> logger)
{
    public async Task<IngestOutcome> IngestAsync(string body, CancellationToken cancellationToken)
    {
        // Who sent it comes first (contract v2): not JSON → invalid-json; JSON but not proven → unauthenticated-source,
        // filed under no unit (a forged source must not write into a unit's rejections or notices); then version 1's checks.
        var proof = senders.Verify(body);
        if (!proof.IsAccepted)
        {
            var refusal = proof.Outcome == SenderProofOutcome.NotJson
                ? IngestRejection.InvalidJson(proof.JsonError ?? "")
                : new IngestRejection(proof.Refusal!.Code, proof.Refusal.Zh, proof.Refusal.En, proof.Refusal.Field);
            await rejections.RecordAsync(null, null, [new RejectedItem(null, null, body, refusal)], [], cancellationToken);
            logger.LogWarning("A message was refused before its sender was known: {Code} ({Check})", refusal.Code, proof.Refusal?.Check);
            return IngestOutcome.Refused(null, refusal.Code);
        }

        var read = RecordsEnvelopeReader.Read(proof.GetPayloadText(), System.Text.Encoding.UTF8.GetByteCount(body));
        if (read.Envelope is null)
        {
            await rejections.RecordAsync(read.Source, read.MessageId, [new RejectedItem(null, null, body, read.Rejection!)], [], cancellationToken);
            logger.LogWarning("Message {MessageId} from {Source} rejected: {Code}", read.MessageId, read.Source, read.Rejection!.Code);
            return IngestOutcome.Refused(read.MessageId, read.Rejection!.Code);
        }

        var assertion = new Assertion(proof.Kid, proof.MessageSha256, proof.Unsigned);

        var envelope = read.Envelope;
        if (await ledger.WasAppliedAsync(envelope.Source, envelope.MessageId, cancellationToken))
        {
            logger.LogInformation("Message {MessageId} from {Source} was already applied; nothing to do", envelope.MessageId, envelope.Source);
            return new IngestOutcome(envelope.MessageId, 0, 0, 0, true, null);
        }

        var elements = envelope.Records;
        if (envelope.RecordsBlob is { } blob && elements.Count == 0)
        {
            byte[]? expected = null;
            if (!proof.Unsigned && !RecordsBlobHash.TryParseExpected(envelope.RecordsBlobSha256, out expected, out var hashProblem))
            {
                var problem = new IngestRejection(hashProblem!.Code, hashProblem.Zh, hashProblem.En, hashProblem.Field);
                await rejections.RecordAsync(envelope.Source, envelope.MessageId, [new RejectedItem(null, null, body, problem)], [], cancellationToken);
                return IngestOutcome.Refused(envelope.MessageId, problem.Code);
            }

            var fetched = await claimChecks.ReadAsync(blob, expected, cancellationToken);
            if (fetched.Rejection is not null)
            {
                await rejections.RecordAsync(envelope.Source, envelope.MessageId, [new RejectedItem(null, null, body, fetched.Rejection)], [], cancellationToken);
                return IngestOutcome.Refused(envelope.MessageId, fetched.Rejection.Code);
            }

            elements = fetched.Records;
        }

        var today = ChinaStandardTime.Today(clock);
        var rejected = new List<RejectedItem>();
        var prepared = new List<PreparedRecord>(elements.Count);
        var firstOfId = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var element in elements)
        {
            var preparation = Prepare(envelope, element, today, assertion);
            if (preparation.Record is not { } record)
            {
                rejected.Add(preparation.Rejection!);
            }
            else if (firstOfId.TryAdd(record.Intent.RecordId, element.Index))
            {
                prepared.Add(record);
            }
            else
            {
                // Two records of one identity in one message: the first is taken, the second refused (contract v2).
                rejected.Add(new RejectedItem(element.Index, record.SourceRecordId, element.RawJson,
                    IngestRejection.DuplicateInMessage(record.SourceRecordId, firstOfId[record.Intent.RecordId])));
            }
        }

        var (results, pending) = await records.ApplyManyAsync(prepared.Select(p => p.Intent).ToList(), cancellationToken);
        var byRecord = results.ToDictionary(r => r.Intent.RecordId, StringComparer.Ordinal);
        var applied = new List<(PreparedRecord Record, RecordWrite Write)>(prepared.Count);
        var warnings = new List<NoticeWarning>();
        int stored = 0, unchanged = 0;
        foreach (var record in prepared)
        {
            var write = byRecord[record.Intent.RecordId].Write;
            if (write.Transition.Refusal is { } refusal)
            {
                rejected.Add(new RejectedItem(record.Element.Index, record.SourceRecordId, record.Element.RawJson,
                    new IngestRejection(refusal.Code, refusal.Zh, refusal.En, refusal.Field)));
                continue;
            }

            if (write.Transition.ArrivedExpired)
            {
                warnings.Add(NoticeWarning.ExpiredOnArrival(record.Element.Index, record.SourceRecordId, write.Transition.After!.ExpiresOn!.Value));
            }

            applied.Add((record, write));
            _ = write.Written ? stored++ : unchanged++;
        }

        // A unit named with its legal representative gets copies of the representative's records (art9.2.2): before the
        // message is marked applied, so a crash here is finished by the redelivery.
        foreach (var (unit, representative) in applied
                     .Select(a => a.Record.Intent.Event)
                     .OfType<VersionReceived>()
                     .Where(v => v.Classified.Submission.LegalRepresentative is not null)
                     .Select(v => (subjectKeys.KeyFor(v.Classified.Submission.Subject), subjectKeys.KeyFor(v.Classified.Submission.LegalRepresentative!.Value)))
                     .Distinct())
        {
            if (!recentLinks.Contains(unit, representative))
            {
                await records.LinkRepresentativeAsync(unit, representative, cancellationToken);
                recentLinks.Remember(unit, representative);
            }
        }

        await rejections.RecordAsync(envelope.Source, envelope.MessageId, rejected.OrderBy(r => r.RecordIndex).ToList(), warnings, cancellationToken);
        await outbox.NotifyAsync(pending, cancellationToken);
        await report.RecordAsync(envelope.Source, envelope.MessageId, applied.Select(a => a.Record.Intent.Event).ToList(), today, cancellationToken);
        await ledger.MarkAppliedAsync(envelope.Source, envelope.MessageId, stored + unchanged, rejected.Count, cancellationToken);
        logger.LogInformation(
            "Message {MessageId} from {Source}: {Stored} stored, {Unchanged} unchanged, {Rejected} rejected",
            envelope.MessageId, envelope.Source, stored, unchanged, rejected.Count);
        Telemetry.OperationsMetrics.RecordsAccepted(envelope.Source, stored);
        return new IngestOutcome(envelope.MessageId, stored, unchanged, rejected.Count, false, null);
    }

    /// <summary>Reads, checks and classifies one record into the event it brings, or the reason it is refused.</summary>
    private Preparation Prepare(RecordsEnvelope envelope, RecordElement element, DateOnly today, Assertion assertion)
    {
        if (RecordSubmissionReader.IsRevoke(element.Json))
        {
            if (!RecordSubmissionReader.TryReadRevoke(element.Json, out var revokedId, out var version, out var problem))
            {
                return Refuse(element, problem!);
            }

            var recordId = RecordIds.For(envelope.Source, revokedId);
            // Expected under the subject it names, if it names a readable one: a hint only, never trusted.
            var hint = RecordSubmissionReader.TryReadSubject(element.Json, today, out var named, out _, out _, out _) ? subjectKeys.KeyFor(named) : "";
            var revoke = new RevokeReceived(recordId, envelope.Source, version, envelope.MessageId, today) { Actor = envelope.Source, AssertedBy = assertion };
            return new Preparation(new PreparedRecord(element, revokedId, new RecordIntent(recordId, hint, revoke)), null);
        }

        if (!RecordSubmissionReader.TryRead(element.Json, envelope.Source, today, out var submission, out var readRejection))
        {
            return Refuse(element, readRejection!);
        }

        var result = RecordClassifier.Classify(submission!, catalogues, today);
        if (!result.IsAccepted)
        {
            var r = result.Rejection;
            return Refuse(element, new IngestRejection(r.Code, r.Zh, r.En, r.Field));
        }

        var id = RecordIds.For(envelope.Source, submission!.SourceRecordId!);
        var received = new VersionReceived(id, result.Record, envelope.MessageId, today) { Actor = envelope.Source, AssertedBy = assertion };
        var intent = new RecordIntent(id, subjectKeys.KeyFor(submission.Subject), received, result.Record.ListedWithUnit?.Value);
        return new Preparation(new PreparedRecord(element, submission.SourceRecordId!, intent), null);
    }

    private static Preparation Refuse(RecordElement element, IngestRejection reason) =>
        new(null, new RejectedItem(element.Index, RecordSubmissionReader.SourceRecordIdOf(element.Json), element.RawJson, reason));
}
