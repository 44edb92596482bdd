using System.Text.Json;

namespace CreditFunctions.DevHost.Tests;

public sealed class HostJsonSettingsTests
{
    private static HostJsonSettings Parse(string json) => HostJsonSettings.Parse(JsonDocument.Parse(json).RootElement);

    [Fact]
    public void Defaults_are_the_queue_extensions_and_http_defaults()
    {
        HostJsonSettings s = Parse("""{ "version": "2.0" }""");

        Assert.Equal(new QueuesSettings(16, 8, TimeSpan.FromMinutes(1), TimeSpan.Zero, 5, QueueMessageEncodingSetting.Base64), s.Queues);
        Assert.Equal("api", s.RoutePrefix);
    }

    [Fact]
    public void NewBatchThreshold_defaults_to_half_the_batch_size_and_keys_are_case_insensitive()
    {
        HostJsonSettings s = Parse("""
            { "Extensions": { "Queues": { "BatchSize": 10, "messageEncoding": "None", "visibilityTimeout": "00:00:10" },
                              "http": { "routePrefix": "/v1/" } } }
            """);

        Assert.Equal(10, s.Queues.BatchSize);
        Assert.Equal(5, s.Queues.NewBatchThreshold);
        Assert.Equal(QueueMessageEncodingSetting.None, s.Queues.MessageEncoding);
        Assert.Equal(TimeSpan.FromSeconds(10), s.Queues.VisibilityTimeout);
        Assert.Equal("v1", s.RoutePrefix);
    }

    [Fact]
    public void The_repository_host_json_is_read()
    {
        string path = Path.Combine(CreditFunctions.Testing.RepositoryRoot.Find(), "host.json");

        HostJsonSettings s = HostJsonSettings.Load(path);

        Assert.Equal(QueueMessageEncodingSetting.None, s.Queues.MessageEncoding);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Queues.MaxPollingInterval);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 33 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 0 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.050" } } }""", "maxPollingInterval")]
    [InlineData("""{ "extensions": { "queues": { "maxPollingInterval": 2000 } } }""", "maxPollingInterval")]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": 0 } } }""", "maxDequeueCount")]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf8" } } }""", "messageEncoding")]
    public void Values_the_host_rejects_are_rejected(string json, string setting)
    {
        var ex = Assert.ThrowsAny<Exception>(() => Parse(json));

        Assert.Contains(setting, ex.Message);
    }

    [Fact]
    public void A_missing_host_json_is_an_error_naming_the_path()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => HostJsonSettings.Load("/nowhere/host.json"));

        Assert.Contains("/nowhere/host.json", ex.Message);
    }
}
