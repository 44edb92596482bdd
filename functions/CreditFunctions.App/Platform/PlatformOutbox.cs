using System.Text.Json;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Tells the push function that events were written, through <c>credit-platform-outbox</c>. The rows themselves are
/// the durable truth: if this notice is lost (a crash right after the commit), reconciliation finds the rows.
/// </summary>
public sealed class PlatformOutbox(CreditStorage storage, StorageProvisioner provisioner)
{
    public const string QueueName = "credit-platform-outbox";

    /// <summary>One queue message for all the events of a message (or of one change), not one per event.</summary>
    public async Task NotifyAsync(IReadOnlyList<OutboxPointer> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var queue = storage.Queues.GetQueueClient(QueueName);
        // A notice must fit in one 64 KiB queue message; 400 pointers of ~80 characters each leave ample room.
        foreach (var chunk in events.Chunk(400))
        {
            var json = JsonSerializer.Serialize(new OutboxNotice(chunk), AppJson.Web.OutboxNotice);
            await queue.SendMessageAsync(json, cancellationToken);
        }
    }

    /// <summary>
    /// A notice that becomes visible only after <paramref name="delay"/>: the push's retry with backoff. Retrying
    /// through a fresh message, rather than by throwing, keeps a long platform outage from using up the trigger's
    /// maxDequeueCount and poisoning the notice.
    /// </summary>
    public async Task NotifyLaterAsync(IReadOnlyList<OutboxPointer> events, TimeSpan delay, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var queue = storage.Queues.GetQueueClient(QueueName);
        foreach (var chunk in events.Chunk(400))
        {
            var json = JsonSerializer.Serialize(new OutboxNotice(chunk), AppJson.Web.OutboxNotice);
            await queue.SendMessageAsync(json, visibilityTimeout: delay, cancellationToken: cancellationToken);
        }
    }
}
