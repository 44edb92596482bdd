using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Watches;

/// <summary>A watch as stored: who owns it, what business it is for, where it calls back.</summary>
public sealed record StoredWatch(
    string WatchId, string OwnerObjectId, string? OwnerName, string? Business, string? CallbackUrl,
    DateTimeOffset CreatedAt, int SubjectCount, string CreatedCursor, ETag ETag);

/// <summary>
/// How far a watch's callbacks have got (its <c>cb</c> row): the secret they are signed with, the last cursor the
/// receiver acknowledged, the failed attempts since, and a lease while one deliverer works on it.
/// </summary>
public sealed record DeliveryState(string WatchId, string CallbackUrl, string Secret, string DeliveredCursor, ETag ETag)
{
    public int Attempts { get; init; }

    public DateTimeOffset? NextAttemptAt { get; init; }

    public DateTimeOffset? LeaseUntil { get; init; }

    public string? LastFailure { get; init; }

    public DateTimeOffset? LastDeliveredAt { get; init; }

    public string OwnerObjectId { get; init; } = "";

    public string? OwnerName { get; init; }

    public string? Business { get; init; }
}

/// <summary>A subject a watch follows, as the partner named it.</summary>
public sealed record WatchedSubject(string SubjectKey, string SubjectType, string SubjectId);

/// <summary>A watch that holds a subject, as the fan-out needs it without reading the watch.</summary>
public sealed record WatchOfSubject(string WatchId, string SubjectId, string? Business, bool HasCallback);

/// <summary>A change in one watch's feed, with the subject's key for the access log (never shown).</summary>
public sealed record FeedEntry(WatchChange Change, string SubjectKey);

/// <summary>
/// The one owner of the <c>Watches</c> table (docs/table-design.md, "Watches"). Rows:
/// <list type="bullet">
/// <item><c>w|{watchId}</c> / <c>watch</c>: the watch; <c>w|{watchId}</c> / <c>s|{subjectKey}</c>: what it follows;</item>
/// <item><c>s|{bucket}</c> / <c>{subjectKey}|{watchId}</c>: which watches hold a subject — the fan-out reads one range, so a change
/// costs work in proportion to the watches on that subject, not to all watches;</item>
/// <item><c>f|{watchId}</c> / <c>{cursor}</c>: the feed, keyed by when the change reached it; <c>x|{changeId}</c> beside each, so a
/// change fanned out again is not written twice;</item>
/// <item><c>cb</c> / <c>{watchId}</c>: the delivery state of a watch with a callback (secret, acknowledged cursor, attempts, lease),
/// all in one partition so the deliveries' reconciliation is one query.</item>
/// </list>
/// </summary>
public sealed partial class WatchStore(CreditStorage storage, StorageProvisioner provisioner) : ISubjectKeyHolder
{
    private const string WatchRow = "watch";
    private const string CallbackPartition = "cb";

    private TableClient Table => storage.Tables.GetTableClient(TableNames.Watches);

    private static string WatchPartition(string watchId) => "w|" + watchId;

    private static string FeedPartition(string watchId) => "f|" + watchId;

    private static string ReversePartition(string subjectKey) => "s|" + SubjectKeys.BucketOf(subjectKey);

    /// <summary>
    /// A feed cursor: the moment the change reached the feed (UTC ticks, 19 digits) and 8 hex digits of its id, so two
    /// changes of one tick differ and the order is the order they arrived.
    /// </summary>
    public static string Cursor(DateTimeOffset at, string changeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}{StableHash(changeId):x8}");

    /// <summary>The first cursor of the moment <paramref name="at"/>: every change that reached a feed before it sorts below.</summary>
    public static string CursorAt(DateTimeOffset at) => string.Create(CultureInfo.InvariantCulture, $"{at.UtcTicks:D19}00000000");

    public static bool IsCursor(string? cursor) =>
        cursor is { Length: 27 } && cursor.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0
        && cursor.AsSpan(19).IndexOfAnyExcept("0123456789abcdef") < 0;

    public async Task<StoredWatch?> GetAsync(string watchId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(WatchPartition(watchId), WatchRow, cancellationToken: cancellationToken);
        return found.HasValue && found.Value!.GetBoolean("Deleted") != true ? ToWatch(found.Value) : null;
    }

    public async Task<IReadOnlyList<WatchedSubject>> SubjectsAsync(string watchId, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {WatchPartition(watchId)} and RowKey ge {"s|"} and RowKey lt {"s}"}");
        var subjects = new List<WatchedSubject>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            subjects.Add(new WatchedSubject(row.RowKey[2..], row.GetString("SubjectType") ?? "", row.GetString("SubjectId") ?? ""));
        }

