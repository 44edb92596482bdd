using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Applies a <c>credit-records/v1</c> message: reads it, classifies each record with the Measures (domain),
/// stores what is accepted, and keeps what is not, verbatim, with its reason. Safe to run twice on one message:
/// a message already applied changes nothing, and per record a version already stored changes nothing.
/// </summary>
public sealed class RecordIngestor(
    RecordStore records,
    MessageLedger ledger,
    RejectionLedger rejections,
    SubjectKeys subjectKeys,
    CatalogueSet catalogues,
    ClaimCheckReader claimChecks,
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
        var rejected = new List<RejectedItem>();
        var locators = new List<RecordLocator>(elements.Count);
        int stored = 0, unchanged = 0;
        foreach (var element in elements)
        {
            var result = await ApplyAsync(envelope, element, today, cancellationToken);
            switch (result)
            {
                case { Rejection: { } reason }:
                    rejected.Add(new RejectedItem(element.Index, RecordSubmissionReader.SourceRecordIdOf(element.Json), element.RawJson, reason));
                    break;
                case { Locator: { } locator, Stored: var wasStored }:
                    locators.Add(locator);
                    if (wasStored)
                    {
                        stored++;
                    }
                    else
                    {
                        unchanged++;
                    }

                    break;
            }
        }

        await ledger.WriteLocatorsAsync(envelope.Source, locators, cancellationToken);
        await rejections.RecordAsync(envelope.Source, envelope.MessageId, rejected, cancellationToken);
        await ledger.MarkAppliedAsync(envelope.Source, envelope.MessageId, stored + unchanged, rejected.Count, cancellationToken);
        logger.LogInformation(
            "Message {MessageId} from {Source}: {Stored} stored, {Unchanged} unchanged, {Rejected} rejected",
            envelope.MessageId, envelope.Source, stored, unchanged, rejected.Count);
        return new IngestOutcome(envelope.MessageId, stored, unchanged, rejected.Count, false, null);
    }

    private sealed record RecordResult(IngestRejection? Rejection, RecordLocator? Locator, bool Stored);

    private async Task<RecordResult> ApplyAsync(RecordsEnvelope envelope, RecordElement element, DateOnly today, CancellationToken cancellationToken)
    {
        if (!RecordSubmissionReader.TryRead(element.Json, envelope.Source, today, out var submission, out var readRejection))
        {
            return new RecordResult(readRejection, null, false);
        }

        var classified = RecordClassifier.Classify(submission!, catalogues, today);
        if (!classified.IsAccepted)
        {
            var r = classified.Rejection;
            return new RecordResult(new IngestRejection(r.Code, r.Zh, r.En, r.Field), null, false);
        }

        var subjectKey = subjectKeys.KeyFor(submission!.Subject);
        var recordId = RecordIds.For(envelope.Source, submission.SourceRecordId!);
        IngestRejection? stale = null;
        var outcome = await records.WriteAsync(subjectKey, recordId, current =>
        {
            stale = null;
            var decision = RecordVersioning.Decide(current, classified.Record, recordId, envelope.MessageId, today, clock.GetUtcNow());
            stale = decision.Stale;
            return decision.Change;
        }, cancellationToken);

        return stale is not null
            ? new RecordResult(stale, null, false)
            : new RecordResult(null, new RecordLocator(recordId, subjectKey), outcome == WriteOutcome.Stored);
    }
}
