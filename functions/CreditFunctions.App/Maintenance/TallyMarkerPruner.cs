using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Maintenance;

/// <summary>
/// Removes the per-message markers of the sharded counters (<see cref="ShardedTally"/>: each unit's quality partition
/// and the freshness partition) once no redelivery of their message can come: without this they would grow by one row
/// per message for ever. A marker is kept <c>Tally__MarkerRetentionDays</c> days (default 14): longer than a queue
/// message lives (7 days), so a message is either applied (the Idempotency table then answers) or poisoned by then.
/// </summary>
public sealed class TallyMarkerPruner(
    UnitQualityStore quality, SourceFreshnessStore freshness, CatalogueSet catalogues, IConfiguration configuration, TimeProvider clock, ILogger<TallyMarkerPruner> logger)
{
    public const int DefaultRetentionDays = 14;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var days = int.TryParse(configuration["Tally:MarkerRetentionDays"], out var configured) && configured > 0 ? configured : DefaultRetentionDays;
        var before = clock.GetUtcNow().AddDays(-days);
        // Every unit any catalogue version has known: a unit dropped from the list may still hold markers.
        var units = catalogues.Versions.SelectMany(v => v.Document.Units).Select(u => u.Code).Distinct(StringComparer.Ordinal);
        var pruned = 0;
        foreach (var unit in units)
        {
            pruned += await quality.PruneMarkersAsync(unit, before, cancellationToken);
        }

        pruned += await freshness.PruneMarkersAsync(before, cancellationToken);
        logger.LogInformation("Counter markers older than {Days} days pruned: {Pruned}", days, pruned);
        return pruned;
    }
}
