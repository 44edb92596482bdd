using CreditFunctions.DevHost.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.DevHost.Tests.Samples;

/// <summary>What a timer function saw: its TimerInfo and the clock at invocation.</summary>
public sealed record TimerCall(TimerInfo Timer, DateTimeOffset Now);

/// <summary>Timer-triggered samples; the clock is the host's TimeProvider (a FakeTimeProvider in tests).</summary>
public sealed class TimerSamples(Probe probe, TimeProvider time)
{
    [Function("Daily")]
    public void Daily([TimerTrigger("%DailySchedule%")] TimerInfo timer) => probe.Record("Daily", new TimerCall(timer, time.GetUtcNow()));

    [Function("AtStartup")]
    public Task AtStartup([TimerTrigger("0 0 0 1 1 *", RunOnStartup = true)] TimerInfo timer, CancellationToken cancellation)
    {
        probe.Record("AtStartup", new TimerCall(timer, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    [Function("Every30Seconds")]
    public void Every30Seconds([TimerTrigger("00:00:30")] TimerInfo timer) =>
        probe.Record("Every30Seconds", new TimerCall(timer, time.GetUtcNow()));
}
