using CreditFunctions.App.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Maintenance;

/// <summary>Daily, at a quiet hour: 18:30 UTC is 02:30 in China (UTC cron: Linux plans ignore WEBSITE_TIME_ZONE).</summary>
public sealed class TallyMarkerPruneFunction(TallyMarkerPruner pruner)
{
    public const string Schedule = "0 30 18 * * *";

    [Function("TallyMarkerPrune")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await pruner.RunAsync(cancellationToken);
        OperationsMetrics.SweepCompleted(OperationsMetrics.Sweeps.TallyPrune);
    }
}
