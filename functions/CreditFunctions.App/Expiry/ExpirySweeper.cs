using System.Collections.Concurrent;
using Azure.Data.Tables;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Expiry;

/// <summary>What a sweep did: the days it covered, the records it withdrew and the index rows it left alone.</summary>
public sealed record SweepResult(DateOnly From, DateOnly Through, int Expired, int Skipped);

/// <summary>
/// Withdraws the records whose publication period ends (domain.md "Publication periods and expiry"): a record
/// leaves on its <c>expiresOn</c> day and the platform gets a <c>withdraw</c> event. It finds them through the
/// <c>x|</c> expiry index, one range query per bucket over every day not yet swept, so a run costs 32 queries
/// plus about 2 requests per record that expires, whatever the register holds; days missed while it did not run
/// are caught up by the same query. Running it again changes nothing: an expired record is no longer active.
/// </summary>
public sealed class ExpirySweeper(
    CreditStorage storage,
    StorageProvisioner provisioner,
    RecordStore records,
    PlatformOutbox outbox,
    SweepState state,
    IOptions<ExpiryOptions> options,
    TimeProvider clock,
    ILogger<ExpirySweeper> logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var today = ChinaStandardTime.Today(clock);
        var lastSwept = await state.LastSweptAsync(cancellationToken);
        var from = lastSwept?.AddDays(1) ?? options.Value.FirstDay ?? today.AddDays(-1);
        if (from > today)
        {
            return new SweepResult(from, today, 0, 0);
        }

        var (fromKey, toKey) = ExpiryIndexEntry.Range(from, today);
        var table = storage.Tables.GetTableClient(TableNames.Records);
        var pending = new ConcurrentBag<OutboxPointer>();
        int expired = 0, skipped = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), parallel, async (bucket, token) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and RowKey ge {fromKey} and RowKey lt {toKey}");
            var due = new List<ExpiryIndexEntry>();
            await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: token))
            {
                if (ExpiryIndexEntry.From(row) is { } entry)
                {
                    due.Add(entry);
                }
            }

            foreach (var entry in due)
            {
                var now = clock.GetUtcNow();
                var (outcome, pointers) = await records.StageAsync(
                    entry.SubjectKey, entry.RecordId, current => ExpiryDecision.Decide(current, entry, now), token, refreshCopies: false);
                if (outcome == WriteOutcome.Stored)
                {
                    Interlocked.Increment(ref expired);
                    foreach (var pointer in pointers)
                    {
                        pending.Add(pointer);
                    }
                }
                else
                {
                    Interlocked.Increment(ref skipped);
                }
            }
        });

        // One notice for the whole run (in chunks of 400 pointers), not one per record. Were the process to stop
        // before this, the outbox rows are committed and reconciliation notifies them.
        await outbox.NotifyAsync(pending.ToList(), cancellationToken);

        // A run that found nothing leaves the state as it is: that saves a write on a quiet day, and the next
        // range simply starts earlier over days whose index holds nothing.
        if (expired > 0 || skipped > 0 || lastSwept is null)
        {
            await state.SaveAsync(today, cancellationToken);
        }

        logger.LogInformation("Expiry sweep {From}..{Through}: {Expired} expired, {Skipped} left as they were", from, today, expired, skipped);
        return new SweepResult(from, today, expired, skipped);
    }
}
