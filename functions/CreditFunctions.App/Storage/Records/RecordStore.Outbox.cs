using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Outbox rows live in the record's own bucket partition (<c>o|{eventId}</c>), so they commit with the change. A row
/// exists only while its event is unacknowledged: the push deletes it on 2xx/409, so finding what is still pending is
/// a range query per bucket that reads nothing else.
/// </summary>
public sealed partial class RecordStore
{
    /// <summary>
    /// A record's pending events in the order they happened: by version, then by when they were written, then by their
    /// order within one change (a move's withdraw before its publish; an objection's close before a correction's publish).
    /// </summary>
    public async Task<IReadOnlyList<OutboxRow>> PendingEventsAsync(string partition, string recordId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var (from, to) = Keys.OutboxRange(recordId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        var rows = new List<TableEntity>();
        await foreach (var row in Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows
            .OrderBy(r => r.GetInt64("Version") ?? 0)
            .ThenBy(r => r.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.GetInt32("Order") ?? 0)
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .Select(r => new OutboxRow(r.PartitionKey, r.RowKey, r.GetString("EventId"), r.GetString("Payload"), r.GetInt32("Attempts") ?? 0, r.ETag))
            .ToList();
    }

    /// <summary>The record an event of another id shape belongs to (null: already acknowledged).</summary>
    public async Task<string?> RecordOfEventAsync(OutboxPointer pointer, CancellationToken cancellationToken)
    {
        var row = await Records.GetEntityIfExistsAsync<TableEntity>(pointer.Partition, Keys.OutboxRow(pointer.EventId), select: ["RecordId"], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("RecordId") : null;
    }

    /// <summary>
    /// Counts a failed attempt on the row. Touching it also renews its Timestamp, which tells reconciliation that a
    /// retry is under way, so only rows nobody is working on are re-notified.
    /// </summary>
    public async Task RecordPushFailureAsync(OutboxRow row, int attempts, string? failure, CancellationToken cancellationToken)
    {
        var update = new TableEntity(row.Partition, row.RowKey)
        {
            ["Attempts"] = attempts,
            ["LastFailure"] = failure,
            ["LastAttemptAt"] = clock.GetUtcNow(),
        };
        try
        {
            await Records.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // Another push of the same event got there first (acknowledged it, or counted its own attempt).
        }
    }

    /// <summary>
    /// Deletes the row of an acknowledged event, guarded by the ETag read. If another push touched the row since
    /// (it counted a failed attempt), the row is deleted only if it is still this very event.
    /// </summary>
    public async Task DeleteAcknowledgedAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        var etag = row.ETag;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await Records.DeleteEntityAsync(row.Partition, row.RowKey, etag, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                var fresh = await Records.GetEntityIfExistsAsync<TableEntity>(row.Partition, row.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue || fresh.Value!.GetString("Payload") != row.Payload)
                {
                    return;
                }

                etag = fresh.Value.ETag;
            }
        }
    }

    /// <summary>
    /// Outbox rows nobody has touched since <paramref name="cutoff"/> (Timestamp: their write, or the push's last failed
    /// attempt), and changes not yet fanned out: two range queries per bucket that read nothing else, since rows exist
    /// only while pending.
    /// </summary>
    public async Task<IReadOnlyList<OutboxPointer>> StrandedEventsAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var stranded = new List<OutboxPointer>();
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (bucket, token) =>
            {
                var filter = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {bucket} and RowKey ge {Keys.OutboxPrefix} and RowKey lt {"o}"} and Timestamp lt {cutoff}");
                var found = new List<OutboxPointer>();
                await foreach (var row in Records.QueryAsync<TableEntity>(filter, select: ["EventId"], cancellationToken: token))
                {
                    found.Add(new OutboxPointer(bucket, row.GetString("EventId")));
                }

                // Changes left for the watches' fan-out: their notice was lost too.
                var changes = TableClient.CreateQueryFilter(
                    $"PartitionKey eq {bucket} and RowKey ge {Keys.ChangePrefix} and RowKey lt {"c}"} and Timestamp lt {cutoff}");
                await foreach (var row in Records.QueryAsync<TableEntity>(changes, select: ["RowKey"], cancellationToken: token))
                {
                    found.Add(new OutboxPointer(bucket, row.RowKey[Keys.ChangePrefix.Length..]));
                }

                lock (stranded)
                {
                    stranded.AddRange(found);
                }
            });
        return stranded;
    }

    /// <summary>
    /// When the oldest pending event happened (its <c>OccurredAt</c>), or null when the outbox is empty: for the
    /// <c>OutboxOldestAgeSeconds</c> gauge. Table Storage cannot order by a property, so each bucket's pending rows are read
    /// with one range query selecting that column alone (and Timestamp, for a row without it) (32 queries in parallel, 8 at a time). Not <c>Timestamp</c>: a failed
    /// push renews it, and the platform being down is exactly when the age must keep growing.
    /// </summary>
    public async Task<DateTimeOffset?> OldestPendingEventAsync(CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var oldest = DateTimeOffset.MaxValue;
        var gate = new Lock();
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (bucket, token) =>
            {
                var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and RowKey ge {Keys.OutboxPrefix} and RowKey lt {"o}"}");
                var found = DateTimeOffset.MaxValue;
                await foreach (var row in Records.QueryAsync<TableEntity>(filter, select: ["OccurredAt", "Timestamp"], cancellationToken: token))
                {
                    var at = row.GetDateTimeOffset("OccurredAt") ?? row.Timestamp ?? DateTimeOffset.MaxValue;
                    if (at < found)
                    {
                        found = at;
                    }
                }

                lock (gate)
                {
                    if (found < oldest)
                    {
                        oldest = found;
                    }
                }
            });
        return oldest == DateTimeOffset.MaxValue ? null : oldest;
    }
}
