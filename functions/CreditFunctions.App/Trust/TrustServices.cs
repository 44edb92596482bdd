using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Trust;

/// <summary>
/// The proof of sender's services, for <c>AddCreditFunctions</c> to call once ingestion uses them (not wired yet):
/// the key registry from <c>SourceKeys:Directory</c>, <c>Ingest:UnsignedSources</c>, the verifier, and a start-up
/// check so that a malformed key file stops the app at start, naming the file.
/// </summary>
public static class TrustServices
{
    public const string DirectoryKey = "SourceKeys:Directory";

    public static IServiceCollection AddSourceTrust(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(_ => SenderProofOptions.FromConfiguration(configuration));
        if (ConfigData.ConfigDataOptions.NamesContainer(configuration))
        {
            // In Azure: source-keys/{unit code}.jwks.json of the ConfigData__ContainerUri container, checked by ETag (docs/operations.md).
            services.AddConfigData(configuration);
            services.AddSingleton<ISourceKeys>(sp => sp.GetRequiredService<ConfigData.ConfigDataMonitor>().SourceKeys!);
            services.AddSingleton<SignedMessageVerifier>();
            services.AddHostedService<SourceKeysStartupCheck>();
            return services;
        }

        services.AddSingleton(sp =>
        {
            var directory = configuration[DirectoryKey];
            if (string.IsNullOrWhiteSpace(directory))
            {
                throw new SourceKeyLoadException(
                    [$"{DirectoryKey} (env SourceKeys__Directory) is not set: it names the folder of the units' {{unit code}}.jwks.json files"]);
            }

            return SourceKeyRegistry.Load(
                directory,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger("CreditFunctions.SourceKeys"),
                time: sp.GetService<TimeProvider>());
        });
        services.AddSingleton<ISourceKeys>(sp => sp.GetRequiredService<SourceKeyRegistry>());
        services.AddSingleton<SignedMessageVerifier>();
        services.AddHostedService<SourceKeysStartupCheck>();
        return services;
    }
}

/// <summary>Loads the key registry when the app starts, so a malformed key file stops it then, with every problem.</summary>
public sealed class SourceKeysStartupCheck(IServiceProvider services, ILogger<SourceKeysStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var registry = services.GetRequiredService<ISourceKeys>();
            logger.LogInformation("Source keys in force: {Kids}", string.Join(", ", registry.Current.Keys.Select(k => k.Kid)));
        }
        catch (SourceKeyLoadException e)
        {
            logger.LogCritical("The source key registry is broken; the app will not start:\n{Problems}", string.Join("\n", e.Problems));
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
