using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;

namespace CreditFunctions.App.Watches;

/// <summary>Tells the webhook deliverer which watches have changes, through <c>watch-deliveries</c>.</summary>
public sealed class WatchDeliveries(QueueSender sender)
{
    public const string QueueName = QueueNames.WatchDeliveries;

    // 500 ids of 24 characters stay far below a queue message's 64 KiB.
    private const int IdsPerNotice = 500;

    public async Task NotifyAsync(IReadOnlyList<string> watchIds, TimeSpan? delay, CancellationToken cancellationToken)
    {
        foreach (var chunk in watchIds.Chunk(IdsPerNotice))
        {
            await sender.SendAsync(QueueName, new WatchDeliveryNotice(chunk), AppJson.Web.WatchDeliveryNotice, cancellationToken, delay);
        }
    }
}
