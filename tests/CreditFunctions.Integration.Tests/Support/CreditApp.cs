using Azure.Data.Tables;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>
/// The app's own service registration (the one Program calls) on a real Azurite, with a clock tests can move.
/// Function classes are created from it exactly as a host would, and called directly.
/// </summary>
public sealed class CreditApp : IAsyncDisposable
{
    public const string PseudonymKey = "integration-tests-pseudonym-key-0123456789";

    /// <summary>The register key the tests sign credit reports with (PKCS#8 PEM), made once per test run: never a real one.</summary>
    public static readonly string ReportSigningKey = NewReportKey();

    private CreditApp(ServiceProvider services, FakeTimeProvider clock, string connectionString)
    {
        Services = services;
        Clock = clock;
        ConnectionString = connectionString;
    }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Clock { get; }

    public string ConnectionString { get; }

    /// <summary>A fresh app on the shared Azurite; the clock starts at 10:00 China time on <paramref name="today"/>.</summary>
    public static async Task<CreditApp> StartAsync(
        DateOnly? today = null, IDictionary<string, string?>? settings = null, string? connectionString = null, Action<IServiceCollection>? configure = null)
    {
        var day = today ?? new DateOnly(2024, 6, 3);
        var clock = new FakeTimeProvider(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));
        var connection = connectionString ?? AzuriteServer.Shared.ConnectionString;
        var values = new Dictionary<string, string?>
        {
            ["CreditStorage"] = connection,
            ["Pseudonym:Key"] = PseudonymKey,
            ["Auth:TrustClientPrincipal"] = "true",
            // Tests are local development: the principal header is trusted (fail closed everywhere else).
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = TestKeys.Directory,
            ["Reports:SigningKey"] = ReportSigningKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCreditFunctions(configuration);
        services.AddSingleton<TimeProvider>(clock);
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return new CreditApp(provider, clock, connection);
    }

    public static string NewReportKey()
    {
        App.Reports.ReportSigningKey.Generate(out var pem);
        return pem;
    }

    public T Function<T>() => ActivatorUtilities.CreateInstance<T>(Services);

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public TableClient Table(string name) => new TableServiceClient(ConnectionString).GetTableClient(name);

    public QueueClient Queue(string name) => new(ConnectionString, name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });

    public void SetToday(DateOnly day) =>
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

    public ValueTask DisposeAsync() => Services.DisposeAsync();

    /// <summary>An HTTP request as the ASP.NET Core integration hands it to a function.</summary>
    public HttpRequest Request(string path, string? query = null, string? principal = null, string method = "GET", string? body = null)
    {
        var context = new DefaultHttpContext { RequestServices = Services };
        context.Request.Method = method;
        context.Request.Path = path;
        if (query is not null)
        {
            context.Request.QueryString = new QueryString(query.StartsWith('?') ? query : "?" + query);
        }

        if (principal is not null)
        {
            context.Request.Headers[App.Api.ClientPrincipalReader.Header] = principal;
        }

        if (body is not null)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(body);
            context.Request.Body = new MemoryStream(bytes);
            context.Request.ContentLength = bytes.Length;
            context.Request.ContentType = "application/json";
        }

        return context.Request;
    }
}

/// <summary>What a function answered: status, content type and body, read from the IActionResult it returned.</summary>
public sealed record HttpAnswer(int Status, string? ContentType, string Body)
{
    /// <summary>The headers a document answer carries (<see cref="App.Api.Routes.DocumentResult"/>); none for the others.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static HttpAnswer Of(IActionResult result) => result switch
    {
        ContentResult c => new HttpAnswer(c.StatusCode ?? 200, c.ContentType, c.Content ?? ""),
        App.Api.Routes.DocumentResult d => new HttpAnswer(200, d.ContentType, System.Text.Encoding.UTF8.GetString(d.Content.Span)) { Headers = d.Headers },
        StatusCodeResult s => new HttpAnswer(s.StatusCode, null, ""),
        _ => throw new InvalidOperationException($"Unexpected result type {result.GetType().Name}"),
    };

    public System.Text.Json.JsonElement Json => System.Text.Json.JsonDocument.Parse(Body).RootElement;
}
