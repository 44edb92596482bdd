using CreditFunctions.DevHost.Tests.Samples;
using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class TimerTriggerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 16, 4, 58, TimeSpan.Zero);

    [Fact]
    public async Task A_cron_schedule_fires_at_its_next_UTC_occurrence_with_the_schedule_status()
    {
        var time = new CountingTimeProvider(Start);
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["Daily"],
            new Dictionary<string, string?> { ["DailySchedule"] = "0 5 16 * * *" }, time);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200); // nothing is due yet: give a wrong early firing the chance to show
        Assert.Equal(0, host.Probe.Count("Daily"));

        int timers = time.TimersCreated;
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => CompletedInvocations(host, "Daily") == 1, "16:05:00 UTC to fire");
        await FireAsync(time, host, "Daily", TimeSpan.FromDays(1), timers);

        var calls = host.Probe.Calls("Daily").Cast<TimerCall>().ToList();
        DateTime firstOccurrence = new(2025, 3, 10, 16, 5, 0, DateTimeKind.Utc);
        Assert.Equal(firstOccurrence, calls[0].Now.UtcDateTime);
        Assert.Equal(default, calls[0].Timer.ScheduleStatus!.Last);
        Assert.Equal(firstOccurrence, calls[0].Timer.ScheduleStatus!.Next);
        Assert.False(calls[0].Timer.IsPastDue);
        Assert.Equal(firstOccurrence.AddDays(1), calls[1].Now.UtcDateTime);
        Assert.Equal(firstOccurrence, calls[1].Timer.ScheduleStatus!.Last);
        Assert.Equal(firstOccurrence.AddDays(1), calls[1].Timer.ScheduleStatus!.Next);
    }

    [Fact]
    public async Task RunOnStartup_fires_once_when_the_host_starts()
    {
        var time = new CountingTimeProvider(Start);
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["AtStartup"], time: time);

        await Eventually.UntilAsync(() => host.Logs.Lines.Any(l => l.Contains("Executed 'Functions.AtStartup' (Succeeded", StringComparison.Ordinal)),
            "the startup invocation");
        time.Advance(TimeSpan.FromDays(1)); // the yearly schedule is not due: still once
        await Task.Delay(200);

        TimerCall call = Assert.Single(host.Probe.Calls("AtStartup").Cast<TimerCall>());
        Assert.Equal(Start, call.Now);
        Assert.Equal(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), call.Timer.ScheduleStatus!.Next);
    }

    [Fact]
    public async Task A_TimeSpan_schedule_fires_every_interval()
    {
        var time = new CountingTimeProvider(Start);
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["Every30Seconds"], time: time);

        int timers = 0;
        for (int i = 0; i < 3; i++)
        {
            timers = await FireAsync(time, host, "Every30Seconds", TimeSpan.FromSeconds(30), timers);
        }

        var calls = host.Probe.Calls("Every30Seconds").Cast<TimerCall>().ToList();
        Assert.Equal([Start.AddSeconds(30), Start.AddSeconds(60), Start.AddSeconds(90)], calls.Take(3).Select(c => c.Now));
    }

    [Fact]
    public void An_invalid_schedule_is_refused_naming_the_function()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("devhost-timer-");
        string hostJson = Path.Combine(dir.FullName, "host.json");
        File.WriteAllText(hostJson, HostJson.With());
        DevHostOptions options = TestHost.Options(hostJson, ["Daily"],
            new Dictionary<string, string?> { ["DailySchedule"] = "0 5 16 * *" });

        var ex = Assert.Throws<FunctionConfigurationException>(
            () => DevHostBuilder.Build(options, typeof(TimerTriggerTests).Assembly, (_, _) => { }));
        dir.Delete(recursive: true);

        Assert.StartsWith("Function 'Daily':", Assert.Single(ex.Problems));
    }

    /// <summary>
    /// Moves the fake clock to the next expected occurrence once the scheduler is waiting on it (it has created a
    /// timer since the last move), then waits for the invocation to complete.
    /// </summary>
    /// <returns>The timer count before this move: pass it to the next call.</returns>
    private static async Task<int> FireAsync(CountingTimeProvider time, TestHost host, string function, TimeSpan untilDue, int timersBefore)
    {
        int calls = host.Probe.Count(function);
        await Eventually.UntilAsync(() => time.TimersCreated > timersBefore, "the scheduler to wait for the next occurrence");
        int timers = time.TimersCreated;
        time.Advance(untilDue);
        await Eventually.UntilAsync(() => CompletedInvocations(host, function) == calls + 1, $"{function} to run again");
        return timers;
    }

    private static int CompletedInvocations(TestHost host, string function) =>
        host.Logs.Lines.Count(l => l.Contains($"Executed 'Functions.{function}'", StringComparison.Ordinal));
}
