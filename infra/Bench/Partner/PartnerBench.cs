using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Json;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Watches;
using CreditFunctions.Bench.Push;
using CreditFunctions.Bench.Sweep;
using CreditFunctions.DevHost;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.PlatformSimulator;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Bench.Partner;

/// <summary>
/// The partner loop's costs (README "Benchmarks"), against a fresh Azurite through the dev host:
/// <list type="bullet">
/// <item><c>feedback.requestsPerFeedback</c>: storage requests of <c>POST /api/feedback</c> on a restriction answer's look-up.</item>
/// <item><c>watch.requestsPerChange.k{n}</c>: storage requests of fanning one change out to the feeds, for a subject held
/// by n watches, measured with <c>--watches</c> watches of <c>--subjects-per-watch</c> subjects and again with a fifth of
/// them: the count is 3 + n at both scales, so it does not grow with the watches of other subjects.</item>
/// <item><c>watch.changeToFeedP99Ms</c>: from a change being stored (its <c>at</c>, as the contract counts) to its being
/// readable in the watch's feed (the settle window included), under the push bench's load: 5,000 records in 100-record
/// messages queued at once; <c>watch.arrivalToFeedP99Ms</c> from the record's arrival on <c>credit-ingest</c>.</item>
/// </list>
/// </summary>
public static class PartnerBench
{
    /// <summary>The real clock: enqueue times are compared with the cursors the app stamps.</summary>
    public static TimeProvider Clock { get; set; } = TimeProvider.System;

    private const string Source = "SH-HRSS-ENFORCEMENT";
    private const string Business = "hrss-business";
    private static readonly int[] Holders = [0, 1, 10, 100];

    public static async Task<int> RunAsync(TextWriter output, string[] args)
    {
        var watches = Option(args, "--watches", 500);
        var perWatch = Option(args, "--subjects-per-watch", 100);
        var feedbacks = Option(args, "--feedbacks", 200);
        // --feed-only: the latency alone (the costs take a few minutes of loading first).
        var code = args.Contains("--feed-only") ? 0 : await CostsAsync(output, watches, perWatch, feedbacks);
        return code != 0 ? code : await LatencyAsync(output);
    }

