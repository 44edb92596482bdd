using System.Collections.Concurrent;
using CreditFunctions.App.Contracts;
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
    RecordStore records,
    PlatformClient platform,
    PlatformOutbox outbox,
    IOptions<PlatformOptions> options,
    ILogger<OutboxPusher> logger)
{
    public async Task<PushSummary> PushAsync(OutboxNotice notice, CancellationToken cancellationToken)
    {
        var pending = await RecordsOfAsync(notice.Events, cancellationToken);
        var acknowledged = 0;
        var retries = new ConcurrentBag<Retry>();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = cancellationToken };
        // A storage failure here throws: the host retries the notice, and should it end poisoned, the rows are still
        // there for reconciliation. Only the platform's failures are handled by backoff below.
        await Parallel.ForEachAsync(pending, parallel, async (record, token) =>
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
        var found = new HashSet<RecordKey>();
        foreach (var pointer in pointers)
        {
            // An id of another shape: its row says which record it belongs to (absent: already acknowledged).
            if ((EventIds.RecordIdOf(pointer.EventId) ?? await records.RecordOfEventAsync(pointer, cancellationToken)) is { } recordId)
            {
                found.Add(new RecordKey(pointer.Partition, recordId));
            }
        }

        return found;
    }

    private async Task<(int Acknowledged, Retry? Retry)> PushRecordAsync(string partition, string recordId, CancellationToken cancellationToken)
    {
        var acknowledged = 0;
        foreach (var row in await records.PendingEventsAsync(partition, recordId, cancellationToken))
        {
            var result = await platform.PostAsync(row.Payload, cancellationToken);
            if (!result.Acknowledged)
            {
                var attempts = row.Attempts + 1;
                await records.RecordPushFailureAsync(row, attempts, result.Failure, cancellationToken);
                logger.LogWarning("Platform did not acknowledge {EventId} (attempt {Attempts}): {Failure}; retrying later",
                    row.EventId, attempts, result.Failure);
                // Later events of this record wait behind this one, so the platform never sees them out of order.
                return (acknowledged, new Retry(new OutboxPointer(partition, row.EventId), attempts));
            }

            await records.DeleteAcknowledgedAsync(row, cancellationToken);
            acknowledged++;
        }

        return (acknowledged, null);
    }
}
