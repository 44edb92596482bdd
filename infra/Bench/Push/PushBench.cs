using System.Diagnostics;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Bench.Sweep;
using CreditFunctions.DevHost;
using CreditFunctions.PlatformSimulator;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Bench.Push;

/// <summary>
/// Lag from a record's arrival on <c>credit-ingest</c> to the platform's acknowledgement, under load: 5,000
/// records in 100-record messages, all enqueued at once, through the dev host running the real app against a
/// fresh Azurite and a healthy platform simulator. Lag = simulator receive time − message enqueue time.
/// </summary>
public static class PushBench
{
    /// <summary>Enqueue times are read from the clock the simulator stamps receipts with (the real one).</summary>
    public static TimeProvider Clock { get; set; } = TimeProvider.System;

    private const int Records = 5_000;
    private const int PerMessage = 100;
    private const string Source = "SH-HRSS-ENFORCEMENT";

    public static async Task<int> RunAsync(TextWriter output)
    {
        using var azurite = AzuriteServer.Start();
        await using var simulator = PlatformSimulatorApp.Build();
        await simulator.StartAsync();
        var ledger = PlatformSimulatorApp.Ledger(simulator);
        await using var host = BenchHost.Build(["IngestRecords", "PlatformPush"], new Dictionary<string, string?>
        {
            ["CreditStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Pseudonym:Key"] = "bench-pseudonym-key-0123456789",
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
            ["Platform:BaseUrl"] = PlatformSimulatorApp.BaseAddress(simulator),
        });
        await host.StartAsync();

        var queue = new QueueClient(azurite.ConnectionString, QueueNames.Ingest, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();
        var enqueuedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var counter = 0;
        for (var m = 0; m < Records / PerMessage; m++)
        {
            var (json, recordIds) = Message(ref counter);
            var at = Clock.GetUtcNow();
            await queue.SendMessageAsync(json);
            foreach (var id in recordIds)
            {
                enqueuedAt[id] = at;
            }
        }

        var wait = Stopwatch.StartNew();
        while (ledger.Stats().Accepted < Records)
        {
            if (wait.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine($"push bench: only {ledger.Stats().Accepted} of {Records} events arrived in 10 minutes");
                return 1;
            }

            await Task.Delay(100);
        }

        var lags = ledger.Events()
            .Where(e => e.Type == PlatformEventTypes.Publish && enqueuedAt.ContainsKey(e.RecordId))
            .Select(e => (e.ReceivedAt - enqueuedAt[e.RecordId]).TotalMilliseconds)
            .Order()
            .ToArray();
        // The part of the lag that is the push's own: from the change's commit (the event's occurredAt) to the ack.
        var pushOnly = ledger.Events()
            .Where(e => e.OccurredAt is not null)
            .Select(e => (e.ReceivedAt - DateTimeOffset.Parse(e.OccurredAt!, System.Globalization.CultureInfo.InvariantCulture)).TotalMilliseconds)
            .Order()
            .ToArray();
        var first = enqueuedAt.Values.Min();
        var last = ledger.Events().Max(e => e.ReceivedAt);
        BenchLine.Write(output, "push.lagP50Ms", Percentile(lags, 0.50), "ms");
        BenchLine.Write(output, "push.lagP99Ms", Percentile(lags, 0.99), "ms");
        BenchLine.Write(output, "push.commitToAckP50Ms", Percentile(pushOnly, 0.50), "ms");
        BenchLine.Write(output, "push.commitToAckP99Ms", Percentile(pushOnly, 0.99), "ms");
        BenchLine.Write(output, "push.eventsPerSecond", Records / (last - first).TotalSeconds, "events/s");
        await host.StopAsync();
        return lags.Length == Records ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static (string Json, List<string> RecordIds) Message(ref int counter)
    {
        var records = new JsonArray();
        var ids = new List<string>(PerMessage);
        for (var i = 0; i < PerMessage; i++, counter++)
        {
            var sourceRecordId = $"PUSH-{counter:D6}-{Guid.NewGuid():N}";
            ids.Add(RecordIds.For(Source, sourceRecordId));
            records.Add(BenchMessages.AdminPenalty(sourceRecordId, Uscc.New(), "2025-04-30"));
        }

        var json = BenchMessages.Signed(Source, $"bench-{Guid.NewGuid():N}", Clock.GetUtcNow(), records);
        return (json, ids);
    }
}
