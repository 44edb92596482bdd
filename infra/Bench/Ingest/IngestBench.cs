using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Bench.Push;
using CreditFunctions.Bench.Sweep;
using CreditFunctions.DevHost;
using CreditFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Bench.Ingest;

/// <summary>
/// ./infra/bench ingest: storage requests per ingested record (the app's own requests, counted by its
/// StorageRequestCounter: idempotency, records, history, indexes, outbox, locators, reports), end-to-end records per
/// second through the dev host beside a baseline of plain entity-group writes, and a 100,000-record court list
/// sent as a claim check. Each run uses a fresh in-memory Azurite.
/// </summary>
public static class IngestBench
{
    /// <summary>The clock the generated records are dated by; a bench could pin it, the real one is the default.</summary>
    public static TimeProvider Clock { get; set; } = TimeProvider.System;

    private const string Source = "SH-HRSS-ENFORCEMENT";

    // The throughput run's messages come from another unit, so counting its applied messages counts only them.
    private const string ThroughputSource = "SH-EMPLOYMENT";

    public static async Task<int> RunAsync(TextWriter output)
    {
        using var azurite = AzuriteServer.Start();
        var settings = new Dictionary<string, string?>
        {
            ["CreditStorage"] = azurite.ConnectionString,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Pseudonym:Key"] = "bench-pseudonym-key-0123456789",
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
        };

        // BENCH_INGEST_PARTS=requests,throughput,court runs some parts only (default: all).
        var parts = (Environment.GetEnvironmentVariable("BENCH_INGEST_PARTS") ?? "requests,throughput,court").Split(',');
        if (parts.Contains("requests"))
        {
            await RequestsPerRecordAsync(output, settings);
        }

        if (parts.Contains("throughput"))
        {
            await ThroughputAsync(output, azurite, settings);
        }

        if (parts.Contains("court"))
        {
            await CourtListAsync(output, azurite, settings);
        }

        return 0;
    }

    private static async Task RequestsPerRecordAsync(TextWriter output, Dictionary<string, string?> settings)
    {
        await using var services = Services(settings);
        var ingestor = services.GetRequiredService<RecordIngestor>();
        var counter = services.GetRequiredService<StorageRequestCounter>();
        await ingestor.IngestAsync(Message(100), CancellationToken.None); // provisioning and warm-up

        // 200 messages: the count depends on how many of the 32 buckets each message's random subjects fall in; 20 left it ±0.005.
        var messages = int.TryParse(Environment.GetEnvironmentVariable("BENCH_INGEST_SEQUENTIAL_MESSAGES"), out var m) ? m : 200;
        counter.Reset();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            await ingestor.IngestAsync(Message(100), CancellationToken.None);
        }

        BenchLine.Write(output, "ingest.requestsPerRecord", counter.Requests / (messages * 100.0), "requests/record");
        BenchLine.Write(output, "ingest.sequentialRecordsPerSecond", messages * 100 / clock.Elapsed.TotalSeconds, "records/s");

        counter.Reset();
        for (var i = 0; i < 20; i++)
        {
            await ingestor.IngestAsync(Message(1), CancellationToken.None);
        }

