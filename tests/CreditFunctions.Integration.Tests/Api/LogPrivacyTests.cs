using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CreditFunctions.App;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>An individual's ID number never reaches a log (docs/rules.md "Subjects"), whatever route looks them up.</summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task Looking_up_an_individual_on_every_route_logs_no_id_number()
    {
        var logs = new CapturingLoggerProvider();
        await using var services = Build(logs);
        var person = Subjects.NewIdNumber();
        var sourceRecordId = $"AP-{Guid.NewGuid():N}";
        var record = RecordsMessage.AdminPenalty(Subjects.NewUscc(), sourceRecordId);
        record["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "张三" };
        await services.GetRequiredService<RecordIngestor>().IngestAsync(RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(record).Json(), CancellationToken.None);
        var recordId = RecordIds.For("SH-HRSS-ENFORCEMENT", sourceRecordId);
        logs.Clear();

        T Function<T>() => ActivatorUtilities.CreateInstance<T>(services);
        HttpAnswer[] answers =
        [
            HttpAnswer.Of(await Function<CreditFunction>().Run(Request(services, $"/api/subjects/{person}/credit", Principals.Partner), person, CancellationToken.None)),
            HttpAnswer.Of(await Function<CreditFunction>().Run(Request(services, $"/api/subjects/{person}/credit", Principals.Subject(person)), person, CancellationToken.None)),
            HttpAnswer.Of(await Function<RestrictionFunction>().Run(
                Request(services, $"/api/subjects/{person}/restrictions", Principals.Partner, "business=tendering-bidding"), person, CancellationToken.None)),
            HttpAnswer.Of(await Function<ScreeningFunction>().Run(
                Request(services, "/api/screenings", Principals.Partner, body: $$"""{"business":"tendering-bidding","subjects":["{{person}}","{{person[..17]}}0"]}"""),
                CancellationToken.None)),
            HttpAnswer.Of(await Function<RecordFunction>().Run(Request(services, $"/api/records/{recordId}", Principals.Unit("SH-HRSS-ENFORCEMENT")), recordId, CancellationToken.None)),
            HttpAnswer.Of(await Function<AccessLogFunction>().Run(Request(services, $"/api/subjects/{person}/access-log", Principals.Subject(person)), person, CancellationToken.None)),
        ];

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        Assert.NotEmpty(logs.Entries); // the routes do log: the check below is not vacuous
        Assert.Contains(logs.Entries, e => e.Contains("Credit look-up", StringComparison.Ordinal));
        Assert.All(logs.Entries, e => Assert.DoesNotContain(person, e));
        Assert.All(logs.Entries, e => Assert.DoesNotContain(person[..17], e));
    }

    private static ServiceProvider Build(CapturingLoggerProvider logs)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CreditStorage"] = AzuriteServer.Shared.ConnectionString,
            ["Pseudonym:Key"] = CreditApp.PseudonymKey,
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
            ["Auth:TrustClientPrincipal"] = "true",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCreditFunctions(configuration);
        services.AddSingleton<TimeProvider>(clock);
        return services.BuildServiceProvider();
    }

    private static Microsoft.AspNetCore.Http.HttpRequest Request(IServiceProvider services, string path, string principal, string? query = null, string? body = null)
    {
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = services };
        context.Request.Method = body is null ? "GET" : "POST";
        context.Request.Path = path;
        if (query is not null)
        {
            context.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?" + query);
        }

        context.Request.Headers[ClientPrincipalReader.Header] = principal;
        if (body is not null)
        {
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(body));
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }

    /// <summary>Every log message with its structured values and exception, as text.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IReadOnlyList<string> Entries => _entries.ToList();

        public void Clear() => _entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                entries.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)} [{values}] {exception}");
            }
        }
    }
}
