using CreditFunctions.App.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Expiry;

/// <summary>The daily expiry sweep, just after midnight in China.</summary>
public sealed class ExpirySweepFunction(ExpirySweeper sweeper)
{
    /// <summary>
    /// 16:05 UTC is 00:05 China Standard Time (UTC+8, no daylight saving), the first minutes of the day on which
    /// records expire. The schedule is UTC on purpose: Linux Functions plans (Flex Consumption, ours) ignore
    /// WEBSITE_TIME_ZONE, so a China-time cron would silently run eight hours late there.
    /// </summary>
    public const string Schedule = "0 5 16 * * *";

    [Function("ExpirySweep")]
    public async Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken)
    {
        await sweeper.RunAsync(cancellationToken);
        OperationsMetrics.SweepCompleted(OperationsMetrics.Sweeps.Expiry);
    }
}
