using CreditFunctions.App.Cases;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Objections;

/// <summary>
/// Flags objections the unit did not decide by their decide-by day (Regulations art36) and escalates each ONCE on
/// <c>credit-escalations</c>. Reads only the pending partition's rows whose decide-by day has passed and that were not
/// escalated yet, so its cost follows what becomes overdue, not what is stored.
/// </summary>
/// <remarks>
/// Exactly once in the normal case and under concurrent sweeps, at least once after a crash:
/// <list type="number">
/// <item>claim: set <c>EscalatedAt</c> with an ETag-guarded update — of two sweeps only one gets past it;</item>
/// <item>send the escalation (its <c>objectionId</c> is the consumer's deduplication key);</item>
/// <item>record it: <c>EscalationSent</c> (ETag-guarded), a history entry on the record, and the pending row moved out of
/// the range the sweep reads.</item>
/// </list>
/// A crash between 1 and 3 leaves a claim without <c>EscalationSent</c>; after <see cref="ClaimLease"/> a later sweep
/// claims it again and sends again. Marking after sending (rather than before, with no claim) would never lose an
/// escalation but could send one twice on every race; marking before sending, with nothing more, could lose it for ever
/// in a crash. Losing an overdue objection's escalation is the worse failure, so a rare duplicate is the price.
/// </remarks>
public sealed class ObjectionSweep(
    CaseFlow<StoredObjection> flow,
    ObjectionSteps steps,
    RecordStore records,
    QueueSender queue,
    TimeProvider clock,
    ILogger<ObjectionSweep> logger)
{
    /// <summary>How long a claimed escalation belongs to the sweep that claimed it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(10);

    private CaseTable<StoredObjection> Objections => flow.Table;

    /// <summary>Escalates every overdue objection not yet escalated; returns how many were sent.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        var sent = 0;
        foreach (var id in await Objections.OverdueAsync(today, cancellationToken))
        {
            var objection = await Objections.GetAsync(id, cancellationToken);
            if (objection is null)
            {
                continue;
            }

            if (objection.Status != CaseStatus.Pending)
            {
                // A decision cut short, or a decided objection's leftover row: finish it rather than escalate it.
                if (flow.MayFinish(objection))
                {
                    await steps.CompleteAsync(objection, cancellationToken);
                }

                continue;
            }

            if (await EscalateAsync(objection, cancellationToken))
            {
                sent++;
            }
        }

        logger.LogInformation("Objection sweep on {Today}: {Sent} escalated", today, sent);
        return sent;
    }

    private async Task<bool> EscalateAsync(StoredObjection objection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (objection.EscalationSent)
        {
            // Sent and recorded, but the row was not moved yet.
            await Objections.WriteIndexAsync(objection, cancellationToken);
            return false;
        }

        if (objection.EscalatedAt is { } claimedAt && now - claimedAt < ClaimLease)
        {
            return false;
        }

        var claimed = await Objections.TryReplaceAsync(objection with { EscalatedAt = now }, cancellationToken);
        if (claimed is null)
        {
            return false;
        }

        var escalation = new EscalationNotice(EscalationNotice.SchemaName, claimed.ObjectionId, claimed.RecordId, claimed.Unit, claimed.FiledOn, claimed.DecideBy, now);
        await queue.SendAsync(QueueNames.Escalations, escalation, AppJson.Web.EscalationNotice, cancellationToken);
        await queue.SendAsync(QueueNames.NoticesOf(claimed.Unit), escalation, AppJson.Web.EscalationNotice, cancellationToken);

        await records.ApplyAsync(claimed.RecordId, claimed.SubjectKey,
            new ObjectionEscalated(claimed.ObjectionId, claimed.DecideBy, claimed.Unit) { Actor = SystemActors.ObjectionSweep }, cancellationToken);

        var recorded = await Objections.TryReplaceAsync(claimed with { EscalationSent = true }, cancellationToken);
        if (recorded is null)
        {
            // A decision came in meanwhile: it removes the open rows itself.
            var current = await Objections.GetAsync(claimed.ObjectionId, cancellationToken);
            if (current is { Status: CaseStatus.Pending })
            {
                recorded = await Objections.TryReplaceAsync(current with { EscalationSent = true }, cancellationToken);
            }
        }

        if (recorded is { Status: CaseStatus.Pending })
        {
            await Objections.WriteIndexAsync(recorded, cancellationToken);
        }

        return true;
    }
}
