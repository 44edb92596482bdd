using CreditFunctions.App.Telemetry;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>Hourly: overdue objections are flagged and escalated (docs/rules.md "Objections (art10)").</summary>
public sealed class ObjectionSweepFunction(ObjectionSweep sweep)
{
    [Function("ObjectionSweep")]
    public async Task Run([TimerTrigger("0 0 * * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        await sweep.RunAsync(cancellationToken);
        OperationsMetrics.SweepCompleted(OperationsMetrics.Sweeps.Objections);
    }
}