        BenchLine.Write(output, "ingest.requestsPerRecordSingle", counter.Requests / 20.0, "requests/record");
    }

    /// <summary>20,000 records in 200 messages, queued first, then drained by the dev host's queue trigger.</summary>
    private static async Task ThroughputAsync(TextWriter output, AzuriteServer azurite, Dictionary<string, string?> settings)
    {
        const int records = 20_000;
        var queue = new QueueClient(azurite.ConnectionString, "credit-ingest", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();
        var ids = new List<string>();
        for (var i = 0; i < records / 100; i++)
        {
            var body = Message(100, out var id, ThroughputSource);
            ids.Add(id);
            await queue.SendMessageAsync(body);
        }

        await using var host = BenchHost.Build(["IngestRecords"], settings);
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        var applied = new TableClient(azurite.ConnectionString, TableNames.Idempotency);
        // The app creates its tables on first use; the watcher may look before that.
        await applied.CreateIfNotExistsAsync();
        while (true)
        {
            var done = 0;
            await foreach (var _ in applied.QueryAsync<TableEntity>(e => e.PartitionKey == ThroughputSource, select: ["RowKey"]))
            {
                done++;
            }

            if (done >= ids.Count)
            {
                break;
            }

            await Task.Delay(50);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        await host.StopAsync();
        var recordsPerSecond = records / seconds;

        // The baseline: the same number of plain entities straight to Azurite, in entity-group transactions of 100
        // over 32 partitions with the same parallelism: what the storage itself can take on this machine.
        var baseline = new TableClient(azurite.ConnectionString, "Baseline");
        await baseline.CreateIfNotExistsAsync();
        clock.Restart();
        await Parallel.ForEachAsync(Enumerable.Range(0, records / 100), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (batch, ct) =>
        {
            var partition = $"b{batch % 32:D2}";
            var actions = Enumerable.Range(0, 100).Select(i => new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(partition, $"{batch:D5}-{i:D3}") { ["Payload"] = new string('x', 400) }));
            await baseline.SubmitTransactionAsync(actions, ct);
        });
        var baselinePerSecond = records / clock.Elapsed.TotalSeconds;

        BenchLine.Write(output, "ingest.recordsPerSecond", recordsPerSecond, "records/s");
        BenchLine.Write(output, "ingest.baselineEntitiesPerSecond", baselinePerSecond, "entities/s");
        BenchLine.Write(output, "ingest.ratioToBaseline", recordsPerSecond / baselinePerSecond, "ratio");
    }

    /// <summary>The court's list of dishonest judgment debtors in one claim-check blob: 100,000 records (BENCH_COURT_RECORDS).</summary>
    private static async Task CourtListAsync(TextWriter output, AzuriteServer azurite, Dictionary<string, string?> settings)
    {
        var records = int.TryParse(Environment.GetEnvironmentVariable("BENCH_COURT_RECORDS"), out var n) ? n : 100_000;
        var container = new BlobContainerClient(azurite.ConnectionString, "credit-ingest-blobs");
        await container.CreateIfNotExistsAsync();
        var lines = new StringBuilder(records * 330);
        for (var i = 0; i < records; i++)
        {
            lines.AppendLine(CourtListing($"COURT-{i:D6}").ToJsonString());
        }

        var blob = container.GetBlobClient($"court-{Guid.NewGuid():N}.jsonl");
        var bytes = Encoding.UTF8.GetBytes(lines.ToString());
        await blob.UploadAsync(BinaryData.FromBytes(bytes));
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        var envelope = TestKeys.Sign(
            $$"""{"schema":"credit-records/v1","messageId":"court-{{Guid.NewGuid():N}}","source":"court","recordsBlob":"{{blob.Uri}}","recordsBlobSha256":"{{sha256}}"}""");

        await using var services = Services(settings);
        var clock = Stopwatch.StartNew();
        var outcome = await services.GetRequiredService<RecordIngestor>().IngestAsync(envelope, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        if (outcome.Stored != records)
        {
            throw new InvalidOperationException($"court list: {outcome.Stored} of {records} stored, {outcome.Rejected} rejected");
        }

        BenchLine.Write(output, "ingest.courtListRecords", records, "records");
        BenchLine.Write(output, "ingest.courtListSeconds", seconds, "s");
        BenchLine.Write(output, "ingest.courtListRecordsPerSecond", records / seconds, "records/s");
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(configuration);
        services.AddCreditFunctions(configuration);
        return services.BuildServiceProvider();
    }

    private static string Message(int count) => Message(count, out _, Source);

    private static string Message(int count, out string messageId, string source)
    {
        messageId = $"bench-{Guid.NewGuid():N}";
        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            records.Add(new JsonObject
            {
                ["sourceRecordId"] = $"AP-{Guid.NewGuid():N}",
                ["version"] = 1,
                ["action"] = "upsert",
                ["kind"] = "admin-penalty",
                ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = Uscc.New(), ["name"] = "上海某某建筑工程有限公司" },
                ["decisionDate"] = CreditFunctions.Domain.Time.ChinaStandardTime.Today(Clock).AddDays(-Random.Shared.Next(1, 60)).ToString("yyyy-MM-dd"),
                ["decisionNumber"] = $"沪人社监罚〔2026〕{i}号",
                ["severity"] = "general",
                ["procedure"] = "general",
                ["summary"] = "未按时足额支付劳动者工资",
            });
        }

        // Signed by its source as upstream units do (contract v2), and written as UTF-8, not \u escapes: a signed message
        // is a third larger than its envelope, and must still fit one 64 KiB queue message.
        return TestKeys.Sign(new JsonObject { ["schema"] = "credit-records/v1", ["messageId"] = messageId, ["source"] = source, ["records"] = records }
            .ToJsonString(Utf8Json));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Utf8Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject CourtListing(string id) => new()
    {
        ["sourceRecordId"] = id,
        ["version"] = 1,
        ["action"] = "upsert",
        ["kind"] = "court-dishonest-debtor",
        ["subject"] = new JsonObject { ["type"] = "individual", ["id"] = IdNumber(), ["name"] = "失信被执行人" },
        ["decisionDate"] = "2025-03-01",
        ["decisionNumber"] = $"(2025)沪0101执{id}号",
    };

    private static string IdNumber()
    {
        var birth = new DateOnly(1960, 1, 1).AddDays(Random.Shared.Next(0, 15_000));
        var body = $"310101{birth:yyyyMMdd}{Random.Shared.Next(0, 1000):D3}";
        return body + CreditFunctions.Domain.Subjects.SubjectId.ComputeIdCheck(body);
    }
}
