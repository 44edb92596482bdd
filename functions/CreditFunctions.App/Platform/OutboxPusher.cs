using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Platform;

/// <summary>What one notice came to: events the platform acknowledged, and records left for a later retry.</summary>
public sealed record PushSummary(int Acknowledged, int Retried);

/// <summary>
/// Delivers pending outbox events to the platform. Per record it reads every pending row (one range query) and
/// posts them oldest first, stopping at the first failure, so a record's events arrive in version order and a
/// stale event is never sent after a newer one. An acknowledged event's row is deleted; a failed one is retried
/// through a delayed notice with exponential backoff and jitter, never dropped.
/// </summary>
public sealed class OutboxPusher(
    CreditStorage storage,
    StorageProvisioner provisioner,
    PlatformClient platform,
    PlatformOutbox outbox,
    IOptions<PlatformOptions> options,
    TimeProvider clock,
    ILogger<OutboxPusher> logger)
{
    private TableClient Table => storage.Tables.GetTableClient(TableNames.Records);

    public async Task<PushSummary> PushAsync(OutboxNotice notice, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var records = await RecordsOfAsync(notice.Events, cancellationToken);
        var acknowledged = 0;
        var retries = new ConcurrentBag<Retry>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = cancellationToken };
        // A storage failure here throws: the host retries the notice, and should it end poisoned, the rows are still
        // there for reconciliation. Only the platform's failures are handled by backoff below.
        await Parallel.ForEachAsync(records, parallel, async (record, token) =>
        {
            var (acked, retry) = await PushRecordAsync(record.Partition, record.RecordId, token);
            Interlocked.Add(ref acknowledged, acked);
            if (retry is not null)
            {
                retries.Add(retry);
            }
        });

        foreach (var group in retries.GroupBy(r => r.Attempts))
        {
            await outbox.NotifyLaterAsync(group.Select(r => r.Pointer).ToList(), RetryBackoff.Delay(group.Key, options.Value), cancellationToken);
        }

        return new PushSummary(acknowledged, retries.Count);
    }

    private sealed record Retry(OutboxPointer Pointer, int Attempts);

    private readonly record struct RecordKey(string Partition, string RecordId);

    /// <summary>The records the pointers belong to, each once (a notice may name several events of one record).</summary>
    private async Task<IReadOnlyCollection<RecordKey>> RecordsOfAsync(IReadOnlyList<OutboxPointer> pointers, CancellationToken cancellationToken)
    {
        var records = new HashSet<RecordKey>();
        foreach (var pointer in pointers)
        {
            if (EventIds.RecordIdOf(pointer.EventId) is { } recordId)
            {
                records.Add(new RecordKey(pointer.Partition, recordId));
                continue;
            }

            // An id of another shape: its row says which record it belongs to (absent: already acknowledged).
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(pointer.Partition, OutboxEntities.Row(pointer.EventId), cancellationToken: cancellationToken);
            if (row.HasValue && row.Value!.GetString("RecordId") is { } owner)
            {
                records.Add(new RecordKey(pointer.Partition, owner));
            }
        }

        return records;
    }

    private async Task<(int Acknowledged, Retry? Retry)> PushRecordAsync(string partition, string recordId, CancellationToken cancellationToken)
    {
        var acknowledged = 0;
        foreach (var row in await PendingAsync(partition, recordId, cancellationToken))
        {
            var payload = row.GetString("Payload");
            var result = await platform.PostAsync(payload, cancellationToken);
            if (!result.Acknowledged)
            {
                var attempts = (row.GetInt32("Attempts") ?? 0) + 1;
                await MarkFailedAsync(row, attempts, result.Failure, cancellationToken);
                logger.LogWarning("Platform did not acknowledge {EventId} (attempt {Attempts}): {Failure}; retrying later",
                    row.GetString("EventId"), attempts, result.Failure);
                // Later events of this record wait behind this one, so the platform never sees them out of order.
                return (acknowledged, new Retry(new OutboxPointer(partition, row.GetString("EventId")), attempts));
            }

            await DeleteAcknowledgedAsync(row, payload, cancellationToken);
            acknowledged++;
        }

        return (acknowledged, null);
    }

    /// <summary>
    /// A record's pending events in the order they happened: by version, then by when they were written (two
    /// objection events of one version would otherwise sort by type name, "closed" before "opened").
    /// </summary>
    private async Task<List<TableEntity>> PendingAsync(string partition, string recordId, CancellationToken cancellationToken)
    {
        var (from, to) = OutboxEntities.RecordRange(recordId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {from} and RowKey lt {to}");
        var rows = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            rows.Add(row);
        }

        return rows
            .OrderBy(r => r.GetInt64("Version") ?? 0)
            .ThenBy(r => r.GetDateTimeOffset("OccurredAt") ?? DateTimeOffset.MinValue)
            .ThenBy(r => r.RowKey, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// Counts the attempt on the row. Touching it also renews its Timestamp, which tells reconciliation that a retry
    /// is under way, so only rows nobody is working on are re-notified.
    /// </summary>
    private async Task MarkFailedAsync(TableEntity row, int attempts, string? failure, CancellationToken cancellationToken)
    {
        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            ["Attempts"] = attempts,
            ["LastFailure"] = failure,
            ["LastAttemptAt"] = clock.GetUtcNow(),
        };
        try
        {
            await Table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, cancellationToken);
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
    private async Task DeleteAcknowledgedAsync(TableEntity row, string payload, CancellationToken cancellationToken)
    {
        var etag = row.ETag;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await Table.DeleteEntityAsync(row.PartitionKey, row.RowKey, etag, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                var fresh = await Table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken);
                if (!fresh.HasValue || fresh.Value!.GetString("Payload") != payload)
                {
                    return;
                }

                etag = fresh.Value.ETag;
            }
        }
    }
}
