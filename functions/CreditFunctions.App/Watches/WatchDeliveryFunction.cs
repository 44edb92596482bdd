using System.Text.Json;
using CreditFunctions.App.Json;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>
/// Calls back the watches a notice on <c>watch-deliveries</c> names. A receiver's failures never throw (they are
/// retried by a delayed notice, so a receiver down for a day cannot poison anything); a notice that is not a notice does.
/// </summary>
public sealed class WatchDeliveryFunction(WebhookDeliverer deliverer)
{
    [Function("WatchDelivery")]
    public async Task Run(
        [QueueTrigger(WatchDeliveries.QueueName, Connection = "CreditStorage")] string message,
        CancellationToken cancellationToken)
    {
        var notice = JsonSerializer.Deserialize(message, AppJson.Web.WatchDeliveryNotice)
                     ?? throw new InvalidDataException("The delivery notice is empty");
        if (notice.WatchIds is null)
        {
            throw new InvalidDataException("The delivery notice has no 'watchIds'");
        }

        await Parallel.ForEachAsync(notice.WatchIds.Distinct(StringComparer.Ordinal), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (watchId, token) => await deliverer.DeliverAsync(watchId, token));
    }
}
