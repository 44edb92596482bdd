using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>Every five minutes: stalled callback deliveries are notified again (<see cref="WebhookDeliverer.ReconcileAsync"/>).</summary>
public sealed class WatchDeliveryReconcileFunction(WebhookDeliverer deliverer)
{
    [Function("WatchDeliveryReconcile")]
    public Task Run([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        deliverer.ReconcileAsync(cancellationToken);
}
