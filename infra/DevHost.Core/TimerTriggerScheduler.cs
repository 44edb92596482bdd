using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>A timer-triggered function with its resolved schedule.</summary>
internal sealed record TimerFunction(DiscoveredFunction Function, TimerSchedule Schedule, bool RunOnStartup);

/// <summary>
/// Runs one timer function like the Timer extension's TimerListener: once at startup when RunOnStartup is set, then
/// at each occurrence of its schedule, one invocation at a time (the next occurrence is computed after the previous
/// invocation ended, so occurrences missed meanwhile are skipped). A failure does not stop the schedule.
/// ScheduleStatus is kept in memory the way the host's schedule monitor keeps it: the function sees the status as
/// recorded before its invocation (Last = the previous occurrence, Next = this one). Nothing is persisted, so after a
/// restart there is no past-due detection and IsPastDue is always false.
/// </summary>
internal sealed class TimerTriggerScheduler(
    TimerFunction target,
    TimeProvider time,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    ILogger<TimerTriggerScheduler> log) : BackgroundService
{
    // Task.Delay cannot wait more than ~49 days at once (the host's timer splits long intervals the same way).
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private ScheduleStatus? _status;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        DateTime now = UtcNow();
        _status = new ScheduleStatus { Last = default, Next = target.Schedule.GetNextOccurrence(now), LastUpdated = now };
        try
        {
            if (target.RunOnStartup)
            {
                await InvokeAsync(UtcNow(), "Timer fired at startup (RunOnStartup).", stopping);
            }

            while (!stopping.IsCancellationRequested)
            {
                DateTime next = target.Schedule.GetNextOccurrence(UtcNow());
                for (TimeSpan wait = next - UtcNow(); wait > TimeSpan.Zero; wait = next - UtcNow())
                {
                    await Task.Delay(wait < MaxWait ? wait : MaxWait, time, stopping);
                }

                await InvokeAsync(next, $"Timer fired at {next:O}", stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task InvokeAsync(DateTime occurrence, string reason, CancellationToken stopping)
    {
        var info = new TimerInfo { ScheduleStatus = _status, IsPastDue = false };
        await using (AsyncServiceScope scope = scopes.CreateAsyncScope())
        {
            try
            {
                await invoker.InvokeAsync(target.Function, scope.ServiceProvider,
                    () => TimerTriggerBinding.Bind(target.Function, info, stopping), reason);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                // Logged by the invoker; the schedule goes on.
            }
        }

        _status = new ScheduleStatus
        {
            Last = occurrence,
            Next = target.Schedule.GetNextOccurrence(occurrence),
            LastUpdated = UtcNow(),
        };
        log.LogDebug("Timer '{Name}' next occurrence {Next:O}", target.Function.Name, _status.Next);
    }

    private DateTime UtcNow() => time.GetUtcNow().UtcDateTime;
}
