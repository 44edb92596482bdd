using Azure.Data.Tables;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.DevHost;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.PlatformSimulator;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>
/// 2,000 records through the dev host running the real app, while the platform fails 30 % of requests with 500
/// and leaves 5 % unanswered, and the host is stopped and started again halfway: in the end every event is at the
/// platform exactly once, no record's platform version is behind the register's, and nothing is poisoned.
/// </summary>
public sealed class PlatformChaosTests(PlatformFixture platform) : IClassFixture<PlatformFixture>
{
    private const int Records = 2_000;
    private const int PerMessage = 100;
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Every_event_reaches_a_flaky_platform_exactly_once_across_a_host_restart()
    {
        platform.Chaos.Set(new ChaosSettings(FailureRate: 0.3, TimeoutRate: 0.05));
        var connection = platform.Storage.ConnectionString;
        var ingest = new QueueClient(connection, QueueNames.Ingest, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await ingest.CreateIfNotExistsAsync();
        var expected = new HashSet<string>(StringComparer.Ordinal);
        for (var m = 0; m < Records / PerMessage; m++)
        {
            var message = RecordsMessage.From(PlatformTestData.Source);
            for (var i = 0; i < PerMessage; i++)
            {
                var sourceRecordId = $"CHAOS-{m:D3}-{i:D3}-{Guid.NewGuid():N}";
                message.With(RecordsMessage.AdminPenalty(Subjects.NewUscc(), sourceRecordId));
                expected.Add(PlatformEvent.IdFor(RecordIds.For(PlatformTestData.Source, sourceRecordId), 1, PlatformEventTypes.Publish));
            }

            await ingest.SendMessageAsync(message.Json());
        }

        var host = await StartHostAsync(connection);
        await Eventually.UntilAsync(() => platform.Ledger.Stats().Accepted >= Records / 3, "a third of the events at the platform", Patience);
        // Stopped mid-flight: in-flight work finishes, queued notices and outbox rows wait for the next host.
        await host.StopAsync();
        await host.DisposeAsync();
        host = await StartHostAsync(connection);
        try
        {
            await Eventually.UntilAsync(() => platform.Ledger.Stats().Accepted >= Records, "every event at the platform", Patience);
            await Eventually.UntilAsync(async () => await PendingOutboxRowsAsync(connection) == 0, "an empty outbox", Patience);
        }
        finally
        {
            await host.StopAsync();
            await host.DisposeAsync();
        }

        var held = platform.Ledger.Events();
        Assert.Equal(held.Count, held.Select(e => e.EventId).Distinct().Count());
        Assert.True(expected.SetEquals(held.Select(e => e.EventId)), "the platform holds exactly the expected events");
        var stats = platform.Ledger.Stats();
        Assert.True(stats.InjectedFailures > 0 && stats.InjectedTimeouts > 0, $"chaos happened: {stats}");
        await foreach (var (recordId, version) in RegisterVersionsAsync(connection))
        {
            Assert.True(platform.Ledger.Latest(recordId)?.Version >= version, $"{recordId} v{version} is behind at the platform");
        }

        foreach (var poison in new[] { QueueNames.Ingest + "-poison", PlatformOutbox.QueueName + "-poison" })
        {
            var queue = new QueueClient(connection, poison);
            Assert.False(await queue.ExistsAsync() && (await queue.PeekMessagesAsync(1)).Value.Length > 0, $"{poison} is empty");
        }
    }

    private async Task<WebApplication> StartHostAsync(string connection)
    {
        var host = DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                Functions = ["IngestRecords", "PlatformPush", "OutboxReconciliation"],
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Error),
                Settings = new Dictionary<string, string?>
                {
                    ["CreditStorage"] = connection,
                    ["AzureWebJobsStorage"] = connection,
                    ["Pseudonym:Key"] = CreditApp.PseudonymKey,
                    ["Auth:LocalDevelopment"] = "true",
                    ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
                    ["Platform:BaseUrl"] = platform.BaseUrl,
                    ["Platform:Timeout"] = "00:00:02",
                    ["Platform:BackoffBase"] = "00:00:00.200",
                    ["Platform:BackoffMax"] = "00:00:02",
                    ["Platform:ReconcileAfter"] = "00:00:05",
                    [OutboxReconciliationFunction.ScheduleSetting] = "*/5 * * * * *",
                },
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
        await host.StartAsync();
        return host;
    }

    private static async Task<int> PendingOutboxRowsAsync(string connection)
    {
        var table = new TableClient(connection, TableNames.Records);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"RowKey ge {RecordStore.Keys.OutboxPrefix} and RowKey lt {"o}"}"), select: ["EventId"]))
        {
            count++;
        }

        return count;
    }

    private static async IAsyncEnumerable<(string RecordId, long Version)> RegisterVersionsAsync(string connection)
    {
        var table = new TableClient(connection, TableNames.Records);
        await foreach (var row in table.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"RowKey ge {"s|"} and RowKey lt {"s}"}"), select: ["RecordId", "Version"]))
        {
            if (row.GetString("RecordId") is { } recordId)
            {
                yield return (recordId, row.GetInt64("Version") ?? 0);
            }
        }
    }
}
