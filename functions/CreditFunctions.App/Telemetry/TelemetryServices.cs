using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// What the worker adds to Application Insights, for Program to call after
/// <c>AddApplicationInsightsTelemetryWorkerService()</c> and <c>ConfigureFunctionsApplicationInsights()</c>. The dev host
/// never calls it (it has no Application Insights); <c>AddCreditFunctions</c> stays the same for both.
/// </summary>
public static class TelemetryServices
{
    /// <summary>The Application Insights logger provider's name, whose default rule passes only warnings.</summary>
    private const string ApplicationInsightsLoggerProvider = "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    public static IServiceCollection AddCreditTelemetry(this IServiceCollection services)
    {
        // Every item is scrubbed of ID numbers before it is sent (IdNumberTelemetryProcessor).
        services.AddApplicationInsightsTelemetryProcessor<IdNumberTelemetryProcessor>();
        services.AddHostedService<ApplicationInsightsMetrics>();
        // The SDK adds a rule that sends only warnings and worse; the app's own information logs (a message applied, a new
        // catalogue in force) are what operators read, so the general rules decide, including AddCreditFunctions'
        // ASP.NET Core request logging turned down to warnings (URLs carry ID numbers).
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r => r.ProviderName == ApplicationInsightsLoggerProvider && r.CategoryName is null);
            if (rule is not null)
            {
                options.Rules.Remove(rule);
            }
        });
        return services;
    }
}
