using System.Collections.Concurrent;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Expiry;

/// <summary>What a sweep did: the days it covered, the records it withdrew and the index rows it left alone.</summary>
public sealed record SweepResult(DateOnly From, DateOnly Through, int Expired, int Skipped);

/// <summary>
/// Withdraws the records whose publication period ends (docs/rules.md "Publication periods and expiry"): a record
/// leaves on its <c>expiresOn</c> day and the platform gets a <c>withdraw</c> event. It finds them through the
/// <c>x|</c> expiry index, one range query per bucket over every day not yet swept, so a run costs 32 queries
/// plus about 2 requests per record that expires, whatever the register holds; days missed while it did not run
/// are caught up by the same query. Running it again changes nothing: an expired record is no longer active.
/// </summary>
public sealed class ExpirySweeper(
    RecordStore records,
    PlatformOutbox outbox,
    IOptions<ExpiryOptions> options,
    TimeProvider clock,
    ILogger<ExpirySweeper> logger)
{
    public async Task<SweepResult> RunAsync(CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        var lastSwept = await records.LastSweptAsync(cancellationToken);
        var from = lastSwept?.AddDays(1) ?? options.Value.FirstDay ?? today.AddDays(-1);
        if (from > today)
        {
            return new SweepResult(from, today, 0, 0);
        }

        var pending = new ConcurrentBag<OutboxPointer>();
        int expired = 0, skipped = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Value.Concurrency), CancellationToken = cancellationToken };
        // A copy of a representative's record stops counting on its last day by its dates alone: no copy is refreshed.
        var write = new WriteOptions(Notify: false, RefreshCopies: false);
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), parallel, async (bucket, token) =>
        {
            foreach (var entry in await records.DueAsync(bucket, from, today, token))
            {
                var due = new ExpiryDue(entry.ExpiresOn, entry.Version) { Actor = SystemActors.ExpirySweep };
                var result = await records.ApplyAsync(entry.RecordId, entry.SubjectKey, due, token, write);
                if (result.Written)
                {
                    Interlocked.Increment(ref expired);
                    foreach (var pointer in result.Pending)
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
            await records.SaveLastSweptAsync(today, cancellationToken);
        }

        logger.LogInformation("Expiry sweep {From}..{Through}: {Expired} expired, {Skipped} left as they were", from, today, expired, skipped);
        return new SweepResult(from, today, expired, skipped);
    }
}
