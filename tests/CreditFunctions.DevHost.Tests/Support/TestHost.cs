using Azure.Storage.Queues;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost.Tests.Support;

/// <summary>A dev host over the sample functions of this assembly, on a free port, against the shared Azurite.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly DirectoryInfo _dir;

    private TestHost(WebApplication app, Probe probe, CapturedLogs logs, DirectoryInfo dir)
    {
        _app = app;
        _dir = dir;
        Probe = probe;
        Logs = logs;
        BaseAddress = app.GetBaseAddress();
        Http = new HttpClient { BaseAddress = BaseAddress };
    }

    public Probe Probe { get; }

    public CapturedLogs Logs { get; }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static string ConnectionString => AzuriteServer.Shared.ConnectionString;

    /// <summary>Builds and starts a host running only <paramref name="functions"/> (like func start --functions).</summary>
    public static async Task<TestHost> StartAsync(string hostJson, string[] functions,
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, TimeSpan? lease = null)
    {
        var probe = new Probe();
        var logs = new CapturedLogs();
        DirectoryInfo dir = Directory.CreateTempSubdirectory("devhost-test-");
        string hostJsonPath = Path.Combine(dir.FullName, "host.json");
        await File.WriteAllTextAsync(hostJsonPath, hostJson);
        WebApplication app = DevHostBuilder.Build(Options(hostJsonPath, functions, settings, time, lease, logs),
            typeof(TestHost).Assembly, (services, _) => services.AddSingleton(probe));
        await app.StartAsync();
        return new TestHost(app, probe, logs, dir);
    }

    /// <summary>Options as the tests use them; Build is called by the test when it expects a refusal.</summary>
    public static DevHostOptions Options(string hostJsonPath, string[]? functions,
        IDictionary<string, string?>? settings = null, TimeProvider? time = null, TimeSpan? lease = null,
        CapturedLogs? logs = null)
    {
        var all = new Dictionary<string, string?> { ["AzureWebJobsStorage"] = ConnectionString };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new DevHostOptions
        {
            HostJsonPath = hostJsonPath,
            Port = 0,
            Functions = functions,
            Settings = all,
            TimeProvider = time ?? TimeProvider.System,
            QueueMessageLease = lease ?? TimeSpan.FromMinutes(10),
            ConfigureLogging = logging =>
            {
                logging.ClearProviders();
                logging.SetMinimumLevel(LogLevel.Debug);
                logging.AddFilter("Microsoft", LogLevel.Warning);
                if (logs is not null)
                {
                    logging.AddProvider(logs);
                }
            },
        };
    }

    public static QueueClient Queue(string name, QueueMessageEncoding encoding = QueueMessageEncoding.None) =>
        new(ConnectionString, name, new QueueClientOptions { MessageEncoding = encoding });

    /// <summary>A queue name of its own per test: tests share one Azurite.</summary>
    public static string UniqueQueue(string purpose)
    {
        string name = $"t-{purpose}-{Guid.NewGuid():N}";
        return name.Length <= 48 ? name : name[..48];
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _dir.Delete(recursive: true);
    }
}
