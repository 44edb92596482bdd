using Azure.Storage.Queues;
using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class QueueBatchingTests
{
    [Fact]
    public async Task Messages_run_concurrently_up_to_batchSize_when_newBatchThreshold_is_zero()
    {
        string queue = TestHost.UniqueQueue("batch");
        QueueClient client = TestHost.Queue(queue);
        await client.CreateIfNotExistsAsync();
        for (int i = 0; i < 40; i++)
        {
            await client.SendMessageAsync($"m{i}");
        }

        await using TestHost host = await TestHost.StartAsync(
            HostJson.With("\"batchSize\": 8, \"newBatchThreshold\": 0, \"messageEncoding\": \"none\""), ["SlowWork"],
            new Dictionary<string, string?> { ["SlowQueue"] = queue });

        await Eventually.UntilAsync(() => host.Probe.Completed == 40, "all 40 messages to be processed");
        Assert.InRange(host.Probe.MaxInFlight, 2, 8);
    }

    [Fact]
    public async Task A_new_batch_is_fetched_only_once_in_flight_work_is_down_to_newBatchThreshold()
    {
        string queue = TestHost.UniqueQueue("threshold");
        QueueClient client = TestHost.Queue(queue);
        await client.CreateIfNotExistsAsync();
        for (int i = 0; i < 12; i++)
        {
            await client.SendMessageAsync($"g{i}");
        }

        await using TestHost host = await TestHost.StartAsync(
            HostJson.With("\"batchSize\": 4, \"newBatchThreshold\": 2, \"messageEncoding\": \"none\""), ["Gated"],
            new Dictionary<string, string?> { ["GatedQueue"] = queue });
        Probe probe = host.Probe;

        await Eventually.UntilAsync(() => probe.InFlight == 4, "the first batch of 4 to be running");
        probe.Open(probe.Entered.First());
        await Eventually.UntilAsync(() => probe.Completed == 1, "one message to finish");
        // 3 still running is above the threshold of 2: the listener must not fetch. Give it several polls' time.
        await Task.Delay(TimeSpan.FromMilliseconds(800));
        Assert.Equal(4, probe.Entered.Count);

        probe.Open(probe.Entered.Skip(1).First());
        await Eventually.UntilAsync(() => probe.InFlight == 6, "a second batch of 4 to join the 2 still running");
        Assert.Equal(8, probe.Entered.Count);
        Assert.Equal(6, probe.MaxInFlight);

        foreach (string key in Enumerable.Range(0, 12).Select(i => $"g{i}"))
        {
            probe.Open(key);
        }

        await Eventually.UntilAsync(() => probe.Completed == 12, "every message to finish");
        Assert.InRange(probe.MaxInFlight, 6, 4 + 2);
    }
}
