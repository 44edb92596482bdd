using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App;

/// <summary>
/// Loads the catalogue when the app starts, so a broken one stops the app with its list of problems instead of
/// failing the first message that needs it.
/// </summary>
public sealed class CatalogueStartupCheck(IServiceProvider services, ILogger<CatalogueStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Reads (and validates) the catalogue, the calendar and, from a container, the source keys (ConfigDataMonitor).
            var catalogues = (CatalogueSet)services.GetService(typeof(CatalogueSet))!;
            logger.LogInformation("Catalogue versions loaded: {Versions}", string.Join(",", catalogues.Versions.Select(v => v.Version)));
        }
        catch (ConfigData.ConfigDataException e)
        {
            logger.LogCritical("The {Kind} is broken; the app will not start:\n{Problems}", e.Kind, string.Join("\n", e.Problems));
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
