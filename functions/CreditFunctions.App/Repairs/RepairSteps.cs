using CreditFunctions.App.Json;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;

namespace CreditFunctions.App.Repairs;

/// <summary>
/// The steps of a repair application after its guarded write (the record's claim on filing, pending → deciding on
/// decision). Each is safe to repeat, so a later request finishes what a crash interrupted.
/// </summary>
public sealed class RepairSteps(RepairStore repairs, RecordStore records, ListedParties parties, WorkflowQueue queue, TimeProvider clock)
{
    /// <summary>The unit's list, then the application in the record's history (art12).</summary>
    public async Task OpenAsync(StoredRepair repair, CancellationToken cancellationToken)
    {
        await repairs.WriteIndexAsync(repair, cancellationToken);
        await records.WriteAsync(repair.SubjectKey, repair.RecordId, stored => stored is null
            ? null
            : new RecordChange(stored.Record, HistoryActions.RepairApplied, repair.FiledBy,
                $"{repair.RepairId}: {(repair.WageArrearsRemoval ? "early removal from the wage-arrears list" : "credit repair")}, decide by {repair.DueOn:yyyy-MM-dd}"),
            cancellationToken);
    }

    /// <summary>
    /// Finishes a decision: approved — the record is repaired (withdrawn that day, Regulations art38) with a withdraw
    /// event, and for a unit's wage-arrears listing every party listed with it too (MOHRSS Order No. 45); rejected — the
    /// reason goes into the history. Then each subject is told, the application marked decided and the record freed.
    /// </summary>
    public async Task<StoredRepair> CompleteAsync(StoredRepair repair, CancellationToken cancellationToken)
    {
        if (repair.Status == RepairStatus.Decided)
        {
            await FinishAsync(repair, cancellationToken);
            return repair;
        }

        var approved = repair.Outcome == RepairOutcome.Approved.ToWire();
        var removed = new List<string>();
        if (approved)
        {
            var current = await records.GetAsync(repair.SubjectKey, repair.RecordId, cancellationToken);
            var listed = current is null ? [] : await parties.OfAsync(current.Record, cancellationToken);
            await RepairAsync(repair.SubjectKey, repair.RecordId, repair, HistoryActions.Repaired, $"{repair.RepairId} approved", cancellationToken);
            foreach (var party in listed)
            {
                await RepairAsync(party.SubjectKey, party.Record.RecordId, repair, HistoryActions.RepairedWithUnit,
                    $"{repair.RepairId}: listed with the unit, removed with its record {repair.RecordId}", cancellationToken);
                removed.Add(party.Record.RecordId);
                await NotifyAsync(party.SubjectKey, party.Record.RecordId, repair, cancellationToken);
            }
        }
        else
        {
            // Not idempotent on its own: a crash after this and before "decided" writes the entry again on completion.
            await records.WriteAsync(repair.SubjectKey, repair.RecordId, stored => stored is null
                ? null
                : new RecordChange(stored.Record, HistoryActions.RepairRejected, repair.DecidedBy ?? repair.Unit, $"{repair.RepairId} rejected: {repair.DecisionReason}"),
                cancellationToken);
        }

        await NotifyAsync(repair.SubjectKey, repair.RecordId, repair, cancellationToken);
        var decided = repair with { Status = RepairStatus.Decided, RemovedWithUnit = removed.Count > 0 ? removed : repair.RemovedWithUnit };
        decided = await repairs.TryReplaceAsync(decided, cancellationToken) ?? await repairs.GetAsync(repair.RepairId, cancellationToken) ?? decided;
        await FinishAsync(decided, cancellationToken);
        return decided;
    }

    /// <summary>Frees a record held by an application that no longer exists or was decided (a crash before its release).</summary>
    public async Task<bool> ReleaseIfStaleAsync(string holderId, string recordId, CancellationToken cancellationToken)
    {
        var holder = await repairs.GetAsync(holderId, cancellationToken);
        if (holder is not null && holder.Status != RepairStatus.Decided)
        {
            return false;
        }

        await repairs.ReleaseRecordAsync(recordId, holderId, cancellationToken);
        return true;
    }

    private async Task FinishAsync(StoredRepair decided, CancellationToken cancellationToken)
    {
        await repairs.WriteIndexAsync(decided, cancellationToken);
        await repairs.ReleaseRecordAsync(decided.RecordId, decided.RepairId, cancellationToken);
    }

    /// <summary>One record repaired, with its history entry and the platform's withdraw event (one transaction); a record already repaired is left alone.</summary>
    private Task RepairAsync(string subjectKey, string recordId, StoredRepair repair, string action, string detail, CancellationToken cancellationToken) =>
        records.WriteAsync(subjectKey, recordId, stored =>
        {
            if (stored is null || stored.Record.State != RecordState.Active)
            {
                return null;
            }

            var repaired = RepairDecisions.Approve(stored.Record, repair.DecidedOn ?? Domain.Time.ChinaStandardTime.Today(clock));
            return new RecordChange(repaired, action, repair.DecidedBy ?? repair.Unit, detail)
            {
                Events = PlatformEvent.IsPublished(stored.Record) ? [PlatformEvent.For(PlatformEventTypes.Withdraw, repaired, clock.GetUtcNow())] : [],
            };
        }, cancellationToken);

    private Task NotifyAsync(string subjectKey, string recordId, StoredRepair repair, CancellationToken cancellationToken) =>
        queue.SendAsync(QueueNames.Notifications,
            new SubjectNotification(SubjectNotification.SchemaName, subjectKey, recordId, SubjectNotification.RepairDecided,
                repair.Outcome ?? "", clock.GetUtcNow(), null, repair.RepairId),
            AppJson.Web.SubjectNotification, cancellationToken);
}
