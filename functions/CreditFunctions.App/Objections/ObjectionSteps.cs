using CreditFunctions.App.Cases;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Objections;

/// <summary>
/// The steps of an objection after the one guarded write that decides who goes on (the claim of the record on filing,
/// the ETag'd pending → deciding on decision). Each step is safe to repeat, so the request or sweep that finds an
/// objection half-way (after <see cref="CaseFlow{TCase}.Lease"/>) finishes it instead of leaving the record marked for ever.
/// What each step does to the record is <see cref="RecordLifecycle"/>'s.
/// </summary>
public sealed class ObjectionSteps(
    CaseFlow<StoredObjection> flow,
    RecordStore records,
    QueueSender queue,
    CatalogueSet catalogues,
    TimeProvider clock,
    ILogger<ObjectionSteps> logger)
{
    /// <summary>
    /// After the claim: the lists, the notice to the unit, then the mark on the record (with its history entry and the
    /// platform's objection-opened event, one transaction). The mark comes last, so a record marked under objection
    /// always has its objection listed and its unit told; a crash before it is finished by a later filing attempt.
    /// </summary>
    public async Task OpenAsync(StoredObjection objection, CancellationToken cancellationToken)
    {
        await flow.Table.WriteIndexAsync(objection, cancellationToken);
        var current = await records.FindAsync(objection.RecordId, cancellationToken);
        if (current is null || current.Record.UnderObjection)
        {
            return;
        }

        // Regulations art36: passed to the unit within 2 working days — here at once. At least once: a crash between
        // this and the mark sends it again on resume; the unit recognises the objection id.
        var notice = new ObjectionNotice(ObjectionNotice.SchemaName, objection.ObjectionId, objection.RecordId, objection.Unit, objection.FiledOn, objection.DecideBy, clock.GetUtcNow());
        await queue.SendAsync(QueueNames.Objections, notice, AppJson.Web.ObjectionNotice, cancellationToken);
        await queue.SendAsync(QueueNames.NoticesOf(objection.Unit), notice, AppJson.Web.ObjectionNotice, cancellationToken);
        await records.ApplyAsync(objection.RecordId, objection.SubjectKey,
            c => c?.Record is { UnderObjection: false } ? new ObjectionOpened(objection.ObjectionId, objection.FiledAs, objection.DecideBy) { Actor = objection.FiledBy } : null,
            cancellationToken);
    }

    /// <summary>
    /// Finishes a decision: the record changes (new version, revoked, or only the mark lifted) with its history entry
    /// and platform events in one transaction; the subject is told once; the objection is marked decided, moved to the
    /// decided lists, and the record's claim released. Returns the decided objection.
    /// </summary>
    public async Task<StoredObjection> CompleteAsync(StoredObjection objection, CancellationToken cancellationToken)
    {
        if (objection.Status == CaseStatus.Decided)
        {
            await flow.FinishAsync(objection, cancellationToken);
            return objection;
        }

        var decidedOn = objection.DecidedOn ?? Domain.Time.ChinaStandardTime.Today(clock);
        // The mark is this objection's (the claim makes it the only open one): no mark, the decision was applied already.
        var write = await records.ApplyAsync(objection.RecordId, objection.SubjectKey,
            c => c?.Record is { UnderObjection: true } record ? Decision(objection, record, decidedOn) : null, cancellationToken);
        long? correctedVersion = write.Written && objection.Outcome == ObjectionOutcome.Corrected.ToWire() ? write.Transition.After!.Version : null;

        objection = await flow.NotifyOnceAsync(objection, () => queue.SendAsync(QueueNames.Notifications,
            new SubjectNotification(SubjectNotification.SchemaName, objection.SubjectKey, objection.RecordId, SubjectNotification.ObjectionDecided,
                objection.Outcome ?? "", clock.GetUtcNow(), objection.ObjectionId, null),
            AppJson.Web.SubjectNotification, cancellationToken), cancellationToken);

        return await flow.MarkDecidedAsync(objection,
            o => o with { Status = CaseStatus.Decided, CorrectedVersion = correctedVersion ?? o.CorrectedVersion }, cancellationToken);
    }

    /// <summary>
    /// The objection holding a record's claim, found by a new filing: once its starter's lease is over, a filing cut
    /// short is completed and a decision cut short is finished. True when it is decided and the record is free.
    /// </summary>
    public async Task<bool> FinishHolderAsync(string objectionId, CancellationToken cancellationToken)
    {
        return await flow.FinishHolderAsync(objectionId, o => OpenAsync(o, cancellationToken), o => CompleteAsync(o, cancellationToken), cancellationToken);
    }

    /// <summary>The decision as an event of the record's life, checked again on the record as it is now.</summary>
    private ObjectionDecided Decision(StoredObjection objection, CreditRecord current, DateOnly decidedOn)
    {
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

        return new ObjectionDecided(objection.ObjectionId, check, decidedOn) { Actor = objection.DecidedBy ?? objection.Unit };
    }
}
