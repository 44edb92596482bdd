using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CreditFunctions.App.Platform;

/// <summary>The services that deliver outbox events to the municipal credit platform.</summary>
public static class PlatformServices
{
    public static IServiceCollection AddPlatform(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PlatformOptions>().Bind(configuration.GetSection(PlatformOptions.Section));
        // Only asked for a token when Platform__Scope is set (Azure); a test may register its own credential.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton<PlatformTokenSource>();
        // Timeouts are per request (Platform__Timeout); the client's own default of 100 s must not cut in first.
        // Its per-request logs are removed: the push logs each failure itself, and a success is the normal case.
        services.AddHttpClient(PlatformClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan).RemoveAllLoggers();
        services.AddSingleton<PlatformClient>();
        services.AddSingleton<OutboxPusher>();
        services.AddSingleton<OutboxReconciler>();
        return services;
    }
}
