using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>
/// Builds the dev host: an ASP.NET Core app that runs the [Function] classes of a functions assembly with the
/// Functions host's documented behaviour for HTTP, Storage Queue and Timer triggers, against Azurite or Azure Storage.
/// </summary>
public static partial class DevHostBuilder
{
    /// <param name="options">Ports, settings, host.json location, clock.</param>
    /// <param name="functionsAssembly">The functions app; its public [Function] methods are discovered.</param>
    /// <param name="addServices">The app's own service registration, the same method its Program calls.</param>
    /// <exception cref="FunctionConfigurationException">A function cannot be run as Azure would run it.</exception>
    public static WebApplication Build(DevHostOptions options, Assembly functionsAssembly,
        Action<IServiceCollection, IConfiguration> addServices)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(functionsAssembly);
        ArgumentNullException.ThrowIfNull(addServices);

        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = options.Args,
            ContentRootPath = AppContext.BaseDirectory,
            // Core Tools runs the app as Development unless told otherwise.
            EnvironmentName = Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT") ?? Environments.Development,
        });
        AddSettings(builder.Configuration, options);
        options.ConfigureLogging?.Invoke(builder.Logging);

        string hostJsonPath = options.HostJsonPath ??
                              Path.Combine(Path.GetDirectoryName(functionsAssembly.Location) ?? AppContext.BaseDirectory, "host.json");
        HostJsonSettings hostJson = HostJsonSettings.Load(hostJsonPath);
        Functions functions = Resolve(Select(FunctionCatalog.Discover(functionsAssembly), options.Functions),
            hostJson, new AppSettings(builder.Configuration));

        addServices(builder.Services, builder.Configuration);
        // Timer triggers run on options.TimeProvider; functions see the same clock unless the app registered its own.
        builder.Services.TryAddSingleton(options.TimeProvider);
        // The ASP.NET Core integration executes IActionResult with MVC's result executors (JSON formatters included).
        builder.Services.AddMvcCore();
        builder.Services.AddSingleton<FunctionInvoker>();
        foreach (QueueFunction queue in functions.Queues)
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<QueueTriggerListener>(
                sp, queue, hostJson.Queues, options.QueueMessageLease));
        }

        foreach (TimerFunction timer in functions.Timers)
        {
            builder.Services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<TimerTriggerScheduler>(
                sp, timer, options.TimeProvider));
        }

        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));

        WebApplication app = builder.Build();
        HttpTriggerEndpoints.Map(app, functions.Http);
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, functions, hostJson, hostJsonPath));
        return app;
    }

    private static void AddSettings(ConfigurationManager configuration, DevHostOptions options)
    {
        if (options.LocalSettingsPath is { } path)
        {
            // Lowest precedence: environment variables, command line and explicit settings all win (Core Tools
            // does not overwrite an existing environment variable with a local.settings.json value).
            configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
            {
                InitialData = LocalSettings.Load(path),
            });
        }

        configuration.AddInMemoryCollection(options.Settings);
    }

    private static IReadOnlyList<DiscoveredFunction> Select(IReadOnlyList<DiscoveredFunction> all, IReadOnlyCollection<string>? names)
    {
        if (names is null)
        {
            return all;
        }

        string[] unknown = names.Where(n => !all.Any(f => string.Equals(f.Name, n, StringComparison.OrdinalIgnoreCase))).ToArray();
        if (unknown.Length > 0)
        {
            throw new FunctionConfigurationException(unknown.Select(n => $"Function '{n}': not found in the functions assembly").ToList());
        }

        return all.Where(f => names.Contains(f.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    private sealed record Functions(List<HttpFunction> Http, List<QueueFunction> Queues, List<TimerFunction> Timers);

    private static Functions Resolve(IReadOnlyList<DiscoveredFunction> discovered, HostJsonSettings hostJson, AppSettings settings)
    {
        var problems = discovered.SelectMany(f => f.Problems.Select(p => $"Function '{f.Name}': {p}")).ToList();
        var result = new Functions([], [], []);
        foreach (DiscoveredFunction f in discovered.Where(f => f.Problems.Count == 0))
        {
            try
            {
                switch (f.Trigger)
                {
                    case HttpTriggerAttribute:
                        result.Http.Add(HttpTriggerEndpoints.Resolve(f, hostJson.RoutePrefix));
                        break;
                    case QueueTriggerAttribute q:
                        string queue = settings.Resolve(q.QueueName, f.Name, "the queue name").ToLowerInvariant();
                        if (!QueueName().IsMatch(queue) || queue.Length is < 3 or > 63 - 7)
                        {
                            throw new FunctionConfigurationException(f.Name,
                                $"'{queue}' is not a valid queue name (3-56 characters so '-poison' fits; lowercase letters, digits, single hyphens)");
                        }

                        result.Queues.Add(new QueueFunction(f, queue, settings.StorageConnectionString(q.Connection, f.Name)));
                        break;
                    case TimerTriggerAttribute t:
                        string expression = settings.Resolve(t.Schedule, f.Name, "the schedule");
                        try
                        {
                            result.Timers.Add(new TimerFunction(f, TimerSchedule.Parse(expression), t.RunOnStartup));
                        }
                        catch (FormatException ex)
                        {
                            throw new FunctionConfigurationException(f.Name, ex.Message);
                        }

                        break;
                }
            }
            catch (FunctionConfigurationException ex)
            {
                problems.AddRange(ex.Problems);
            }
        }

        return problems.Count > 0 ? throw new FunctionConfigurationException(problems) : result;
    }

    private static void Announce(WebApplication app, Functions functions, HostJsonSettings hostJson, string hostJsonPath)
    {
        ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CreditFunctions.DevHost");
        log.LogInformation("Dev host: host.json {Path}; queues {Queues}; routePrefix '{Prefix}'.",
            hostJsonPath, hostJson.Queues, hostJson.RoutePrefix);
        if (functions.Http.Count > 0)
        {
            log.LogWarning("Function keys are not enforced locally (AuthorizationLevel is ignored), as with Core Tools.");
        }

        if (hostJson.FunctionTimeout is { } timeout)
        {
            log.LogWarning("functionTimeout ({Timeout}) is not enforced by the dev host.", timeout);
        }

        log.LogInformation("{Functions}", FunctionListing.Format(app.GetBaseAddress(), functions.Http, functions.Queues, functions.Timers));
    }

    [GeneratedRegex("^[a-z0-9](-?[a-z0-9])*$")]
    private static partial Regex QueueName();
}

public static class DevHostApplicationExtensions
{
    /// <summary>The address Kestrel actually listens on (useful with port 0), e.g. http://127.0.0.1:7071/.</summary>
    public static Uri GetBaseAddress(this WebApplication app)
    {
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                         ?? throw new InvalidOperationException("The dev host is not listening yet; call StartAsync first.");
        return new Uri(address.EndsWith('/') ? address : address + "/");
    }
}
