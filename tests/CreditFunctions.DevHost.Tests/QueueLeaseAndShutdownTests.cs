using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class QueueLeaseAndShutdownTests
{
    [Fact]
    public async Task A_message_running_longer_than_its_lease_is_renewed_and_not_delivered_twice()
    {
        string queue = TestHost.UniqueQueue("lease");
        await using TestHost host = await TestHost.StartAsync(HostJson.With("\"messageEncoding\": \"none\""), ["LongRunning"],
            new Dictionary<string, string?> { ["LongQueue"] = queue }, lease: TimeSpan.FromSeconds(2));
        QueueClient client = TestHost.Queue(queue);
        await client.CreateIfNotExistsAsync();

        await client.SendMessageAsync("takes 3.5 s with a 2 s lease");

        await Eventually.UntilAsync(() => host.Logs.Lines.Any(l => l.Contains("Executed 'Functions.LongRunning' (Succeeded", StringComparison.Ordinal)),
            "the long invocation to finish");
        await Eventually.UntilAsync(async () => (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0, "the message to be deleted");
        Assert.Equal(1, host.Probe.Count("LongRunning"));
    }

    [Fact]
    public async Task Stopping_signals_in_flight_functions_and_releases_their_messages()
    {
        string queue = TestHost.UniqueQueue("shutdown");
        TestHost host = await TestHost.StartAsync(HostJson.With("\"messageEncoding\": \"none\", \"maxDequeueCount\": 5"), ["Gated"],
            new Dictionary<string, string?> { ["GatedQueue"] = queue });
        QueueClient client = TestHost.Queue(queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync("in flight at shutdown");
        await Eventually.UntilAsync(() => host.Probe.InFlight == 1, "the function to be running");

        await host.DisposeAsync();

        Assert.Equal(0, host.Probe.InFlight);
        PeekedMessage released = Assert.Single((await client.PeekMessagesAsync()).Value);
        Assert.Equal("in flight at shutdown", released.MessageText);
        Assert.Equal(1, released.DequeueCount);
    }
}
