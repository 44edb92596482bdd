using CreditFunctions.App.Cases;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Repairs;

/// <summary>
/// The steps of a repair application after its guarded write (the record's claim on filing, pending → deciding on
/// decision). Each is safe to repeat, so a later request finishes what a crash interrupted. What each step does to the
/// record is <see cref="RecordLifecycle"/>'s.
/// </summary>
public sealed class RepairSteps(CaseFlow<StoredRepair> flow, RecordStore records, SubjectKeys keys, QueueSender queue, TimeProvider clock)
{
    /// <summary>The unit's list, then the application in the record's history (art12).</summary>
    public async Task OpenAsync(StoredRepair repair, CancellationToken cancellationToken)
    {
        await flow.Table.WriteIndexAsync(repair, cancellationToken);
        await records.ApplyAsync(repair.RecordId, repair.SubjectKey,
            new RepairApplied(repair.RepairId, repair.WageArrearsRemoval, repair.DueOn) { Actor = repair.FiledBy }, cancellationToken);
    }

    /// <summary>
    /// Finishes a decision: approved — the record is repaired (withdrawn that day, Regulations art38), and for a unit's
    /// wage-arrears listing every party listed with it too (MOHRSS Order No. 45); rejected — the reason goes into the
    /// history. Then each subject is told once, the application marked decided and the record freed.
    /// </summary>
    public async Task<StoredRepair> CompleteAsync(StoredRepair repair, CancellationToken cancellationToken)
    {
        if (repair.Status == CaseStatus.Decided)
        {
            await flow.FinishAsync(repair, cancellationToken);
            return repair;
        }

        var actor = repair.DecidedBy ?? repair.Unit;
        var decidedOn = repair.DecidedOn ?? Domain.Time.ChinaStandardTime.Today(clock);
        var removed = new List<(string SubjectKey, string RecordId)>();
        if (repair.Outcome == RepairOutcome.Approved.ToWire())
        {
            var unitRecord = await records.FindAsync(repair.RecordId, cancellationToken);
            var parties = unitRecord is null ? [] : await PartiesAsync(unitRecord.Record, cancellationToken);
            await records.ApplyAsync(repair.RecordId, repair.SubjectKey, new RepairApproved(repair.RepairId, decidedOn) { Actor = actor }, cancellationToken);
            foreach (var party in parties)
            {
                await records.ApplyAsync(party.Record.RecordId, party.SubjectKey,
                    new RepairApproved(repair.RepairId, decidedOn, repair.RecordId) { Actor = actor }, cancellationToken);
                removed.Add((party.SubjectKey, party.Record.RecordId));
            }
        }
        else
        {
            // History only; a crash after this and before "decided" writes the entry again on completion.
            await records.ApplyAsync(repair.RecordId, repair.SubjectKey, new RepairRejected(repair.RepairId, repair.DecisionReason) { Actor = actor }, cancellationToken);
        }

        repair = await flow.NotifyOnceAsync(repair, async () =>
        {
            await NotifyAsync(repair.SubjectKey, repair.RecordId, repair, cancellationToken);
            foreach (var (subjectKey, recordId) in removed)
            {
                await NotifyAsync(subjectKey, recordId, repair, cancellationToken);
            }
        }, cancellationToken);

        return await flow.MarkDecidedAsync(repair, r => r with
        {
            Status = CaseStatus.Decided,
            RemovedWithUnit = removed.Count > 0 ? removed.Select(p => p.RecordId).ToList() : r.RemovedWithUnit,
        }, cancellationToken);
    }

    /// <summary>Frees a record held by an application that was decided, or whose filing was cut short long enough ago.</summary>
    public async Task<bool> FinishHolderAsync(string holderId, CancellationToken cancellationToken)
    {
        return await flow.FinishHolderAsync(holderId, o => OpenAsync(o, cancellationToken), o => CompleteAsync(o, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The parties listed with a unit on the wage-arrears list (MOHRSS Order No. 45: they leave with it). Their records
    /// live under their own subjects; ingestion indexes each under the unit it was listed with (one query), then each is
    /// read where it lives, and the domain picks those of the same listing (<see cref="RepairCascade"/>).
    /// </summary>
    private async Task<IReadOnlyList<StoredRecord>> PartiesAsync(CreditRecord unitRecord, CancellationToken cancellationToken)
    {
        if (unitRecord.Kind != RecordKind.WageArrearsList || unitRecord.Subject.Type != SubjectType.Unit)
        {
            return [];
        }

        var candidates = await records.ListedWithAsync(unitRecord.Subject.Value, cancellationToken);
        var unitListings = (await records.ReadSubjectAsync(keys.KeyFor(unitRecord.Subject), cancellationToken)).Records;
        var listed = RepairCascade.PartiesListedWith(unitRecord, candidates.Select(c => c.Record), unitListings)
            .Select(r => r.RecordId).ToHashSet(StringComparer.Ordinal);
        return candidates.Where(c => listed.Contains(c.Record.RecordId)).ToList();
    }

    private Task NotifyAsync(string subjectKey, string recordId, StoredRepair repair, CancellationToken cancellationToken) =>
        queue.SendAsync(QueueNames.Notifications,
            new SubjectNotification(SubjectNotification.SchemaName, subjectKey, recordId, SubjectNotification.RepairDecided,
                repair.Outcome ?? "", clock.GetUtcNow(), null, repair.RepairId),
            AppJson.Web.SubjectNotification, cancellationToken);
}
