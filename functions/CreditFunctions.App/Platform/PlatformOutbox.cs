using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Tells the push function that events were written, through <c>credit-platform-outbox</c>. The rows themselves are
/// the durable truth: if this notice is lost (a crash right after the commit), reconciliation finds the rows.
/// </summary>
public sealed class PlatformOutbox(QueueSender sender)
{
    public const string QueueName = QueueNames.PlatformOutbox;

    // A notice must fit in one 64 KiB queue message: a platform pointer is ~80 characters, a change ~300 (it carries the
    // change), so notices are cut by size, well below the limit.
    private const int NoticeBytes = 48 * 1024;

    /// <summary>One queue message for all the events of a message (or of one change), not one per event.</summary>
    public Task NotifyAsync(IReadOnlyList<OutboxPointer> events, CancellationToken cancellationToken) =>
        SendAsync(events, null, cancellationToken);

    /// <summary>
    /// A notice that becomes visible only after <paramref name="delay"/>: the push's retry with backoff. Retrying
    /// through a fresh message, rather than by throwing, keeps a long platform outage from using up the trigger's
    /// maxDequeueCount and poisoning the notice.
    /// </summary>
    public Task NotifyLaterAsync(IReadOnlyList<OutboxPointer> events, TimeSpan delay, CancellationToken cancellationToken) =>
        SendAsync(events, delay, cancellationToken);

    private async Task SendAsync(IReadOnlyList<OutboxPointer> events, TimeSpan? delay, CancellationToken cancellationToken)
    {
        var chunk = new List<OutboxPointer>();
        var bytes = 0;
        foreach (var pointer in events)
        {
            var size = QueueSender.SizeOf(pointer, AppJson.Web.OutboxPointer) + 1;
            if (chunk.Count > 0 && bytes + size > NoticeBytes)
            {
                await sender.SendAsync(QueueName, new OutboxNotice(chunk), AppJson.Web.OutboxNotice, cancellationToken, delay);
                chunk = [];
                bytes = 0;
            }

            chunk.Add(pointer);
            bytes += size;
        }

        if (chunk.Count > 0)
        {
            await sender.SendAsync(QueueName, new OutboxNotice(chunk), AppJson.Web.OutboxNotice, cancellationToken, delay);
        }
    }
}
