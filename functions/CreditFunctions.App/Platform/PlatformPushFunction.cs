using System.Text.Json;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Watches;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Pushes the events a notice on <c>credit-platform-outbox</c> points at. The platform's failures never throw
/// (they are retried by a delayed notice, so an outage cannot poison anything); a notice that is not a notice is
/// a bug and does, ending in the poison queue intact. The notice's two lanes go on side by side: platform events to the
/// push, changes of subjects to the watches' fan-out (docs/http-api.md "Watches").
/// </summary>
public sealed class PlatformPushFunction(OutboxPusher pusher, WatchFanout fanout)
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

        var changes = notice.Events.Where(e => e.IsChange).ToList();
        var events = changes.Count == 0 ? notice : new OutboxNotice(notice.Events.Where(e => !e.IsChange).ToList());
        // A failing fan-out throws after the push has done its part: the host retries the notice, and the events already
        // acknowledged are gone from the outbox, so they are not sent twice.
        await Task.WhenAll(
            events.Events.Count > 0 ? pusher.PushAsync(events, cancellationToken) : Task.CompletedTask,
            changes.Count > 0 ? fanout.FanOutAsync(changes, cancellationToken) : Task.CompletedTask);
    }
}
