using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// Application Insights for the worker, called by Program and nothing else: the dev host and the tests have no
/// Application Insights, and <c>AddCreditFunctions</c> stays the same for every host (docs/operations.md, "Telemetry").
/// </summary>
public static class TelemetryServices
{
    /// <summary>The Application Insights logger provider's name, whose default rule passes only warnings.</summary>
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// The isolated worker guide's two calls, then what this app adds: dependency telemetry (every storage and platform
    /// call), the ID-number scrub of every item (<see cref="IdNumberTelemetryProcessor"/>), the custom metrics
    /// (<see cref="ApplicationInsightsMetrics"/>) and the app's information logs. The connection string and Entra
    /// authentication come from <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> and <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>;
    /// without a connection string nothing is sent.
    /// </summary>
    public static IServiceCollection AddCreditApplicationInsights(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService(options => options.EnableDependencyTrackingTelemetryModule = true);
        services.ConfigureFunctionsApplicationInsights();
        // Processors registered here come before the SDK's metric extraction, Live Metrics and sampling in the chain, so
        // those see scrubbed items only.
        services.AddApplicationInsightsTelemetryProcessor<IdNumberTelemetryProcessor>();
        services.AddHostedService<ApplicationInsightsMetrics>();
        // The SDK adds a rule that sends only warnings and worse; the app's own information logs (a message applied, a new
        // catalogue in force) are what operators read, so the general rules decide, including AddCreditFunctions'
        // ASP.NET Core request logging turned down to warnings (URLs carry ID numbers).
        services.Configure<LoggerFilterOptions>(options =>
        {
            foreach (var rule in options.Rules.Where(r => r.ProviderName == ApplicationInsightsLoggerProvider && string.IsNullOrEmpty(r.CategoryName)).ToList())
            {
                options.Rules.Remove(rule);
            }
        });
        return services;
    }
}
