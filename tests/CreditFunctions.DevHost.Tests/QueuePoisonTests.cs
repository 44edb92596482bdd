using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class QueuePoisonTests
{
    [Theory]
    [InlineData("none", "poison body: {\"subject\":\"é✓\"} <&>")]
    [InlineData("base64", "AAEC/w==")] // bytes 00 01 02 FF, stored as the SDK's base64 encoding writes them
    public async Task A_message_that_always_fails_moves_to_poison_after_maxDequeueCount_with_its_body_intact(string encoding, string stored)
    {
        string queue = TestHost.UniqueQueue("poison");
        await using TestHost host = await TestHost.StartAsync(
            HostJson.With($"\"maxDequeueCount\": 3, \"messageEncoding\": \"{encoding}\""), ["AlwaysFails"],
            new Dictionary<string, string?> { ["AlwaysFailsQueue"] = queue });
        QueueClient raw = TestHost.Queue(queue);
        await raw.CreateIfNotExistsAsync();

        await raw.SendMessageAsync(stored);

        QueueClient poison = TestHost.Queue(queue + "-poison");
        PeekedMessage[] poisoned = await Eventually.UntilAsync(
            async () => (await poison.PeekMessagesAsync(32)).Value, m => m.Length > 0, "the poison queue to receive the message");
        Assert.Equal(stored, Assert.Single(poisoned).MessageText);
        Assert.Empty((await raw.PeekMessagesAsync(32)).Value);
        Assert.Equal([1L, 2L, 3L], host.Probe.Calls("AlwaysFails").Select(c => Convert.ToInt64(c)).Order());
    }

    [Fact]
    public async Task A_message_that_fails_twice_then_succeeds_is_not_poisoned()
    {
        string queue = TestHost.UniqueQueue("retry");
        await using TestHost host = await TestHost.StartAsync(
            HostJson.With("\"maxDequeueCount\": 5, \"messageEncoding\": \"none\""), ["FailsTwice"],
            new Dictionary<string, string?> { ["FailsTwiceQueue"] = queue, ["CreditStorage"] = TestHost.ConnectionString });
        QueueClient raw = TestHost.Queue(queue);
        await raw.CreateIfNotExistsAsync();

        await raw.SendMessageAsync("third time lucky");

        await Eventually.UntilAsync(() => host.Probe.Count("FailsTwice.Succeeded") == 1, "the third attempt to succeed");
        await Eventually.UntilAsync(async () => (await raw.GetPropertiesAsync()).Value.ApproximateMessagesCount == 0,
            "the message to be deleted");
        Assert.Equal([1L, 2L, 3L], host.Probe.Calls("FailsTwice").Select(c => (long)c!).Order());
        Assert.Empty((await TestHost.Queue(queue + "-poison").PeekMessagesAsync(32)).Value);
    }

    [Fact]
    public async Task A_message_that_is_not_base64_goes_straight_to_poison_without_an_invocation()
    {
        string queue = TestHost.UniqueQueue("undecodable");
        await using TestHost host = await TestHost.StartAsync(
            HostJson.With("\"messageEncoding\": \"base64\""), ["AlwaysFails"],
            new Dictionary<string, string?> { ["AlwaysFailsQueue"] = queue });
        QueueClient raw = TestHost.Queue(queue);
        await raw.CreateIfNotExistsAsync();

        await raw.SendMessageAsync("not base64 at all!");

        QueueClient poison = TestHost.Queue(queue + "-poison");
        // The listener creates the poison queue as it starts, which may be just after this test first looks.
        PeekedMessage[] poisoned = await Eventually.UntilAsync(
            async () => await poison.ExistsAsync() ? (await poison.PeekMessagesAsync(32)).Value : [],
            m => m.Length > 0, "the poison queue to receive the message");
        Assert.Equal("not base64 at all!", Assert.Single(poisoned).MessageText);
        Assert.Equal(0, host.Probe.Count("AlwaysFails"));
    }
}
