using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App;

/// <summary>
/// Loads the catalogue when the app starts, so a broken one stops the app with its list of problems instead of
/// failing the first message that needs it.
/// </summary>
public sealed class CatalogueStartupCheck(IServiceProvider services, StorageHealth health, ILogger<CatalogueStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var catalogues = (CatalogueSet)services.GetService(typeof(CatalogueSet))!;
            health.CatalogueVersion = string.Join(",", catalogues.Versions.Select(v => v.Version));
            logger.LogInformation("Catalogue versions loaded: {Versions}", health.CatalogueVersion);
        }
        catch (CatalogueValidationException e)
        {
            logger.LogCritical("The catalogue is broken; the app will not start:\n{Problems}", string.Join("\n", e.Problems));
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
