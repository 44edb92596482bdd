using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>How a write goes.</summary>
/// <param name="Notify">Send the push its notice for the change's platform events (a caller changing many records sends one for all).</param>
/// <param name="RefreshCopies">False only for the expiry sweep: a copy stops counting on its record's last day by its dates
/// alone, so expiring needs no copy refreshed (and the sweep keeps its request budget).</param>
/// <param name="KnownNewAt">The record's locator was just added pointing at this subject key: no need to read it.</param>
public sealed record WriteOptions(bool Notify = true, bool RefreshCopies = true, string? KnownNewAt = null)
{
    public static readonly WriteOptions Default = new();
}

/// <summary>What applying one event to one record came to.</summary>
/// <param name="Stored">The record as stored after the write (or as found, when nothing was written); null when there is none.</param>
/// <param name="Pending">The outbox rows written (or, for a redelivery, the ones its first delivery may have left un-notified).</param>
public sealed record RecordWrite(RecordTransition Transition, StoredRecord? Stored, IReadOnlyList<OutboxPointer> Pending)
{
    public TransitionOutcome Outcome => Transition.Outcome;

    public bool Written => Transition.Outcome is TransitionOutcome.Applied or TransitionOutcome.RevokeRemembered;
}

/// <summary>What a subject's partition range holds: its profile, its current records and, for a unit, the copies of its legal representative's.</summary>
public sealed record SubjectRecords(SubjectProfile? Profile, IReadOnlyList<CreditRecord> Records)
{
    public IReadOnlyList<RepresentativeCopy> RepresentativeCopies { get; init; } = [];
}

/// <param name="MirroredFrom">The representative whose records are copied in full into this unit's partition.</param>
public sealed record SubjectProfile(SubjectType Type, string? Name, string? LegalRepresentativeKey, string? MirroredFrom = null);

/// <summary>A copy, in a unit's partition, of a record of the individual <paramref name="RepresentativeKey"/>.</summary>
public sealed record RepresentativeCopy(string RepresentativeKey, CreditRecord Record);

