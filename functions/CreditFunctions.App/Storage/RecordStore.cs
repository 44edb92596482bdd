using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Platform;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>The change a writer wants to make to a record, given what is stored.</summary>
/// <param name="MessageId">The message that caused it: a redelivery of the same message is recognised as such.</param>
public sealed record RecordChange(CreditRecord NewState, string HistoryAction, string Actor, string? Detail, string? MessageId = null)
{
    /// <summary>What the platform must hear of this change; written to the outbox in the same transaction.</summary>
    public IReadOnlyList<PlatformEvent> Events { get; init; } = [];
}

public enum WriteOutcome
{
    Stored,
    Unchanged,
}

/// <summary>
/// What a subject's partition range holds: its profile (when known), current records and, for a unit, the copies of
/// its legal representative's records (<see cref="RepresentativeMirrors"/>).
/// </summary>
public sealed record SubjectRecords(SubjectProfile? Profile, IReadOnlyList<CreditRecord> Records)
{
    public IReadOnlyList<RepresentativeCopy> RepresentativeCopies { get; init; } = [];
}

/// <param name="MirroredFrom">The representative whose records are copied in full into this unit's partition.</param>
public sealed record SubjectProfile(SubjectType Type, string? Name, string? LegalRepresentativeKey, string? MirroredFrom = null);

/// <summary>A copy, in a unit's partition, of a record of the individual <paramref name="RepresentativeKey"/>.</summary>
public sealed record RepresentativeCopy(string RepresentativeKey, CreditRecord Record);

