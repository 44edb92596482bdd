using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// Every 5 minutes: the gauges the alerts read, <c>PoisonMessages</c> per poison queue (0 included, so an alert sees the
/// queue empty again) and <c>OutboxOldestAgeSeconds</c> (0 when nothing is pending). 3 queue property requests and 32
/// table queries a run. A gauge that cannot be read is skipped for this run, logged, and the function fails, so
/// <c>function-failures</c> shows it; the other gauge is still reported.
/// </summary>
public sealed class OperationsGaugesFunction(QueueSender queues, RecordStore records, TimeProvider clock, ILogger<OperationsGaugesFunction> logger)
{
    public const string Schedule = "0 */5 * * * *";

    [Function("OperationsGauges")]
    public Task Run([TimerTrigger(Schedule)] TimerInfo timer, CancellationToken cancellationToken) => ReportAsync(cancellationToken);

    /// <summary>Reads and reports both gauges now.</summary>
    public async Task ReportAsync(CancellationToken cancellationToken)
    {
        var failures = new List<Exception>();
        foreach (var queue in OperationsMetrics.PoisonQueues)
        {
            try
            {
                OperationsMetrics.PoisonMessages(queue, await queues.ApproximateCountAsync(queue, cancellationToken));
            }
            catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
            {
                logger.LogWarning(e, "Cannot read the message count of {Queue}", queue);
                failures.Add(e);
            }
        }

        try
        {
            var oldest = await records.OldestPendingEventAsync(cancellationToken);
            OperationsMetrics.OutboxOldestAge(oldest is { } at ? clock.GetUtcNow() - at : TimeSpan.Zero);
        }
        catch (Exception e) when (e is Azure.RequestFailedException or HttpRequestException)
        {
            logger.LogWarning(e, "Cannot read the outbox's oldest pending event");
            failures.Add(e);
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Some operations gauges could not be read", failures);
        }
    }
}
