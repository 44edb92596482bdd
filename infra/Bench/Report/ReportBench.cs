using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CreditFunctions.App.Api;
using CreditFunctions.App.Reports;
using CreditFunctions.App.Storage;
using CreditFunctions.Bench.Query;
using CreditFunctions.Bench.Sweep;
using CreditFunctions.DevHost;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Bench.Report;

/// <summary>
/// ./infra/bench report [--subjects N] [--records M] [--reports R]: credit reports over HTTP through the dev host on a
/// private Azurite holding N subjects and M records (default 2,000 and 6,000, loaded as the query bench loads them).
/// R times (default 300) a subject asks for its report, then someone with no identity checks it by number and code.
/// Storage requests are counted around each call (the app's own counter): issuing is the credit read, the access-log
/// insert and the report's insert; checking is the report's read, the credit read and the access-log insert. Prints
/// report.requestsPerIssue, report.requestsPerVerify and report.requestsPerReport (the larger of the two: what one
/// report call costs at most on average), with latencies; exits 1 when requestsPerReport is over 3.
/// </summary>
public static class ReportBench
{
    private const int Seed = 20261201;
    private const double Budget = 3;

    public static async Task<int> RunAsync(string[] args)
    {
        var subjectCount = Option(args, "--subjects", 2_000);
        var recordCount = Option(args, "--records", 6_000);
        var reports = Option(args, "--reports", 300);

        using var azurite = AzuriteServer.Start();
        ReportSigningKey.Generate(out var signingKey);
        // The report routes only: no queue listener or timer competes for the two cores.
        await using var app = BenchHost.Build([nameof(App.Api.Routes.ApiRoutes.IssueReport), nameof(App.Api.Routes.ApiRoutes.VerifyReport)], new Dictionary<string, string?>
        {
            ["CreditStorage"] = azurite.ConnectionString,
            ["Pseudonym:Key"] = "report-bench-pseudonym-key-0123456789abcdef",
            ["Auth:LocalDevelopment"] = "true",
            ["Auth:TrustClientPrincipal"] = "true",
            ["SourceKeys:Directory"] = TestKeys.Directory,
            ["Reports:SigningKey"] = signingKey,
        }, LogLevel.Warning);
        await app.StartAsync();

        var subjects = QueryDataLoader.Subjects(subjectCount, Seed);
        var loader = ActivatorUtilities.CreateInstance<QueryDataLoader>(app.Services);
        await loader.LoadAsync(subjects, recordCount, Seed, TimeProvider.System.GetUtcNow(), CancellationToken.None);

        using var http = new HttpClient { BaseAddress = app.GetBaseAddress() };
        var random = new Random(Seed + 1);
        SubjectId Pick() => subjects[random.Next(subjects.Count)];

        // Warm-up: JIT, the connection pool, the table provisioning check.
        for (var i = 0; i < 20; i++)
        {
            var (id, code) = await IssueAsync(http, Pick());
            await VerifyAsync(http, id, code);
        }

        var counter = app.Services.GetRequiredService<StorageRequestCounter>();
        long issueRequests = 0, verifyRequests = 0;
        var issuing = new LatencySample();
        var verifying = new LatencySample();
        for (var i = 0; i < reports; i++)
        {
            var before = counter.Requests;
            var clock = Stopwatch.StartNew();
            var (id, code) = await IssueAsync(http, Pick());
            issuing.Add(clock.Elapsed);
            issueRequests += counter.Requests - before;

            before = counter.Requests;
            clock.Restart();
            await VerifyAsync(http, id, code);
            verifying.Add(clock.Elapsed);
            verifyRequests += counter.Requests - before;
        }

        var perIssue = (double)issueRequests / reports;
        var perVerify = (double)verifyRequests / reports;
        var perReport = Math.Max(perIssue, perVerify);
        BenchLine.Write(Console.Out, "report.reports", reports, "reports");
        BenchLine.Write(Console.Out, "report.issueP50Ms", issuing.Percentile(50), "ms");
        BenchLine.Write(Console.Out, "report.issueP99Ms", issuing.Percentile(99), "ms");
        BenchLine.Write(Console.Out, "report.verifyP50Ms", verifying.Percentile(50), "ms");
        BenchLine.Write(Console.Out, "report.verifyP99Ms", verifying.Percentile(99), "ms");
        BenchLine.Write(Console.Out, "report.requestsPerIssue", perIssue, "requests/report");
        BenchLine.Write(Console.Out, "report.requestsPerVerify", perVerify, "requests/report");
        BenchLine.Write(Console.Out, "report.requestsPerReport", perReport, "requests/report");
        await app.StopAsync();
        return perReport <= Budget ? 0 : 1;
    }

    private static async Task<(string Id, string Code)> IssueAsync(HttpClient http, SubjectId subject)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/subjects/{subject.Value}/reports");
        request.Headers.Add(ClientPrincipalReader.Header, ClientPrincipalReader.Encode(Roles.Subject, subject: subject.Value));
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if ((int)response.StatusCode != 201)
        {
            throw new InvalidOperationException($"POST /api/subjects/{{id}}/reports: {(int)response.StatusCode} {body}");
        }

        using var json = JsonDocument.Parse(body);
        return (json.RootElement.GetProperty("reportId").GetString()!, json.RootElement.GetProperty("verificationCode").GetString()!);
    }

    /// <summary>As whoever was handed the report: no identity at all.</summary>
    private static async Task VerifyAsync(HttpClient http, string reportId, string code)
    {
        using var response = await http.GetAsync($"api/reports/{reportId}?code={Uri.EscapeDataString(code)}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"GET /api/reports/{{reportId}}: {(int)response.StatusCode} {body}");
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
