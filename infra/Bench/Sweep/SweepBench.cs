using System.Diagnostics;
using CreditFunctions.App;
using CreditFunctions.App.Expiry;
using CreditFunctions.App.Storage;
using CreditFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.Bench.Sweep;

/// <summary>
/// The expiry sweep over a register of 200,000 records of which 1 % expire on the day swept, then the next day,
/// on which nothing does: storage requests (the app's own counter) and seconds. A fresh Azurite, in memory.
/// </summary>
public static class SweepBench
{
    // BENCH_SWEEP_RECORDS shrinks the register for a quick look; the figures in the README are for 200,000.
    private static readonly int Register = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SWEEP_RECORDS"), out var n) ? n : 200_000;
    private const int ExpiringShare = 100; // one record in 100 expires on the day measured
    private static readonly DateOnly Day = new(2027, 6, 1);

    public static async Task<int> RunAsync(TextWriter output)
    {
        using var azurite = AzuriteServer.Start();
        var clock = new BenchClock(AtSweepTime(Day));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CreditStorage"] = azurite.ConnectionString,
            ["Pseudonym:Key"] = "bench-pseudonym-key-0123456789",
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCreditFunctions(configuration);
        services.AddSingleton<TimeProvider>(clock);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageProvisioner>().EnsureAsync();

        var load = Stopwatch.StartNew();
        // Nothing expires the day after: the other records expire from two days on, spread over three years.
        await RegisterLoader.LoadAsync(
            provider.GetRequiredService<RecordStore>(),
            Register,
            n => n % ExpiringShare == 0 ? Day : Day.AddDays(2 + (n % 1000)));
        Console.Error.WriteLine($"sweep bench: {Register:N0} records loaded in {load.Elapsed.TotalSeconds:F1} s");

        var sweeper = provider.GetRequiredService<ExpirySweeper>();
        var counter = provider.GetRequiredService<StorageRequestCounter>();
        counter.Reset();
        var timer = Stopwatch.StartNew();
        var result = await sweeper.RunAsync(CancellationToken.None);
        var seconds = timer.Elapsed.TotalSeconds;
        var requests = counter.Requests;
        if (result.Expired != Register / ExpiringShare)
        {
            Console.Error.WriteLine($"sweep bench: expected {Register / ExpiringShare} expired, got {result.Expired}");
            return 1;
        }

        clock.Now = AtSweepTime(Day.AddDays(1));
        counter.Reset();
        timer.Restart();
        var quiet = await sweeper.RunAsync(CancellationToken.None);
        var quietSeconds = timer.Elapsed.TotalSeconds;
        var quietRequests = counter.Requests;

        BenchLine.Write(output, "sweep.seconds", seconds, "s");
        BenchLine.Write(output, "sweep.expiredRecords", result.Expired, "records");
        BenchLine.Write(output, "sweep.requests", requests, "requests");
        BenchLine.Write(output, "sweep.requestsPerExpiredRecord", (double)requests / result.Expired, "requests/record");
        BenchLine.Write(output, "sweep.requestsWhenNothingExpires", quietRequests, "requests");
        BenchLine.Write(output, "sweep.secondsWhenNothingExpires", quietSeconds, "s");
        return quiet.Expired == 0 ? 0 : 1;
    }

    private static DateTimeOffset AtSweepTime(DateOnly day) => new(day.ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8));
}
