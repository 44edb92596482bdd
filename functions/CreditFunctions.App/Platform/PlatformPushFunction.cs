using System.Text.Json;
using CreditFunctions.App.Json;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Pushes the events a notice on <c>credit-platform-outbox</c> points at. The platform's failures never throw
/// (they are retried by a delayed notice, so an outage cannot poison anything); a notice that is not a notice is
/// a bug and does, ending in the poison queue intact.
/// </summary>
public sealed class PlatformPushFunction(OutboxPusher pusher)
{
    [Function("PlatformPush")]
    public async Task Run(
        [QueueTrigger(PlatformOutbox.QueueName, Connection = "CreditStorage")] string message,
        CancellationToken cancellationToken)
    {
        var notice = JsonSerializer.Deserialize(message, AppJson.Web.OutboxNotice)
                     ?? throw new InvalidDataException("The outbox notice is empty");
        if (notice.Events is null)
        {
            throw new InvalidDataException("The outbox notice has no 'events'");
        }

        await pusher.PushAsync(notice, cancellationToken);
    }
}
