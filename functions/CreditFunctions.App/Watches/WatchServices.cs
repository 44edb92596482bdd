using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.App.Watches;

/// <summary>The partner loop's services: watches with their fan-out and callbacks, and enforcement feedback.</summary>
public static class WatchServices
{
    public static IServiceCollection AddWatchesAndFeedback(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WatchOptions>()
            .Bind(configuration.GetSection(WatchOptions.Section))
            .PostConfigure(o =>
            {
                // Local development (./infra/run, the tests) calls back receivers on 127.0.0.1 over plain http, unless told otherwise.
                if (configuration[$"{WatchOptions.Section}:{nameof(WatchOptions.AllowLoopbackHttp)}"] is null)
                {
                    o.AllowLoopbackHttp = bool.TryParse(configuration[Api.AuthTrust.LocalDevelopmentKey], out var local) && local;
                }
            });
        services.AddSingleton<WatchDesk>();
        services.AddSingleton<WatchDeliveries>();
        services.AddSingleton<WatchFanout>();
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<WebhookDeliverer>();
        services.AddHttpClient(WebhookClient.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(sp =>
                WebhookClient.Handler(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<WatchOptions>>().Value.AllowLoopbackHttp))
            .RemoveAllLoggers();
        services.AddSingleton<Feedback.FeedbackDesk>();
        return services;
    }
}
