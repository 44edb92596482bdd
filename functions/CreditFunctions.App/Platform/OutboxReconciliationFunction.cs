using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Platform;

/// <summary>
/// Re-sends what was written to the outbox but not acknowledged in time, so a lost notice or a crash cannot strand
/// an event. The schedule is an app setting (6-field UTC cron; every 5 minutes in Azure, seconds in the chaos
/// test), named without "__" so the host's %setting% lookup finds it the same way everywhere.
/// </summary>
public sealed class OutboxReconciliationFunction(OutboxReconciler reconciler)
{
    public const string ScheduleSetting = "PlatformReconcileSchedule";

    [Function("OutboxReconciliation")]
    public Task Run([TimerTrigger("%" + ScheduleSetting + "%")] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.RunAsync(cancellationToken);
}