        return subjects;
    }

    /// <summary>
    /// Writes a new watch: its delivery state and what it follows under each subject first (the fan-out finds it from
    /// there), then the watch row with its subjects, last, so a watch one can read is complete. A watch left half-made by
    /// a crash is invisible (no watch row) and its reverse rows only cost the fan-out a feed nobody reads.
    /// </summary>
    /// <summary>
    /// A new watch's subjects in the fan-out's reverse index: written before <see cref="CreateAsync"/>, and before the
    /// watch's first cursor is taken, so every change stored after that cursor finds the watch.
    /// </summary>
    public async Task IndexAsync(StoredWatch watch, IReadOnlyList<WatchedSubject> subjects, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await AddReverseAsync(watch, subjects, cancellationToken);
    }

    public async Task CreateAsync(StoredWatch watch, string? secret, IReadOnlyList<WatchedSubject> subjects, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        if (watch.CallbackUrl is not null)
        {
            await Table.AddEntityAsync(ToEntity(new DeliveryState(watch.WatchId, watch.CallbackUrl, secret!, watch.CreatedCursor, default)
            {
                OwnerObjectId = watch.OwnerObjectId,
                OwnerName = watch.OwnerName,
                Business = watch.Business,
            }), cancellationToken);
        }

        var forward = subjects.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Forward(watch.WatchId, s))).ToList();
        // The watch row goes with the last chunk of its subjects: it exists only once they all do.
        var chunks = forward.Chunk(RecordStore.MaxEntitiesPerTransaction - 1).ToList();
        for (var i = 0; i < chunks.Count; i++)
        {
            var actions = chunks[i].ToList();
            if (i == chunks.Count - 1)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, ToEntity(watch)));
            }

            await Table.SubmitTransactionAsync(actions, cancellationToken);
        }
    }

    /// <summary>
    /// Adds and removes subjects of a watch and sets its count, guarded by the watch's ETag (two changes at once: one
    /// wins, the other is told to read again). Added subjects are in the fan-out's index before the count says so.
    /// </summary>
    public async Task<StoredWatch?> ChangeSubjectsAsync(
        StoredWatch watch, IReadOnlyList<WatchedSubject> add, IReadOnlyList<string> removeKeys, int newCount, CancellationToken cancellationToken)
    {
        // Claimed first, under the watch's ETag: of two changes at once the loser is told to read again having written
        // nothing (a loser that had indexed its subjects first would leave them followed behind a 409).
        StoredWatch changed;
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(watch with { SubjectCount = newCount }), watch.ETag, TableUpdateMode.Replace, cancellationToken);
            changed = watch with { SubjectCount = newCount, ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }

        await AddReverseAsync(watch, add, cancellationToken);
        var forward = add.Select(s => new TableTransactionAction(TableTransactionActionType.UpsertReplace, Forward(watch.WatchId, s)))
            .Concat(removeKeys.Select(k => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(WatchPartition(watch.WatchId), "s|" + k), ETag.All)))
            .ToList();
        foreach (var chunk in forward.Chunk(RecordStore.MaxEntitiesPerTransaction))
        {
            try
            {
                await Table.SubmitTransactionAsync(chunk, cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // A subject named for removal that the watch does not hold: take the rest one by one.
                foreach (var action in chunk)
                {
                    await ApplyOneAsync(action, cancellationToken);
                }
            }
        }

        // The fan-out stops finding removed subjects last: until then a change of them may still reach the feed.
        await DeleteAsync(removeKeys.Select(k => (ReversePartition(k), $"{k}|{watch.WatchId}")), cancellationToken);
        return changed;
    }

    /// <summary>Ends a watch: marked deleted first (it is gone for its partner at once), then what the fan-out, feed and deliveries hold of it.</summary>
    public async Task<bool> DeleteWatchAsync(StoredWatch watch, CancellationToken cancellationToken)
    {
        try
        {
            var gone = ToEntity(watch);
            gone["Deleted"] = true;
            await Table.UpdateEntityAsync(gone, watch.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }

        await PurgeAsync(watch.WatchId, cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes what the fan-out, feed and deliveries hold of a watch that is gone (deleted, or never finished by a crash):
    /// the reverse rows, the delivery state, the feed and the subjects; the deleted watch row stays as its tombstone.
    /// Run again after a crash, it finishes the job.
    /// </summary>
    public async Task PurgeAsync(string watchId, CancellationToken cancellationToken)
    {
        var subjects = await SubjectsAsync(watchId, cancellationToken);
        await DeleteAsync(subjects.Select(s => (ReversePartition(s.SubjectKey), $"{s.SubjectKey}|{watchId}"))
            .Append((CallbackPartition, watchId)), cancellationToken);
        var feed = new List<(string, string)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {FeedPartition(watchId)}"), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            feed.Add((row.PartitionKey, row.RowKey));
        }

        await DeleteAsync(feed, cancellationToken);
        await DeleteAsync(subjects.Select(s => (WatchPartition(watchId), "s|" + s.SubjectKey)), cancellationToken);
    }

    /// <summary>The watches that hold a subject: one range query in the subject's bucket of the reverse index.</summary>
    public async Task<IReadOnlyList<WatchOfSubject>> WatchesOfAsync(string subjectKey, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ReversePartition(subjectKey)} and RowKey ge {subjectKey + "|"} and RowKey lt {subjectKey + "}"}");
        var watches = new List<WatchOfSubject>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            watches.Add(new WatchOfSubject(row.RowKey[(subjectKey.Length + 1)..], row.GetString("SubjectId") ?? "", row.GetString("Business"), row.GetBoolean("HasCallback") ?? false));
        }

        return watches;
    }

    /// <summary>
    /// Puts one change in one watch's feed, once: the feed row and the change's marker in one transaction, the marker
    /// added (a change fanned out again finds it and changes nothing). One storage request. False when it was there.
    /// </summary>
    public async Task<bool> AppendAsync(string watchId, string changeId, string subjectKey, WatchChange change, CancellationToken cancellationToken)
    {
        var partition = FeedPartition(watchId);
        var feed = new TableEntity(partition, change.Cursor)
        {
            ["SubjectKey"] = subjectKey,
            ["SubjectId"] = change.SubjectId,
            ["At"] = change.At,
            ["Change"] = change.Change,
            ["RecordId"] = change.RecordId,
            ["Status"] = change.Status,
            ["Decision"] = change.Decision,
        };
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, new TableEntity(partition, "x|" + changeId) { ["Cursor"] = change.Cursor }),
                new(TableTransactionActionType.Add, feed),
            ], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Moves a change that took too long to reach the feed to a later cursor (a reader may have passed its first one):
    /// one transaction, so the feed never holds it twice.
    /// </summary>
    public async Task ReplaceAsync(string watchId, string changeId, string subjectKey, WatchChange was, string newCursor, CancellationToken cancellationToken)
    {
        var partition = FeedPartition(watchId);
        var moved = was with { Cursor = newCursor };
        await Table.SubmitTransactionAsync(
        [
            new(TableTransactionActionType.Delete, new TableEntity(partition, was.Cursor), ETag.All),
            new(TableTransactionActionType.UpdateReplace, new TableEntity(partition, "x|" + changeId) { ["Cursor"] = newCursor }, ETag.All),
            new(TableTransactionActionType.Add, new TableEntity(partition, newCursor)
            {
                ["SubjectKey"] = subjectKey,
                ["SubjectId"] = moved.SubjectId,
                ["At"] = moved.At,
                ["Change"] = moved.Change,
                ["RecordId"] = moved.RecordId,
                ["Status"] = moved.Status,
                ["Decision"] = moved.Decision,
            }),
        ], cancellationToken);
    }

    /// <summary>The feed after <paramref name="after"/> and before <paramref name="before"/>, oldest first: one range query.</summary>
    public async Task<IReadOnlyList<FeedEntry>> ChangesAsync(string watchId, string after, string before, int limit, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {FeedPartition(watchId)} and RowKey gt {after} and RowKey lt {before}");
        var changes = new List<FeedEntry>(Math.Min(limit, 100));
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken).AsPages())
        {
            changes.AddRange(page.Values.Select(r => new FeedEntry(
                new WatchChange(r.RowKey, r.GetString("SubjectId") ?? "", r.GetDateTimeOffset("At") ?? default,
                    r.GetString("Change") ?? "", r.GetString("RecordId") ?? "", r.GetString("Status") ?? "", r.GetString("Decision")),
                r.GetString("SubjectKey") ?? "")));
            if (changes.Count >= limit)
            {
                break;
            }
        }

        return changes.Count > limit ? changes[..limit] : changes;
    }

    public async Task<DeliveryState?> DeliveryAsync(string watchId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(CallbackPartition, watchId, cancellationToken: cancellationToken);
        return found.HasValue ? ToDelivery(found.Value!) : null;
    }

    /// <summary>Writes a watch's delivery state, guarded by its ETag: of two deliverers, one goes on. Null when the other won (or the watch is gone).</summary>
    public async Task<DeliveryState?> SaveDeliveryAsync(DeliveryState state, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(state), state.ETag, TableUpdateMode.Replace, cancellationToken);
            return state with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Every watch's delivery state: one query of one partition, for the deliveries' reconciliation.</summary>
    public async Task<IReadOnlyList<DeliveryState>> DeliveriesAsync(CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var states = new List<DeliveryState>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {CallbackPartition}"), cancellationToken: cancellationToken))
        {
            states.Add(ToDelivery(row));
        }

        return states;
    }

    private async Task ApplyOneAsync(TableTransactionAction action, CancellationToken cancellationToken)
    {
        try
        {
            if (action.ActionType == TableTransactionActionType.Delete)
            {
                await Table.DeleteEntityAsync(action.Entity.PartitionKey, action.Entity.RowKey, ETag.All, cancellationToken);
            }
            else
            {
                await Table.UpsertEntityAsync(action.Entity, TableUpdateMode.Replace, cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Not there: nothing to remove.
        }
    }

    private async Task AddReverseAsync(StoredWatch watch, IReadOnlyList<WatchedSubject> subjects, CancellationToken cancellationToken)
    {
        var rows = subjects.Select(s => new TableEntity(ReversePartition(s.SubjectKey), $"{s.SubjectKey}|{watch.WatchId}")
        {
            ["SubjectId"] = s.SubjectId,
            ["Business"] = watch.Business,
            ["HasCallback"] = watch.CallbackUrl is not null,
        });
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(RecordStore.MaxEntitiesPerTransaction));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, token) =>
            await Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), token));
    }

    private async Task DeleteAsync(IEnumerable<(string Partition, string Row)> rows, CancellationToken cancellationToken)
    {
        var batches = rows.GroupBy(r => r.Partition).SelectMany(g => g.Chunk(RecordStore.MaxEntitiesPerTransaction));
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, token) =>
        {
            try
            {
                await Table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(r.Partition, r.Row), ETag.All)), token);
            }
            catch (TableTransactionFailedException e) when (e.Status == 404)
            {
                // Some are gone already (a delete run twice): take the rest one by one.
                foreach (var (partition, row) in chunk)
                {
                    try
                    {
                        await Table.DeleteEntityAsync(partition, row, ETag.All, token);
                    }
                    catch (RequestFailedException f) when (f.Status == 404)
                    {
                        // Gone already.
                    }
                }
            }
        });
    }

    private static TableEntity Forward(string watchId, WatchedSubject s) => new(WatchPartition(watchId), "s|" + s.SubjectKey)
    {
        ["SubjectType"] = s.SubjectType,
        // Not a key, never logged: the partner named this subject and is shown it as it named it.
        ["SubjectId"] = s.SubjectId,
    };

    private static TableEntity ToEntity(StoredWatch w) => new(WatchPartition(w.WatchId), WatchRow)
    {
        ["WatchId"] = w.WatchId,
        ["OwnerObjectId"] = w.OwnerObjectId,
        ["OwnerName"] = w.OwnerName,
        ["Business"] = w.Business,
        ["CallbackUrl"] = w.CallbackUrl,
        ["CreatedAt"] = w.CreatedAt,
        ["SubjectCount"] = w.SubjectCount,
        ["CreatedCursor"] = w.CreatedCursor,
    };

    private static StoredWatch ToWatch(TableEntity e) => new(
        e.GetString("WatchId") ?? "", e.GetString("OwnerObjectId") ?? "", e.GetString("OwnerName"), e.GetString("Business"), e.GetString("CallbackUrl"),
        e.GetDateTimeOffset("CreatedAt") ?? default, e.GetInt32("SubjectCount") ?? 0, e.GetString("CreatedCursor") ?? "", e.ETag);

    private static TableEntity ToEntity(DeliveryState d) => new(CallbackPartition, d.WatchId)
    {
        ["CallbackUrl"] = d.CallbackUrl,
        // The watch's HMAC key: needed in clear to sign each callback; Table storage encrypts it at rest.
        ["Secret"] = d.Secret,
        ["DeliveredCursor"] = d.DeliveredCursor,
        ["Attempts"] = d.Attempts,
        ["NextAttemptAt"] = d.NextAttemptAt,
        ["LeaseUntil"] = d.LeaseUntil,
        ["LastFailure"] = d.LastFailure,
        ["LastDeliveredAt"] = d.LastDeliveredAt,
        ["OwnerObjectId"] = d.OwnerObjectId,
        ["OwnerName"] = d.OwnerName,
        ["Business"] = d.Business,
    };

    private static DeliveryState ToDelivery(TableEntity e) => new(
        e.RowKey, e.GetString("CallbackUrl") ?? "", e.GetString("Secret") ?? "", e.GetString("DeliveredCursor") ?? "", e.ETag)
    {
        Attempts = e.GetInt32("Attempts") ?? 0,
        NextAttemptAt = e.GetDateTimeOffset("NextAttemptAt"),
        LeaseUntil = e.GetDateTimeOffset("LeaseUntil"),
        LastFailure = e.GetString("LastFailure"),
        LastDeliveredAt = e.GetDateTimeOffset("LastDeliveredAt"),
        OwnerObjectId = e.GetString("OwnerObjectId") ?? "",
        OwnerName = e.GetString("OwnerName"),
        Business = e.GetString("Business"),
    };

    private static uint StableHash(string text)
    {
        // FNV-1a: stable across processes (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }
}
