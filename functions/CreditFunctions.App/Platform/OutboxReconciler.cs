using CreditFunctions.App.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Finds outbox rows nobody has worked on for <see cref="PlatformOptions.ReconcileAfter"/> and notifies the push
/// again: the notice written after a change can be lost (a crash between commit and send), and the rows are the
/// truth. Rows exist only while pending, so this is one range query per bucket that reads nothing else.
/// </summary>
public sealed class OutboxReconciler(
    RecordStore records,
    PlatformOutbox outbox,
    IOptions<PlatformOptions> options,
    TimeProvider clock,
    ILogger<OutboxReconciler> logger)
{
    /// <returns>How many stranded events were notified again.</returns>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        // Timestamp is the row's last change: its write, or the push's last failed attempt (see OutboxPusher).
        var stranded = await records.StrandedEventsAsync(clock.GetUtcNow() - options.Value.ReconcileAfter, cancellationToken);
        if (stranded.Count > 0)
        {
            logger.LogWarning("{Count} platform events were pending longer than {After}; notifying the push again", stranded.Count, options.Value.ReconcileAfter);
            await outbox.NotifyAsync(stranded, cancellationToken);
        }

        return stranded.Count;
    }
}