/// <summary>
/// Records in Table Storage (docs/table-design.md): current state, history chain and expiry index of a record are
/// written in one entity-group transaction, guarded by the stored ETag, so a change is all-or-nothing and two
/// writers racing on one record cannot lose an update: the loser re-reads and decides again.
/// </summary>
public sealed class RecordStore(
    CreditStorage storage, StorageProvisioner provisioner, SubjectKeys keys, PlatformOutbox outbox, RepresentativeMirrors mirrors, TimeProvider clock)
{
    private TableClient Table => storage.Tables.GetTableClient(TableNames.Records);

    public async Task<StoredRecord?> GetAsync(string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            SubjectKeys.BucketOf(subjectKey), RecordEntities.RecordRow(subjectKey, recordId), cancellationToken: cancellationToken);
        return response.HasValue ? RecordEntities.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Reads what is stored, asks <paramref name="decide"/> what to change (null: nothing), and writes it; on a
    /// concurrent change it starts again from a fresh read. The platform is notified of the change's events.
    /// </summary>
    public async Task<WriteOutcome> WriteAsync(
        string subjectKey, string recordId, Func<StoredRecord?, RecordChange?> decide, CancellationToken cancellationToken)
    {
        var (outcome, pending) = await StageAsync(subjectKey, recordId, decide, cancellationToken);
        await outbox.NotifyAsync(pending, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// As <see cref="WriteAsync"/>, but leaves notifying the platform push to the caller, which gets the outbox
    /// pointers: a caller changing many records sends one notice for all of them instead of one each.
    /// </summary>
    /// <param name="refreshCopies">False only for the expiry sweep: a copy stops counting on its record's last day
    /// by its dates alone, so expiring needs no copy refreshed (and the sweep keeps its request budget).</param>
    public async Task<(WriteOutcome Outcome, IReadOnlyList<OutboxPointer> Pending)> StageAsync(
        string subjectKey, string recordId, Func<StoredRecord?, RecordChange?> decide, CancellationToken cancellationToken, bool refreshCopies = true)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var partition = SubjectKeys.BucketOf(subjectKey);
        // An individual may be a unit's legal representative: its record is written together with its representation
        // row as read, so a unit linking to it meanwhile fails this write, which then re-reads and refreshes that unit.
        var guarded = refreshCopies && RepresentativeMirrors.IsIndividual(subjectKey);
        for (var attempt = 1; ; attempt++)
        {
            TableEntity? stored = null, representation = null;
            StoredRecord? current;
            if (guarded)
            {
                (stored, representation) = await GetWithRepresentationAsync(subjectKey, recordId, cancellationToken);
                current = stored is null ? null : RecordEntities.FromEntity(stored);
            }
            else
            {
                current = await GetAsync(subjectKey, recordId, cancellationToken);
            }

            var change = decide(current);
            if (change is null)
            {
                // Nothing to change; a delivery cut short after its write may not have refreshed the copies yet.
                if (stored is not null)
                {
                    await mirrors.RefreshAsync(subjectKey, stored, RepresentativeMirrors.UnitsOf(representation), cancellationToken);
                }

                return (WriteOutcome.Unchanged, []);
            }

            var actions = new List<TableTransactionAction>(8);
            var written = Plan(actions, partition, subjectKey, current, change);
            if (guarded)
            {
                actions.Add(RepresentativeMirrors.GuardRepresentation(partition, subjectKey, representation));
            }

            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (Contention.IsLostRace(e) && attempt < Contention.MaxAttempts)
            {
                // Someone else changed the record (or appended its history, or linked a unit) first: re-read and decide again.
                await Contention.BackOffAsync(attempt, cancellationToken);
                continue;
            }

            if (guarded)
            {
                await mirrors.RefreshAsync(subjectKey, written, RepresentativeMirrors.UnitsOf(representation), cancellationToken);
            }

            return (WriteOutcome.Stored, change.Events.Select(e => new OutboxPointer(partition, e.EventId)).ToList());
        }
    }

    /// <summary>
    /// An individual's record and representation row in one request: the range from the record's row to the
    /// representation row holds only that individual's records from this id on, and the row (r &lt; u).
    /// </summary>
    private async Task<(TableEntity? Record, TableEntity? Representation)> GetWithRepresentationAsync(
        string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        var recordRow = RecordEntities.RecordRow(subjectKey, recordId);
        var representationRow = RecordEntities.RepresentationRow(subjectKey);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {recordRow} and RowKey le {representationRow}");
        TableEntity? record = null;
        TableEntity? representation = null;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == recordRow)
            {
                record = entity;
            }
            else if (entity.RowKey == representationRow)
            {
                representation = entity;
            }
        }

        return (record, representation);
    }

    /// <summary>
    /// The entities of one change: current state (Add when new, else replace guarded by the ETag read), the next
    /// history entry, the expiry index, the subject profile and the outbox events. Exposed so a bulk writer can put
    /// several records of one bucket into one entity-group transaction.
    /// </summary>
    /// <returns>The record's new current-state entity.</returns>
    internal TableEntity Plan(List<TableTransactionAction> actions, string partition, string subjectKey, StoredRecord? current, RecordChange change, bool includeProfile = true)
    {
        var record = change.NewState;
        var entry = HistoryChain.Next(
            current?.HistorySequence ?? 0, current?.HistoryHash ?? "", change.HistoryAction, record.Version, change.Actor, clock.GetUtcNow(), change.Detail);
        var entity = RecordEntities.ToEntity(partition, subjectKey, record, entry.Sequence, entry.Hash);
        entity["LastMessageId"] = change.MessageId;
        actions.Add(current is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, current.ETag));
        // Add, not upsert: if another writer appended this sequence number first, the whole transaction fails.
        actions.Add(new(TableTransactionActionType.Add, HistoryChain.ToEntity(partition, subjectKey, record.RecordId, entry)));
        foreach (var e in change.Events)
        {
            // Add: an event id is one change; finding it already there means this change was already made.
            actions.Add(new(TableTransactionActionType.Add, OutboxEntities.ToEntity(partition, subjectKey, e)));
        }

        var oldExpiry = current?.Record.State == RecordState.Active ? current.Record.ExpiresOn : null;
        var newExpiry = record.State == RecordState.Active ? record.ExpiresOn : null;
        if (oldExpiry is { } old && old != newExpiry)
        {
            actions.Add(new(TableTransactionActionType.Delete, new TableEntity(partition, RecordEntities.ExpiryRow(old, record.RecordId)), ETag.All));
        }

        if (newExpiry is { } expires && expires != oldExpiry)
        {
            // A new record's index row cannot exist yet (it is only ever written with its record): Add, like the rest.
            var index = new TableEntity(partition, RecordEntities.ExpiryRow(expires, record.RecordId))
            {
                ["SubjectKey"] = subjectKey,
                ["Version"] = record.Version,
            };
            actions.Add(new(current is null ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, index));
        }

        if (includeProfile && (record.SubjectName is not null || record.LegalRepresentative is not null))
        {
            actions.Add(ProfileAction(partition, subjectKey, record));
        }

        return entity;
    }

    internal TableTransactionAction ProfileAction(string partition, string subjectKey, CreditRecord record)
    {
        var profile = new TableEntity(partition, RecordEntities.ProfileRow(subjectKey))
        {
            ["SubjectType"] = record.Subject.Type.ToWire(),
        };
        if (record.SubjectName is not null)
        {
            profile["Name"] = record.SubjectName;
        }

        if (record.LegalRepresentative is { } representative)
        {
            profile["LegalRepresentativeKey"] = keys.KeyFor(representative);
        }

        return new(TableTransactionActionType.UpsertMerge, profile);
    }

    /// <summary>A subject's profile and current records: one range query in one partition.</summary>
    public async Task<SubjectRecords> ReadSubjectAsync(string subjectKey, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var (from, to) = RecordEntities.CurrentStateRange(subjectKey);
        var partition = SubjectKeys.BucketOf(subjectKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        SubjectProfile? profile = null;
        var records = new List<CreditRecord>();
        var copies = new List<RepresentativeCopy>();
        var mirrorPrefix = RecordEntities.MirrorPrefix(subjectKey);
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (entity.RowKey.EndsWith("|p", StringComparison.Ordinal))
            {
                profile = new SubjectProfile(
                    entity.GetString("SubjectType") == "unit" ? SubjectType.Unit : SubjectType.Individual,
                    entity.GetString("Name"),
                    entity.GetString("LegalRepresentativeKey"),
                    entity.GetString("MirroredFrom"));
            }
            else if (entity.RowKey.StartsWith(mirrorPrefix, StringComparison.Ordinal))
            {
                copies.Add(new RepresentativeCopy(entity.GetString("MirrorOf") ?? "", RecordEntities.FromEntity(entity).Record));
            }
            else if (entity.RowKey.EndsWith("|u", StringComparison.Ordinal))
            {
                // The units this individual represents: a concern of writes, not of what the subject's credit is.
            }
            else
            {
                records.Add(RecordEntities.FromEntity(entity).Record);
            }
        }

        return new SubjectRecords(profile, records) { RepresentativeCopies = copies };
    }

    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        var prefix = $"s|{subjectKey}|h|{recordId}|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var entries = new List<HistoryEntry>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            entries.Add(HistoryChain.FromEntity(entity));
        }

        return entries;
    }
}
