using System.Collections.Concurrent;
using System.Text;
using CreditFunctions.App;
using CreditFunctions.App.Telemetry;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using AiJson = Microsoft.ApplicationInsights.Extensibility.Implementation.JsonSerializer;

namespace CreditFunctions.Integration.Tests.Telemetry;

/// <summary>
/// The worker's Application Insights as Program sets it up (AddCreditApplicationInsights, then AddCreditFunctions), with
/// a channel that keeps what would be sent: items from the SDK and from the app's logs come out scrubbed, the app's
/// information logs get through, ASP.NET Core's request lines do not, and the custom metrics arrive.
/// </summary>
public sealed class TelemetryWiringTests
{
    [Fact]
    public async Task What_the_worker_would_send_is_scrubbed_and_carries_the_apps_logs_and_metrics()
    {
        var person = Subjects.NewIdNumber();
        var channel = new CapturingChannel();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CreditStorage"] = AzuriteServer.Shared.ConnectionString,
            ["Pseudonym:Key"] = CreditApp.PseudonymKey,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<ITelemetryChannel>(channel);
        services.AddCreditApplicationInsights();
        // No traffic leaves the machine: the channel keeps everything, Live Metrics and the heartbeat stay off.
        services.Configure<ApplicationInsightsServiceOptions>(options =>
        {
            options.ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
            options.EnableQuickPulseMetricStream = false;
            options.EnableHeartbeat = false;
        });
        services.AddCreditFunctions(configuration);
        await using var provider = services.BuildServiceProvider();
        var metrics = provider.GetServices<IHostedService>().OfType<ApplicationInsightsMetrics>().Single();
        await metrics.StartAsync(CancellationToken.None);
        var client = provider.GetRequiredService<TelemetryClient>();
        var loggers = provider.GetRequiredService<ILoggerFactory>();

        client.TrackDependency(new DependencyTelemetry("Http", "127.0.0.1:7071", $"GET /api/subjects/{person}/credit", $"http://127.0.0.1:7071/api/subjects/{person}/credit"));
        client.TrackException(new InvalidOperationException($"failed for {person}"));
        loggers.CreateLogger("CreditFunctions.App.Api.CreditFunction").LogInformation("Looked up {Subject} for {Business}", person, "tendering-bidding");
        loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").LogInformation("Request starting GET /api/subjects/{Id}/credit", person);
        OperationsMetrics.Lookup("subjects/{id}/credit", "partner");
        await metrics.StopAsync(CancellationToken.None);

        var items = channel.Items.ToArray();
        var sent = Encoding.UTF8.GetString(AiJson.Serialize(items, compress: false));
        Assert.DoesNotContain(person, sent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(person, Uri.UnescapeDataString(sent), StringComparison.OrdinalIgnoreCase);
        var dependency = Assert.Single(items.OfType<DependencyTelemetry>(), d => d.Target == "127.0.0.1:7071");
        Assert.Equal("http://127.0.0.1:7071/api/subjects/{id}/credit", dependency.Data);
        Assert.Contains(items.OfType<ExceptionTelemetry>(), e => e.ExceptionDetailsInfoList[0].Message.Contains(IdNumberScrubber.Mask(person), StringComparison.Ordinal));
        var trace = Assert.Single(items.OfType<TraceTelemetry>(), t => t.Message.StartsWith("Looked up", StringComparison.Ordinal));
        Assert.Equal(IdNumberScrubber.Mask(person), trace.Properties["Subject"]);
        Assert.DoesNotContain(items.OfType<TraceTelemetry>(), t => t.Message.StartsWith("Request starting", StringComparison.Ordinal));
        Assert.Contains(items.OfType<MetricTelemetry>(), m => m.Name == "Lookups" && m.Properties.TryGetValue("route", out var route) && route == "subjects/{id}/credit");
    }

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string? EndpointAddress { get; set; }

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
