using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.DevHost;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>
/// A message that keeps failing for a reason that is not the input's fault (here: table storage unreachable) is
/// not rejected as bad input: the host retries it and finally moves it, intact, to credit-ingest-poison.
/// </summary>
public sealed class PoisonTests
{
    [Fact]
    public async Task A_message_that_fails_because_storage_is_down_ends_in_the_poison_queue_intact()
    {
        using var azurite = AzuriteServer.Start();
        // Queues answer; tables do not (a closed port): the function fails on every try.
        var brokenTables = $"DefaultEndpointsProtocol=http;AccountName={AzuriteServer.AccountName};AccountKey={AzuriteServer.AccountKey};" +
                           $"QueueEndpoint={azurite.QueueEndpoint};BlobEndpoint={azurite.BlobEndpoint};TableEndpoint=http://127.0.0.1:9/{AzuriteServer.AccountName};";
        var hostJson = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(hostJson, """
            {"version":"2.0","extensions":{"queues":{"messageEncoding":"none","maxDequeueCount":2,"visibilityTimeout":"00:00:00","maxPollingInterval":"00:00:00.200"}}}
            """);
        await using var host = DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                HostJsonPath = hostJson,
                Functions = ["IngestRecords"],
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Critical),
                Settings = new Dictionary<string, string?>
                {
                    ["CreditStorage"] = brokenTables,
                    ["AzureWebJobsStorage"] = azurite.ConnectionString,
                    ["Pseudonym:Key"] = CreditApp.PseudonymKey,
                    ["Auth:LocalDevelopment"] = "true",
                    ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
                },
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
        await host.StartAsync();
        var body = RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(RecordsMessage.AdminPenalty(Subjects.NewUscc())).Json();
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        // The host creates its queues as it starts listening; the sender does not wait for that (nor would upstream).
        var ingest = new QueueClient(azurite.ConnectionString, "credit-ingest", options);
        await ingest.CreateIfNotExistsAsync();
        await ingest.SendMessageAsync(body);

        var poison = new QueueClient(azurite.ConnectionString, "credit-ingest-poison", options);
        var poisoned = await Eventually.UntilAsync(
            async () => await poison.ExistsAsync() ? (await poison.PeekMessagesAsync(1)).Value : [],
            messages => messages.Length > 0, "the message to reach credit-ingest-poison", TimeSpan.FromSeconds(90));

        Assert.Equal(body, poisoned[0].Body.ToString());
        await host.StopAsync();
        File.Delete(hostJson);
    }
}
