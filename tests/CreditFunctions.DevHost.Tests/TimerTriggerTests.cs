using CreditFunctions.DevHost.Tests.Samples;
using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class TimerTriggerTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 10, 16, 4, 58, TimeSpan.Zero);

    [Fact]
    public async Task A_cron_schedule_fires_at_its_next_UTC_occurrence_with_the_schedule_status()
    {
        var time = new FakeTimeProvider(Start);
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["Daily"],
            new Dictionary<string, string?> { ["DailySchedule"] = "0 5 16 * * *" }, time);

        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(200); // nothing is due yet: give a wrong early firing the chance to show
        Assert.Equal(0, host.Probe.Count("Daily"));

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(() => host.Probe.Count("Daily") == 1, "16:05:00 UTC to fire");
        await StepUntilAsync(time, host, "Daily", 2);

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
        var time = new FakeTimeProvider(Start);
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
        var time = new FakeTimeProvider(Start);
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["Every30Seconds"], time: time);

        await StepUntilAsync(time, host, "Every30Seconds", 3, TimeSpan.FromSeconds(5));

        var calls = host.Probe.Calls("Every30Seconds").Cast<TimerCall>().ToList();
        Assert.Equal([Start.AddSeconds(30), Start.AddSeconds(60), Start.AddSeconds(90)], calls.Take(3).Select(c => c.Now));
    }

    [Fact]
    public void An_invalid_schedule_is_refused_naming_the_function()
    {
        string dir = Directory.CreateTempSubdirectory("devhost-timer-").FullName;
        File.WriteAllText(Path.Combine(dir, "host.json"), HostJson.With());
        DevHostOptions options = TestHost.Options(Path.Combine(dir, "host.json"), ["Daily"],
            new Dictionary<string, string?> { ["DailySchedule"] = "0 5 16 * *" });

        var ex = Assert.Throws<FunctionConfigurationException>(
            () => DevHostBuilder.Build(options, typeof(TimerTriggerTests).Assembly, (_, _) => { }));

        Assert.StartsWith("Function 'Daily':", Assert.Single(ex.Problems));
    }

    /// <summary>Moves the fake clock in small steps (each one letting the scheduler run) until the function ran n times.</summary>
    private static async Task StepUntilAsync(FakeTimeProvider time, TestHost host, string function, int count, TimeSpan? step = null)
    {
        await Eventually.UntilAsync(async () =>
        {
            int before = host.Probe.Count(function);
            if (before >= count)
            {
                return true;
            }

            // Wait for the previous invocation to be fully done before moving the clock again.
            await Eventually.UntilAsync(() => host.Logs.Lines.Count(l => l.Contains($"Executed 'Functions.{function}'", StringComparison.Ordinal)) == before,
                "the previous invocation to complete");
            await Task.Delay(20);
            time.Advance(step ?? TimeSpan.FromHours(1));
            return false;
        }, $"{function} to run {count} times");
    }
}
