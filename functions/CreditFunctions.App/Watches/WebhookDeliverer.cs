using System.Text.Json;
using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using CreditFunctions.App.Platform;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Watches;

/// <summary>What one delivery run came to.</summary>
public sealed record DeliveryRun(string WatchId, int Delivered, bool Failed, bool Skipped);

/// <summary>
/// Calls back a watch's URL with each change of its feed it has not acknowledged, oldest first, stopping at the first
/// failure (docs/http-api.md "Watches"): a receiver sees the changes in feed order, and a failed one is retried with
/// exponential backoff and jitter, never dropped — the acknowledged cursor only moves past a 2xx. One deliverer at a
/// time works on a watch (a lease on its delivery state); a crash between a POST and its record means that change is
/// sent again, so receivers drop repeats by <c>cursor</c>.
/// </summary>
public sealed class WebhookDeliverer(
    WatchStore watches,
    WebhookClient client,
    WatchDeliveries deliveries,
    AccessLogging accessLog,
    IOptions<WatchOptions> options,
    TimeProvider clock,
    ILogger<WebhookDeliverer> logger)
{
    /// <summary>The route the access log names for a callback (art12: the partner learned this of the subject).</summary>
    public const string CallbackRoute = "POST {callbackUrl} (watch change)";

    /// <summary>While another deliverer holds a watch, a notice is put back for this long.</summary>
    private static readonly TimeSpan BusyRetry = TimeSpan.FromSeconds(10);

    public async Task<DeliveryRun> DeliverAsync(string watchId, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (await watches.DeliveryAsync(watchId, cancellationToken) is not { } state)
        {
            return new DeliveryRun(watchId, 0, false, Skipped: true);
        }

        if (await watches.GetAsync(watchId, cancellationToken) is null)
        {
            // Deleted (or left half-made by a crash): nobody may be called for it any more; finish removing it.
            await watches.PurgeAsync(watchId, cancellationToken);
            return new DeliveryRun(watchId, 0, false, Skipped: true);
        }

        var now = clock.GetUtcNow();
        if (state.NextAttemptAt > now)
        {
            // Backing off: its retry notice comes then, and the changes wait behind the one that failed.
            return new DeliveryRun(watchId, 0, false, Skipped: true);
        }

        if (state.LeaseUntil > now)
        {
            // Someone delivers right now and may have read the feed before this notice's changes: look again later.
            await deliveries.NotifyAsync([watchId], BusyRetry, cancellationToken);
            return new DeliveryRun(watchId, 0, false, Skipped: true);
        }

        if (await watches.SaveDeliveryAsync(state with { LeaseUntil = now + settings.Lease }, cancellationToken) is not { } leased)
        {
            await deliveries.NotifyAsync([watchId], BusyRetry, cancellationToken);
            return new DeliveryRun(watchId, 0, false, Skipped: true);
        }

        var page = await watches.ChangesAsync(watchId, leased.DeliveredCursor, WatchStore.CursorAt(now - settings.Settle), settings.MaxPerDelivery, cancellationToken);
        var delivered = new List<FeedEntry>(page.Count);
        string? failure = null;
        var leaseEnding = false;
        foreach (var entry in page)
        {
            // At least one post a run, whatever the settings, so a lease shorter than the timeout still makes progress.
            if (delivered.Count > 0 && clock.GetUtcNow() + settings.CallbackTimeout >= leased.LeaseUntil)
            {
                // A slow receiver: stop while the lease still holds, save what was delivered and go on in a new run, so
                // no second deliverer starts from the same cursor while this one still posts.
                leaseEnding = true;
                break;
            }

            var body = JsonSerializer.SerializeToUtf8Bytes(entry.Change with { WatchId = watchId }, AppJson.Web.WatchChange);
            var result = await client.PostAsync(leased.CallbackUrl, watchId, entry.Change.Cursor, body, leased.Secret, cancellationToken);
            if (!result.Acknowledged)
            {
                failure = result.Failure;
                break;
            }

            delivered.Add(entry);
        }

        if (delivered.Count > 0)
        {
            var owner = new Caller(new HashSet<string> { Roles.Partner }, null, null, leased.OwnerName) { ObjectId = leased.OwnerObjectId };
            await accessLog.RecordManyAsync(
                delivered.DistinctBy(e => e.SubjectKey).Select(e => accessLog.EntryForKey(owner, e.SubjectKey, leased.Business, CallbackRoute)).ToList(),
                cancellationToken);
        }

        var after = clock.GetUtcNow();
        var attempts = failure is null ? 0 : leased.Attempts + 1;
        var delay = failure is null ? (TimeSpan?)null : RetryBackoff.Delay(attempts, settings.BackoffBase, settings.BackoffMax);
        var saved = await watches.SaveDeliveryAsync(leased with
        {
            DeliveredCursor = delivered.Count > 0 ? delivered[^1].Change.Cursor : leased.DeliveredCursor,
            Attempts = attempts,
            NextAttemptAt = after + delay,
            LeaseUntil = null,
            LastFailure = failure ?? (delivered.Count > 0 ? null : leased.LastFailure),
            LastDeliveredAt = delivered.Count > 0 ? after : leased.LastDeliveredAt,
        }, cancellationToken);
        if (saved is null)
        {
            // The lease ran out and another deliverer took over; it carries on from what it read.
            logger.LogWarning("Watch {WatchId}: the delivery lease ran out during a run; another deliverer goes on", watchId);
            return new DeliveryRun(watchId, delivered.Count, failure is not null, Skipped: false);
        }

        if (failure is not null)
        {
            logger.LogWarning("Watch {WatchId}: callback failed (attempt {Attempts}): {Failure}; retrying in {Delay}", watchId, attempts, failure, delay);
            await deliveries.NotifyAsync([watchId], delay, cancellationToken);
        }
        else if (leaseEnding || page.Count == settings.MaxPerDelivery)
        {
            // A full page: more may wait.
            await deliveries.NotifyAsync([watchId], null, cancellationToken);
        }

        return new DeliveryRun(watchId, delivered.Count, failure is not null, Skipped: false);
    }

    /// <summary>
    /// The watches whose delivery stalled: a retry overdue (its notice lost, or poisoned by a storage outage), or a
    /// lease that ran out (a deliverer crashed). One query of the delivery states; a notice for each stalled watch.
    /// </summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var grace = options.Value.Lease;
        var stalled = (await watches.DeliveriesAsync(cancellationToken))
            .Where(d => d.NextAttemptAt < now - grace || d.LeaseUntil < now)
            .Select(d => d.WatchId)
            .ToList();
        if (stalled.Count > 0)
        {
            logger.LogWarning("{Count} watch deliveries had stalled; notifying the deliverer again", stalled.Count);
            await deliveries.NotifyAsync(stalled, null, cancellationToken);
        }

        return stalled.Count;
    }
}