/// <summary>
/// The one owner of the <c>Records</c> and <c>RecordLocators</c> tables: every row type (record, profile, representation,
/// copies, history, expiry index, outbox, sweep state, locators) and every key format is behind this class, split by row
/// type over <c>RecordStore.*.cs</c>. It stores what <see cref="RecordLifecycle"/> decides and nothing else: a record's
/// current state, its next history entry, its expiry index and its platform events go into one entity-group transaction,
/// guarded by the ETag read, so a change is all-or-nothing and two writers racing on one record cannot lose an update.
/// A record is <c>(source, sourceRecordId)</c> wherever it points: its locator names the one subject it lives under;
/// moving it to another subject leaves a forwarding row (docs/table-design.md, "Records", "Moves").
/// </summary>
public sealed partial class RecordStore(
    CreditStorage storage, StorageProvisioner provisioner, SubjectKeys keys, PlatformOutbox outbox, TimeProvider clock)
{
    private const int MaxHops = 4;

    private TableClient Records => storage.Tables.GetTableClient(TableNames.Records);

    private TableClient Locators => storage.Tables.GetTableClient(TableNames.RecordLocators);

    /// <summary>The record as stored under <paramref name="subjectKey"/>, if it lives there (not a forwarding row).</summary>
    public async Task<StoredRecord?> GetAsync(string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var row = await PointReadAsync(subjectKey, recordId, cancellationToken);
        return row is null || ToStored(row).IsForwarding ? null : ToStored(row);
    }

    /// <summary>
    /// The record with this id, wherever it lives: its locator (one point read), then the record (one point read),
    /// following a move. A move still under way answers with the state it moves to (its history is where it was).
    /// </summary>
    public async Task<StoredRecord?> FindAsync(string recordId, CancellationToken cancellationToken)
    {
        if (!IsRecordId(recordId))
        {
            return null;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var locator = await ReadLocatorAsync(recordId, cancellationToken);
        if (locator?.GetString("SubjectKey") is not { Length: > 0 } key)
        {
            return null;
        }

        var row = await PointReadAsync(key, recordId, cancellationToken);
        var stored = row is null ? null : ToStored(row);
        for (var hop = 0; stored?.MovedTo is { } next && hop < MaxHops; hop++)
        {
            var there = await PointReadAsync(next, recordId, cancellationToken);
            if (there is null || ToStored(there).HistorySequence < stored.HistorySequence)
            {
                return stored;
            }

            stored = ToStored(there);
        }

        return stored;
    }

    /// <summary>The record, when it exists and is the subject's with <paramref name="subjectKey"/>; otherwise null.</summary>
    public async Task<StoredRecord?> FindForSubjectAsync(string? recordId, string subjectKey, CancellationToken cancellationToken)
    {
        if (recordId is null || !IsRecordId(recordId))
        {
            return null;
        }

        // The subject's own partition first: where a record it was shown lives (one read, no locator).
        var stored = await GetAsync(subjectKey, recordId, cancellationToken) ?? await FindAsync(recordId, cancellationToken);
        return stored is not null && keys.KeyFor(stored.Record.Subject) == subjectKey ? stored : null;
    }

    /// <summary>A subject's profile and current records (and a unit's copies): one range query in one partition.</summary>
    public async Task<SubjectRecords> ReadSubjectAsync(string subjectKey, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var (from, to) = Keys.CurrentStateRange(subjectKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {from} and RowKey lt {to}");
        SubjectProfile? profile = null;
        var records = new List<CreditRecord>();
        var copies = new List<RepresentativeCopy>();
        var copyPrefix = Keys.CopyPrefix(subjectKey);
        var recordPrefix = Keys.RecordPrefix(subjectKey);
        await foreach (var entity in Records.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (entity.RowKey == Keys.ProfileRow(subjectKey))
            {
                profile = new SubjectProfile(
                    entity.GetString("SubjectType") == "unit" ? SubjectType.Unit : SubjectType.Individual,
                    entity.GetString("Name"),
                    entity.GetString("LegalRepresentativeKey"),
                    entity.GetString("MirroredFrom"));
            }
            else if (entity.RowKey.StartsWith(copyPrefix, StringComparison.Ordinal))
            {
                var copy = ToStored(entity);
                if (!copy.IsForwarding)
                {
                    copies.Add(new RepresentativeCopy(entity.GetString("MirrorOf") ?? "", copy.Record));
                }
            }
            else if (entity.RowKey.StartsWith(recordPrefix, StringComparison.Ordinal))
            {
                // A forwarding row is a record that moved to another subject: not this subject's.
                var stored = ToStored(entity);
                if (!stored.IsForwarding)
                {
                    records.Add(stored.Record);
                }
            }
        }

        return new SubjectRecords(profile, records) { RepresentativeCopies = copies };
    }

    /// <summary>The history of a record as found (its entries are in the partition of <see cref="StoredRecord.SubjectKey"/>).</summary>
    public async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        var entries = new List<HistoryEntry>();
        await foreach (var entity in HistoryRowsAsync(subjectKey, recordId, cancellationToken))
        {
            entries.Add(ToHistory(entity));
        }

        return entries;
    }

    /// <summary>
    /// Applies one event to one record: locates it (the subject hint first, then its locator, following a move), asks
    /// <paramref name="eventFor"/> what happens to it as it is (null: nothing), lets <see cref="RecordLifecycle"/> decide,
    /// and stores the transition. On a concurrent change it starts again from a fresh read.
    /// </summary>
    /// <param name="subjectKeyHint">Where the record is expected (its subject's key), read before the locator.</param>
    public async Task<RecordWrite> ApplyAsync(
        string recordId, string? subjectKeyHint, Func<CurrentRecord?, RecordEvent?> eventFor, CancellationToken cancellationToken, WriteOptions? options = null)
    {
        options ??= WriteOptions.Default;
        await provisioner.EnsureAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var place = await LocateForWriteAsync(recordId, subjectKeyHint, options, cancellationToken);
            var e = eventFor(place.Current);
            if (e is null)
            {
                return new RecordWrite(RecordTransition.Unchanged(place.Stored?.Record), place.Stored, []);
            }

            var transition = RecordLifecycle.Apply(place.Current, e);
            try
            {
                var write = await StoreAsync(recordId, place, transition, options, cancellationToken);
                if (options.Notify)
                {
                    await outbox.NotifyAsync(write.Pending, cancellationToken);
                }

                return write;
            }
            catch (RequestFailedException ex) when (Contention.IsLostRace(ex) && attempt < Contention.MaxAttempts)
            {
                // Someone else changed the record (or its locator, or linked a unit to it) first: read again and decide again.
                await Contention.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>As <see cref="ApplyAsync(string, string?, Func{CurrentRecord?, RecordEvent?}, CancellationToken, WriteOptions?)"/> with one event whatever the state.</summary>
    public Task<RecordWrite> ApplyAsync(string recordId, string? subjectKeyHint, RecordEvent e, CancellationToken cancellationToken, WriteOptions? options = null) =>
        ApplyAsync(recordId, subjectKeyHint, _ => e, cancellationToken, options);

    private async Task<RecordWrite> StoreAsync(string recordId, Place place, RecordTransition transition, WriteOptions options, CancellationToken cancellationToken)
    {
        switch (transition.Outcome)
        {
            case TransitionOutcome.Unchanged or TransitionOutcome.Refused:
                // Nothing to change; a delivery cut short after its write may not have refreshed the copies yet.
                await RefreshCopiesOfAsync(place, options, cancellationToken);
                return new RecordWrite(transition, place.Stored, []);
            case TransitionOutcome.Redelivered:
                await RefreshCopiesOfAsync(place, options, cancellationToken);
                return new RecordWrite(transition, place.Stored, place.Stored is { } found ? PossiblePending(found) : []);
            case TransitionOutcome.RevokeRemembered:
                await RememberRevokeAsync(recordId, place, transition.RevokedVersion, cancellationToken);
                return new RecordWrite(transition, null, []);
        }

        var after = transition.After!;
        var target = keys.KeyFor(after.Subject);
        if (place.Key is null)
        {
            // A record never seen: its locator first, so an id any answer shows is at once usable in every route.
            await AddLocatorAsync(recordId, target, after.Version, cancellationToken);
            place = place with { Key = target };
        }
        else if (place.Key.Length == 0)
        {
            // Only a revoke was remembered (no subject): point the locator at the subject the new version names.
            await PointLocatorAsync(recordId, target, after.Version, place.Locator, cancellationToken);
            place = place with { Key = target, Stored = null, Row = null, RepresentationRead = false };
        }

        if (place.Key != target)
        {
            return await RelocateAsync(recordId, place, target, transition, options, cancellationToken);
        }

        if (IsIndividual(target) && options.RefreshCopies && !place.RepresentationRead)
        {
            // The guard needs the representation row as read with the record; the hint read was a point read.
            var (row, representation) = await ReadWithRepresentationAsync(target, recordId, cancellationToken);
            place = place with { Row = row, Stored = row is null ? null : ToStored(row), Representation = representation, RepresentationRead = true };
        }

        var (stored, pending) = await WriteHereAsync(target, place, transition, options, cancellationToken);
        return new RecordWrite(transition, stored, pending);
    }

    /// <summary>The transaction of one change where the record lives: its state, history entry, expiry index, events and profile.</summary>
    private async Task<(StoredRecord Stored, IReadOnlyList<OutboxPointer> Pending)> WriteHereAsync(
        string subjectKey, Place place, RecordTransition transition, WriteOptions options, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>(8);
        var (entity, pending) = Plan(actions, subjectKey, place.Stored, transition, movedTo: null, includeProfile: true);
        var guarded = IsIndividual(subjectKey) && options.RefreshCopies;
        if (guarded)
        {
            actions.Add(GuardRepresentation(subjectKey, place.Representation));
        }

        await Records.SubmitTransactionAsync(actions, cancellationToken);
        if (guarded)
        {
            await RefreshCopiesAsync(subjectKey, entity, UnitsOf(place.Representation), cancellationToken);
        }

        return (ToStored(entity), pending);
    }

    /// <summary>
    /// The entities of one change under <paramref name="subjectKey"/>: the record's row (Add when there is none, else
    /// replace guarded by the ETag read), the next history entry (Add: a writer appending the same sequence first fails
    /// the whole transaction), its platform events (Add: an event id is one change), the expiry index and the profile.
    /// With <paramref name="movedTo"/> the row forwards to the subject the record moves to, and holds no index.
    /// </summary>
    private (TableEntity Entity, IReadOnlyList<OutboxPointer> Pending) Plan(
        List<TableTransactionAction> actions, string subjectKey, StoredRecord? before, RecordTransition transition, string? movedTo, bool includeProfile)
    {
        var after = transition.After!;
        var partition = SubjectKeys.BucketOf(subjectKey);
        var now = clock.GetUtcNow();
        var entry = HistoryChain.Next(before?.HistorySequence ?? 0, before?.HistoryHash ?? "", transition.Step!, after.Version, now);
        var messageId = transition.MessageId ?? before?.LastMessageId;
        var entity = RecordEntity(subjectKey, after, entry, messageId, movedTo);
        actions.Add(before is null
            ? new TableTransactionAction(TableTransactionActionType.Add, entity)
            : new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, before.ETag));
        actions.Add(new TableTransactionAction(TableTransactionActionType.Add, HistoryEntity(subjectKey, after.RecordId, entry)));

        var pending = new List<OutboxPointer>(transition.Platform.Count);
        for (var i = 0; i < transition.Platform.Count; i++)
        {
            var change = transition.Platform[i];
            var e = PlatformEvent.For(change.Type, change.Record, now, change.Discriminator);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, OutboxEntity(partition, subjectKey, e, i)));
            pending.Add(new OutboxPointer(partition, e.EventId));
        }

        // What a partner following a subject must see (watches): a row per change, committed with it, for the fan-out.
        for (var i = 0; i < transition.SubjectChanges.Count; i++)
        {
            var change = transition.SubjectChanges[i];
            var notice = new SubjectChangeNotice(keys.KeyFor(change.Subject), change.Subject.Type.ToWire(), change.Subject.Value, change.Change, after.RecordId, now);
            var id = Keys.ChangeId(after.RecordId, entry.Sequence, i);
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ChangeEntity(partition, id, notice)));
            pending.Add(new OutboxPointer(partition, id, notice));
        }

        var oldExpiry = before is { IsForwarding: false, Record.State: RecordState.Active } ? before.Record.ExpiresOn : null;
        var newExpiry = movedTo is null && after.State == RecordState.Active ? after.ExpiresOn : null;
        if (oldExpiry is { } old && old != newExpiry)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, Keys.ExpiryRow(old, after.RecordId)), ETag.All));
        }

        if (newExpiry is { } expires && expires != oldExpiry)
        {
            // A first version's index row cannot exist yet (it is only ever written with its record): Add, like the rest.
            var index = new TableEntity(partition, Keys.ExpiryRow(expires, after.RecordId)) { ["SubjectKey"] = subjectKey, ["Version"] = after.Version };
            actions.Add(new TableTransactionAction(before is null ? TableTransactionActionType.Add : TableTransactionActionType.UpsertReplace, index));
        }

        if (includeProfile && movedTo is null && (after.SubjectName is not null || after.LegalRepresentative is not null))
        {
            actions.Add(ProfileAction(subjectKey, after));
        }

        return (entity, pending);
    }

    private TableTransactionAction ProfileAction(string subjectKey, CreditRecord record)
    {
        var profile = new TableEntity(SubjectKeys.BucketOf(subjectKey), Keys.ProfileRow(subjectKey)) { ["SubjectType"] = record.Subject.Type.ToWire() };
        if (record.SubjectName is not null)
        {
            profile["Name"] = record.SubjectName;
        }

        if (record.Subject.Type == SubjectType.Individual)
        {
            // Not a key, never logged (as on the record): what a re-keying migration derives the new key from.
            profile["SubjectId"] = record.Subject.Value;
        }

        if (record.LegalRepresentative is { } representative)
        {
            profile["LegalRepresentativeKey"] = keys.KeyFor(representative);
            profile["LegalRepresentativeId"] = representative.Value;
        }

        return new TableTransactionAction(TableTransactionActionType.UpsertMerge, profile);
    }

    /// <summary>
    /// The outbox rows a stored version can have: its publish or its withdraw. Pointing at a row already acknowledged
    /// (and so deleted) is harmless: the push skips it.
    /// </summary>
    private static IReadOnlyList<OutboxPointer> PossiblePending(StoredRecord stored)
    {
        var partition = SubjectKeys.BucketOf(stored.SubjectKey);
        return
        [
            new OutboxPointer(partition, PlatformEvent.IdFor(stored.Record.RecordId, stored.Record.Version, PlatformChangeTypes.Publish)),
            new OutboxPointer(partition, PlatformEvent.IdFor(stored.Record.RecordId, stored.Record.Version, PlatformChangeTypes.Withdraw)),
        ];
    }

    private static bool IsRecordId(string recordId) => TableKeys.IsSafe(recordId) && RecordIds.SourceOf(recordId) is not null;

    private async Task<TableEntity?> PointReadAsync(string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        var response = await Records.GetEntityIfExistsAsync<TableEntity>(SubjectKeys.BucketOf(subjectKey), Keys.RecordRow(subjectKey, recordId), cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// An individual's record and representation row in one request: the range from the record's row to the
    /// representation row holds only that individual's records from this id on, and the row (r &lt; u).
    /// </summary>
    private async Task<(TableEntity? Record, TableEntity? Representation)> ReadWithRepresentationAsync(
        string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        var recordRow = Keys.RecordRow(subjectKey, recordId);
        var representationRow = Keys.RepresentationRow(subjectKey);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {recordRow} and RowKey le {representationRow}");
        TableEntity? record = null, representation = null;
        await foreach (var entity in Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
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

    private IAsyncEnumerable<TableEntity> HistoryRowsAsync(string subjectKey, string recordId, CancellationToken cancellationToken)
    {
        var prefix = Keys.HistoryPrefix(subjectKey, recordId);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        return Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken);
    }
}
