using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CreditFunctions.App;
using CreditFunctions.App.Api;
using CreditFunctions.App.Storage;
using CreditFunctions.DevHost;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Bench.Query;

/// <summary>
/// ./infra/bench query [--subjects N] [--records M]: the partner API over HTTP through the dev host on a private
/// Azurite holding N subjects and M records (default 100,000 and 300,000). Prints one JSON line per figure:
/// credit and restriction latency (p50, p99, one request at a time), 100-subject screening latency, look-ups per
/// second with 16 concurrent clients, and storage requests per look-up (read + access-log insert): credit, restriction,
/// and restriction of a unit whose legal representative's records decide it (art9.2.2).
/// </summary>
public static class QueryBench
{
    /// <summary>The clock the loaded register is dated by; the real one by default.</summary>
    public static TimeProvider Clock { get; set; } = TimeProvider.System;

    private const int Seed = 20240603;
    private const int Concurrency = 16;

    public static async Task<int> RunAsync(string[] args)
    {
        var subjectCount = Option(args, "--subjects", 100_000);
        var recordCount = Option(args, "--records", 300_000);
        var lookups = Option(args, "--lookups", 2_000);
        var screenings = Option(args, "--screenings", 100);

        using var azurite = AzuriteServer.Start();
        // HTTP functions only: no queue listener or timer competes with the look-ups for the two cores.
        await using var app = BenchHost.Build(["SubjectCredit", "SubjectRestrictions", "Screening", "Health"], new Dictionary<string, string?>
        {
            ["CreditStorage"] = azurite.ConnectionString,
            ["Pseudonym:Key"] = "query-bench-pseudonym-key-0123456789abcdef",
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
            ["Auth:TrustClientPrincipal"] = "true",
        }, LogLevel.Warning);
        await app.StartAsync();

        var subjects = QueryDataLoader.Subjects(subjectCount, Seed);
        var loader = ActivatorUtilities.CreateInstance<QueryDataLoader>(app.Services);
        var loading = Stopwatch.StartNew();
        var entities = await loader.LoadAsync(subjects, recordCount, Seed, Clock.GetUtcNow(), CancellationToken.None);
        Print("query.loadSeconds", Math.Round(loading.Elapsed.TotalSeconds, 1), "s");
        Print("query.subjects", subjectCount, "subjects");
        Print("query.records", recordCount, "records");
        Print("query.entities", entities, "entities");

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = app.GetBaseAddress() };
        http.DefaultRequestHeaders.Add(ClientPrincipalReader.Header, ClientPrincipalReader.Encode(Roles.Partner, objectId: "00000000-0000-4000-8000-00000000bec4", name: "query bench"));
        var random = new Random(Seed + 1);
        SubjectId Pick() => subjects[random.Next(subjects.Count)];

        // Warm-up: JIT, connection pool, table provisioning check.
        for (var i = 0; i < 200; i++)
        {
            await Send(http, HttpMethod.Get, $"api/subjects/{Pick().Value}/credit");
            await Send(http, HttpMethod.Get, $"api/subjects/{Pick().Value}/restrictions?business=government-procurement");
        }

        // Credit and restriction look-ups alternate, so neither is measured in a quieter moment of Azurite than the other.
        // Every fourth restriction look-up asks whether a unit with a legal representative may be a youth internship
        // base (art9.2.2), answered from the copies in the unit's partition. Storage requests are counted around each.
        var represented = QueryDataLoader.Represented(subjects).Select(p => p.Unit).ToList();
        var counter = app.Services.GetRequiredService<StorageRequestCounter>();
        var credit = new LatencySample();
        var restriction = new LatencySample();
        long creditRequests = 0, restrictionRequests = 0, representedRequests = 0, representedLookups = 0;
        for (var i = 0; i < lookups; i++)
        {
            var before = counter.Requests;
            credit.Add(await Send(http, HttpMethod.Get, $"api/subjects/{Pick().Value}/credit"));
            creditRequests += counter.Requests - before;
            before = counter.Requests;
            if (i % 4 == 3 && represented.Count > 0)
            {
                restriction.Add(await Send(http, HttpMethod.Get, $"api/subjects/{represented[random.Next(represented.Count)].Value}/restrictions?business=youth-internship-base"));
                representedRequests += counter.Requests - before;
                representedLookups++;
            }
            else
            {
                restriction.Add(await Send(http, HttpMethod.Get, $"api/subjects/{Pick().Value}/restrictions?business=government-procurement"));
            }

            restrictionRequests += counter.Requests - before;
        }

        var requestsPerLookup = (double)(creditRequests + restrictionRequests) / (2 * lookups);
        var maxPerLookup = Math.Max((double)creditRequests / lookups, Math.Max((double)restrictionRequests / lookups,
            representedLookups == 0 ? 0 : (double)representedRequests / representedLookups));

        var screening = new LatencySample();
        counter.Reset();
        for (var i = 0; i < screenings; i++)
        {
            var body = JsonSerializer.Serialize(Enumerable.Range(0, 100).Select(_ => Pick().Value).ToArray());
            screening.Add(await Send(http, HttpMethod.Post, "api/screenings", $$"""{"business":"government-procurement","subjects":{{body}}}"""));
        }

        var requestsPerScreening = (double)counter.Requests / screenings;

        // Throughput: 16 clients, each a credit look-up after the other, for a fixed number of look-ups.
        var picks = Enumerable.Range(0, lookups * 2).Select(_ => Pick().Value).ToArray();
        var next = -1;
        var throughput = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < picks.Length)
            {
                await Send(http, HttpMethod.Get, $"api/subjects/{picks[i]}/credit");
            }
        }));
        var perSecond = picks.Length / throughput.Elapsed.TotalSeconds;

        Print("query.creditP50Ms", credit.Percentile(50), "ms");
        Print("query.creditP99Ms", credit.Percentile(99), "ms");
        Print("query.restrictionP50Ms", restriction.Percentile(50), "ms");
        Print("query.restrictionP99Ms", restriction.Percentile(99), "ms");
        Print("query.screeningP50Ms", screening.Percentile(50), "ms");
        Print("query.screeningP99Ms", screening.Percentile(99), "ms");
        Print("query.lookupsPerSecond", Math.Round(perSecond, 1), "lookups/s");
        Print("query.requestsPerLookup", Math.Round(requestsPerLookup, 3), "requests/lookup");
        Print("query.requestsPerCreditLookup", Math.Round((double)creditRequests / lookups, 3), "requests/lookup");
        Print("query.requestsPerRestrictionLookup", Math.Round((double)restrictionRequests / lookups, 3), "requests/lookup");
        Print("query.requestsPerRepresentedUnitLookup", representedLookups == 0 ? 0 : Math.Round((double)representedRequests / representedLookups, 3), "requests/lookup");
        Print("query.requestsPerScreening", Math.Round(requestsPerScreening, 1), "requests/screening");
        await app.StopAsync();
        return maxPerLookup <= 2 ? 0 : 1;
    }

    private static async Task<TimeSpan> Send(HttpClient http, HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        var clock = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = clock.Elapsed;
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return elapsed;
    }

    private static void Print(string name, double value, string unit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""{"bench":"{{name}}","value":{{value}},"unit":"{{unit}}"}"""));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