    private static async Task<int> CostsAsync(TextWriter output, int watchCount, int perWatch, int feedbacks)
    {
        using var azurite = AzuriteServer.Start();
        // HTTP functions only: the bench runs the fan-out itself, around the request counter.
        await using var app = BenchHost.Build(["SubjectRestrictions", "FileFeedback", "CreateWatch"], Settings(azurite, null));
        await app.StartAsync();
        using var http = Client(app);
        var counter = app.Services.GetRequiredService<StorageRequestCounter>();
        var ingestor = app.Services.GetRequiredService<RecordIngestor>();
        var fanout = app.Services.GetRequiredService<WatchFanout>();
        var outbox = new QueueClient(azurite.ConnectionString, PlatformOutbox.QueueName, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await outbox.CreateIfNotExistsAsync();

        // Feedback: a restriction look-up of a listed unit names its measures; one feedback on one of them is counted.
        var units = Enumerable.Range(0, feedbacks).Select(_ => Uscc.New()).ToList();
        foreach (var chunk in units.Chunk(100))
        {
            await ingestor.IngestAsync(Message(chunk), CancellationToken.None);
        }

        long feedbackRequests = 0;
        foreach (var unit in units)
        {
            var answer = await http.GetFromJsonAsync<JsonElement>($"api/subjects/{unit}/restrictions?business={Business}");
            var lookupId = answer.GetProperty("lookupId").GetString()!;
            var measure = answer.GetProperty("reasons")[0].GetProperty("article").GetString()!;
            var body = new JsonObject { ["lookupId"] = lookupId, ["subjectId"] = unit, ["business"] = Business, ["measure"] = measure, ["handling"] = "applied" };
            var before = counter.Requests;
            using var filed = await http.PostAsync("api/feedback", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            feedbackRequests += counter.Requests - before;
            if ((int)filed.StatusCode != 201)
            {
                Console.Error.WriteLine($"partner bench: feedback answered {(int)filed.StatusCode} {await filed.Content.ReadAsStringAsync()}");
                return 1;
            }
        }

        BenchLine.Write(output, "feedback.requestsPerFeedback", Math.Round((double)feedbackRequests / feedbacks, 3), "requests/feedback");

        // Watches: hot subject k is held by exactly the first k watches; every other place of a watch is a subject of its own.
        var hot = Holders.ToDictionary(k => k, _ => Uscc.New());
        var small = Math.Max(Holders.Max(), watchCount / 5);
        var loading = Stopwatch.StartNew();
        await CreateWatchesAsync(http, 0, small, perWatch, hot);
        BenchLine.Write(output, "watch.loadSeconds", Math.Round(loading.Elapsed.TotalSeconds, 1), "s");
        var atSmall = await ChangeCostsAsync(ingestor, fanout, outbox, counter, hot);
        await CreateWatchesAsync(http, small, watchCount, perWatch, hot);
        BenchLine.Write(output, "watch.watches", watchCount, "watches");
        BenchLine.Write(output, "watch.subjectsPerWatch", perWatch, "subjects");
        BenchLine.Write(output, "watch.loadSeconds", Math.Round(loading.Elapsed.TotalSeconds, 1), "s");
        var atFull = await ChangeCostsAsync(ingestor, fanout, outbox, counter, hot);
        foreach (var k in Holders)
        {
            BenchLine.Write(output, $"watch.requestsPerChange.k{k}", atFull[k], "requests/change");
            BenchLine.Write(output, $"watch.requestsPerChange.k{k}.at{small}Watches", atSmall[k], "requests/change");
        }

        BenchLine.Write(output, "watch.requestsPerChangeBeyondHolders", Holders.Max(k => atFull[k] - k), "requests/change");
        await app.StopAsync();
        return Holders.All(k => atFull[k] == atSmall[k]) ? 0 : 1;
    }

    /// <summary>Watches <paramref name="from"/> … <paramref name="to"/> − 1, 8 created at a time through the HTTP route.</summary>
    private static async Task CreateWatchesAsync(HttpClient http, int from, int to, int perWatch, Dictionary<int, string> hot) =>
        await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (w, token) =>
        {
            var subjects = hot.Where(h => w < h.Key).Select(h => h.Value).ToList();
            while (subjects.Count < perWatch)
            {
                subjects.Add(Uscc.New());
            }

            var body = new JsonObject { ["subjects"] = new JsonArray([.. subjects.Select(s => JsonValue.Create(s))]) };
            using var created = await http.PostAsync("api/watches", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"), token);
            if ((int)created.StatusCode != 201)
            {
                throw new InvalidOperationException($"creating watch {w}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync(token)}");
            }
        });

    /// <summary>For each hot subject: a new record of it is stored, then its change is fanned out around the counter.</summary>
    private static async Task<Dictionary<int, long>> ChangeCostsAsync(
        RecordIngestor ingestor, WatchFanout fanout, QueueClient outbox, StorageRequestCounter counter, Dictionary<int, string> hot)
    {
        var costs = new Dictionary<int, long>();
        foreach (var (k, subject) in hot)
        {
            await DrainAsync(outbox);
            await ingestor.IngestAsync(Message([subject]), CancellationToken.None);
            var changes = await DrainAsync(outbox);

            var before = counter.Requests;
            var written = await fanout.FanOutAsync(changes, CancellationToken.None);
            costs[k] = counter.Requests - before;
            if (written != k)
            {
                throw new InvalidOperationException($"a change of a subject held by {k} watches reached {written} feeds");
            }
        }

        return costs;
    }

    /// <summary>Takes every notice off the outbox queue (no push function runs here); returns the change pointers they carried.</summary>
    private static async Task<List<OutboxPointer>> DrainAsync(QueueClient outbox)
    {
        var changes = new List<OutboxPointer>();
        while ((await outbox.ReceiveMessagesAsync(32)).Value is { Length: > 0 } messages)
        {
            foreach (var message in messages)
            {
                var notice = JsonSerializer.Deserialize(message.Body.ToString(), AppJson.Web.OutboxNotice)!;
                changes.AddRange(notice.Events.Where(e => e.IsChange));
                await outbox.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
        }

        return changes;
    }

    /// <summary>Change-to-feed latency under the push bench's load, with every ingested subject watched.</summary>
    private static async Task<int> LatencyAsync(TextWriter output)
    {
        const int records = 5_000, perMessage = 100, perWatch = 100;
        using var azurite = AzuriteServer.Start();
        await using var simulator = PlatformSimulatorApp.Build();
        await simulator.StartAsync();
        var ledger = PlatformSimulatorApp.Ledger(simulator);
        await using var app = BenchHost.Build(["IngestRecords", "PlatformPush", "CreateWatch"], Settings(azurite, PlatformSimulatorApp.BaseAddress(simulator)));
        await app.StartAsync();
        using var http = Client(app);
        var store = app.Services.GetRequiredService<WatchStore>();
        var settle = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WatchOptions>>().Value.Settle;

        var subjects = Enumerable.Range(0, records).Select(_ => Uscc.New()).ToList();
        var watchIds = new List<string>();
        foreach (var chunk in subjects.Chunk(perWatch))
        {
            var body = new JsonObject { ["subjects"] = new JsonArray([.. chunk.Select(s => JsonValue.Create(s))]) };
            using var created = await http.PostAsync("api/watches", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
            watchIds.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("watchId").GetString()!);
        }

        var queue = new QueueClient(azurite.ConnectionString, QueueNames.Ingest, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();
        var enqueuedAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var chunk in subjects.Chunk(perMessage))
        {
            var at = Clock.GetUtcNow();
            await queue.SendMessageAsync(Message(chunk));
            foreach (var s in chunk)
            {
                enqueuedAt[s] = at;
            }
        }

        var wait = Stopwatch.StartNew();
        var readable = new List<double>(records);
        var sinceArrival = new List<double>(records);
        while (true)
        {
            readable.Clear();
            sinceArrival.Clear();
            foreach (var watchId in watchIds)
            {
                var feed = await store.ChangesAsync(watchId, WatchStore.CursorAt(DateTimeOffset.UnixEpoch), WatchStore.CursorAt(DateTimeOffset.MaxValue.AddDays(-1)), 1000, CancellationToken.None);
                foreach (var entry in feed)
                {
                    // Readable once the settle window has passed over its cursor (GET /changes holds younger ones back);
                    // the contract counts from the change being stored (its `at`), the second figure from its arrival.
                    var reached = new DateTimeOffset(long.Parse(entry.Change.Cursor.AsSpan(0, 19), CultureInfo.InvariantCulture), TimeSpan.Zero);
                    readable.Add((reached + settle - entry.Change.At).TotalMilliseconds);
                    sinceArrival.Add((reached + settle - enqueuedAt[entry.Change.SubjectId]).TotalMilliseconds);
                }
            }

            if (readable.Count >= records)
            {
                break;
            }

            if (wait.Elapsed > TimeSpan.FromMinutes(10))
            {
                Console.Error.WriteLine($"partner bench: only {readable.Count} of {records} changes reached the feeds in 10 minutes");
                return 1;
            }

            await Task.Delay(1000);
        }

        var sorted = readable.Order().ToArray();
        var fromArrival = sinceArrival.Order().ToArray();
        BenchLine.Write(output, "watch.changeToFeedP50Ms", Math.Round(Percentile(sorted, 0.50)), "ms");
        BenchLine.Write(output, "watch.changeToFeedP99Ms", Math.Round(Percentile(sorted, 0.99)), "ms");
        BenchLine.Write(output, "watch.arrivalToFeedP50Ms", Math.Round(Percentile(fromArrival, 0.50)), "ms");
        BenchLine.Write(output, "watch.arrivalToFeedP99Ms", Math.Round(Percentile(fromArrival, 0.99)), "ms");
        BenchLine.Write(output, "watch.platformEventsDuringFeedBench", ledger.Stats().Accepted, "events");
        await app.StopAsync();
        return 0;
    }

    private static Dictionary<string, string?> Settings(AzuriteServer azurite, string? platform) => new()
    {
        ["CreditStorage"] = azurite.ConnectionString,
        ["AzureWebJobsStorage"] = azurite.ConnectionString,
        ["Pseudonym:Key"] = "partner-bench-pseudonym-key-0123456789",
        ["Auth:LocalDevelopment"] = "true",
        ["Auth:TrustClientPrincipal"] = "true",
        ["SourceKeys:Directory"] = TestKeys.Directory,
        ["Platform:BaseUrl"] = platform ?? "http://127.0.0.1:9",
    };

    private static HttpClient Client(WebApplication app)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = app.GetBaseAddress(), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add(ClientPrincipalReader.Header, ClientPrincipalReader.Encode(Roles.Partner, objectId: "00000000-0000-4000-8000-0000000bec45", name: "partner bench"));
        return http;
    }

    /// <summary>A signed message of one current admin penalty per unit (listed: a restriction look-up names measures).</summary>
    private static string Message(IEnumerable<string> units)
    {
        var records = new JsonArray();
        foreach (var unit in units)
        {
            records.Add(BenchMessages.AdminPenalty($"PARTNER-{Guid.NewGuid():N}", unit, Clock.GetUtcNow().AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        }

        return BenchMessages.Signed(Source, $"partner-bench-{Guid.NewGuid():N}", Clock.GetUtcNow(), records);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int Option(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
