using CreditFunctions.App.Json;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Objections;

/// <summary>What <see cref="ObjectionSteps.ResumeAsync"/> found.</summary>
public enum ResumeResult
{
    /// <summary>The objection is open (its filing is now complete, or its decision was finished).</summary>
    Open,
    /// <summary>It was decided: its leftovers are cleaned and the record is free for a new objection.</summary>
    Released,
}

/// <summary>
/// The steps of an objection after the one guarded write that decides who goes on (the claim of the record on filing,
/// the ETag'd pending → deciding on decision). Each step is safe to repeat, so any request or the sweep that finds an
/// objection half-way finishes it instead of leaving the record marked for ever.
/// </summary>
public sealed class ObjectionSteps(
    ObjectionStore objections,
    RecordStore records,
    WorkflowQueue queue,
    CatalogueSet catalogues,
    TimeProvider clock,
    ILogger<ObjectionSteps> logger)
{
    /// <summary>
    /// After the claim: the lists, the notice to the unit, then the mark on the record (with its history entry and the
    /// platform's objection-opened event, one transaction). The mark comes last, so a record marked under objection
    /// always has its objection listed and its unit told; a crash before it is finished by the next filing attempt.
    /// </summary>
    public async Task OpenAsync(StoredObjection objection, CancellationToken cancellationToken)
    {
        await objections.WriteIndexAsync(objection, cancellationToken);
        var current = await records.GetAsync(objection.SubjectKey, objection.RecordId, cancellationToken);
        if (current is null || current.Record.UnderObjection)
        {
            return;
        }

        // Regulations art36: passed to the unit within 2 working days — here at once. At least once: a crash between
        // this and the mark sends it again on resume; the unit recognises the objection id.
        await queue.SendAsync(QueueNames.Objections,
            new ObjectionNotice(ObjectionNotice.SchemaName, objection.ObjectionId, objection.RecordId, objection.Unit, objection.FiledOn, objection.DecideBy, clock.GetUtcNow()),
            AppJson.Web.ObjectionNotice, cancellationToken);
        await records.WriteAsync(objection.SubjectKey, objection.RecordId, stored =>
        {
            if (stored is null || stored.Record.UnderObjection)
            {
                return null;
            }

            var marked = ObjectionPolicy.MarkUnderObjection(stored.Record);
            return new RecordChange(marked, HistoryActions.ObjectionOpened, objection.FiledBy,
                $"{objection.ObjectionId}: filed by the {objection.FiledAs}, decide by {objection.DecideBy:yyyy-MM-dd}")
            {
                Events = PlatformEvent.IsPublished(marked)
                    ? [PlatformEvent.For(PlatformEventTypes.ObjectionOpened, marked, clock.GetUtcNow(), objection.ObjectionId)]
                    : [],
            };
        }, cancellationToken);
    }

    /// <summary>
    /// Finishes a decision that won the pending → deciding race: the record changes (new version, revoked, or only the
    /// mark lifted) with its history entry and platform events in one transaction; the subject is told; the objection
    /// is marked decided, moved to the decided lists, and the record's claim released. Returns the decided objection.
    /// </summary>
    public async Task<StoredObjection> CompleteAsync(StoredObjection objection, CancellationToken cancellationToken)
    {
        if (objection.Status == ObjectionStatus.Decided)
        {
            await FinishAsync(objection, cancellationToken);
            return objection;
        }

        var decidedOn = objection.DecidedOn ?? Domain.Time.ChinaStandardTime.Today(clock);
        long? correctedVersion = null;
        await records.WriteAsync(objection.SubjectKey, objection.RecordId, stored =>
        {
            // The mark is this objection's (the claim makes it the only open one): no mark, decision already applied.
            if (stored is null || !stored.Record.UnderObjection)
            {
                return null;
            }

            return Apply(objection, stored.Record, decidedOn, out correctedVersion);
        }, cancellationToken);

        // At least once: a crash after this sends it again when the decision is finished by someone else.
        var now = clock.GetUtcNow();
        await queue.SendAsync(QueueNames.Notifications,
            new SubjectNotification(SubjectNotification.SchemaName, objection.SubjectKey, objection.RecordId, SubjectNotification.ObjectionDecided,
                objection.Outcome ?? "", now, objection.ObjectionId, null),
            AppJson.Web.SubjectNotification, cancellationToken);

        var decided = objection with { Status = ObjectionStatus.Decided, CorrectedVersion = correctedVersion ?? objection.CorrectedVersion };
        var replaced = await objections.TryReplaceAsync(decided, cancellationToken);
        if (replaced is null)
        {
            // Someone finished it at the same time (or the sweep touched it): take what is stored, and finish from it.
            var current = await objections.GetAsync(objection.ObjectionId, cancellationToken) ?? decided;
            if (current.Status != ObjectionStatus.Decided)
            {
                replaced = await objections.TryReplaceAsync(current with { Status = ObjectionStatus.Decided, CorrectedVersion = decided.CorrectedVersion }, cancellationToken);
            }

            decided = replaced ?? current;
        }
        else
        {
            decided = replaced;
        }

        await FinishAsync(decided, cancellationToken);
        return decided;
    }

    /// <summary>
    /// The objection holding a record's claim, found by a new filing: a filing cut short is completed, a decision cut
    /// short is finished; a decided one's claim is released.
    /// </summary>
    public async Task<ResumeResult> ResumeAsync(string objectionId, CancellationToken cancellationToken)
    {
        var objection = await objections.GetAsync(objectionId, cancellationToken);
        if (objection is null)
        {
            return ResumeResult.Open;
        }

        switch (objection.Status)
        {
            case ObjectionStatus.Pending:
                await OpenAsync(objection, cancellationToken);
                return ResumeResult.Open;
            default:
                var decided = await CompleteAsync(objection, cancellationToken);
                return decided.Status == ObjectionStatus.Decided ? ResumeResult.Released : ResumeResult.Open;
        }
    }

    private async Task FinishAsync(StoredObjection decided, CancellationToken cancellationToken)
    {
        await objections.WriteIndexAsync(decided, cancellationToken);
        await objections.ReleaseRecordAsync(decided.RecordId, decided.ObjectionId, cancellationToken);
    }

    private RecordChange Apply(StoredObjection objection, CreditRecord current, DateOnly decidedOn, out long? correctedVersion)
    {
        correctedVersion = null;
        // Checked again on the record as it is now (a new version may have arrived since the unit's request).
        if (!CorrectionReader.TryRead(objection.CorrectedJson, current.Source, decidedOn, out var corrected, out _))
        {
            throw new InvalidOperationException($"Objection {objection.ObjectionId}: the stored corrected fields can no longer be read.");
        }

        var check = ObjectionPolicy.CheckDecision(objection.Unit, current, objectionOpen: true,
            new ObjectionDecisionRequest { Outcome = objection.Outcome, Reason = objection.DecisionReason, Corrected = corrected }, catalogues, decidedOn);
        if (!check.IsAccepted)
        {
            logger.LogError("Objection {ObjectionId}: the decision no longer applies to record {RecordId}: {Code}",
                objection.ObjectionId, objection.RecordId, check.Problems[0].Code);
            throw new InvalidOperationException($"Objection {objection.ObjectionId}: the decision no longer applies ({check.Problems[0].Code}).");
        }

        var next = ObjectionPolicy.ApplyDecision(current, check, decidedOn);
        var now = clock.GetUtcNow();
        var events = new List<PlatformEvent> { PlatformEvent.For(PlatformEventTypes.ObjectionClosed, next, now, objection.ObjectionId) };
        var wasOnPlatform = PlatformEvent.IsPublished(current) && current.State == RecordState.Active;
        string detail;
        switch (check.Outcome)
        {
            case ObjectionOutcome.Corrected:
                correctedVersion = next.Version;
                if (PlatformEvent.IsPublished(next))
                {
                    events.Add(PlatformEvent.For(PlatformEventTypes.Publish, next, now));
                }
                else if (wasOnPlatform)
                {
                    events.Add(PlatformEvent.For(PlatformEventTypes.Withdraw, next, now));
                }

                detail = $"{objection.ObjectionId} corrected: version {next.Version}, {next.Classification.ToWire()} {next.Kind.ToWire()}, catalogue {next.CatalogueVersion}";
                break;
            case ObjectionOutcome.Revoked:
                if (wasOnPlatform)
                {
                    events.Add(PlatformEvent.For(PlatformEventTypes.Withdraw, next, now));
                }

                detail = $"{objection.ObjectionId} revoked: withdrawn from {decidedOn:yyyy-MM-dd}";
                break;
            default:
                detail = $"{objection.ObjectionId} upheld: {check.Reason}";
                break;
        }

        if (check.Outcome != ObjectionOutcome.Upheld && check.Reason is { } reason)
        {
            detail += " — " + reason;
        }

        return new RecordChange(next, HistoryActions.ObjectionDecidedPrefix + check.Outcome!.Value.ToWire(), objection.DecidedBy ?? objection.Unit, detail)
        {
            Events = events,
        };
    }
}
