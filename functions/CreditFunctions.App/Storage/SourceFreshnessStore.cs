using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>When a source's last record arrived and how many of its records are active, by kind.</summary>
public sealed record SourceFreshness(string Source, DateTimeOffset? LastRecordAt, IReadOnlyDictionary<string, long> ActiveByKind);

/// <summary>
/// The <c>Freshness</c> table (docs/table-design.md): one entity per source in the single partition
/// <c>freshness</c>, so /api/health reads every source with one query and a partner can tell stale data (no
/// arrival for weeks) from a clean record. Ingestion reports each arrival as deltas, kept as <see cref="ShardedTally"/>
/// shards (row <c>{source}#{shard}</c>) so concurrent messages rarely contend and each message counts once.
/// </summary>
public sealed class SourceFreshnessStore(CreditStorage storage, StorageProvisioner provisioner, TimeProvider clock)
{
    public const string Partition = "freshness";
    private const string KindPrefix = "Active_";

    private TableClient Table => storage.Tables.GetTableClient(TableNames.Freshness);

    /// <summary>
    /// Records an arrival at <paramref name="at"/> (the latest arrival wins, whatever order writers finish in) and
    /// adds <paramref name="activeDeltaByKind"/> to the active counts (negative for withdrawn or expired records).
    /// </summary>
    public async Task RecordArrivalAsync(
        string source, DateTimeOffset at, IReadOnlyDictionary<string, int> activeDeltaByKind, CancellationToken cancellationToken = default,
        string? contributionId = null)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var row = TableKeys.Escape(source);
        var deltas = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal)
        {
            [row] = activeDeltaByKind.ToDictionary(k => KindPrefix + k.Key.Replace('-', '_'), k => (long)k.Value, StringComparer.Ordinal),
        };
        await new ShardedTally(Table, clock).AddAsync(Partition, contributionId ?? Guid.NewGuid().ToString("N"), deltas, (_, entity, stored) =>
        {
            entity["Source"] = source;
            var previous = stored?.GetDateTimeOffset("LastRecordAt");
            entity["LastRecordAt"] = previous is { } p && p > at ? p : at;
        }, cancellationToken);
    }

    /// <summary>
    /// Every source: one query of one partition. Health calls it, so it does not provision tables: a missing table
    /// means nothing has arrived yet.
    /// </summary>
    public async Task<IReadOnlyList<SourceFreshness>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var sources = new List<SourceFreshness>();
        try
        {
            var rows = await new ShardedTally(Table, clock).SumAsync(Partition, (_, a, b) => a + b, cancellationToken);
            foreach (var (_, sum, shards) in rows)
            {
                // The latest arrival over the shards; the counts are their sum.
                sum["LastRecordAt"] = shards.Select(s => s.GetDateTimeOffset("LastRecordAt")).Max();
                sources.Add(FromEntity(sum));
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return [];
        }

        return sources;
    }

    private static SourceFreshness FromEntity(TableEntity entity)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (name, value) in entity)
        {
            if (name.StartsWith(KindPrefix, StringComparison.Ordinal) && value is not null)
            {
                // Never below zero on display: a negative count could only come from a lost arrival upstream.
                counts[name[KindPrefix.Length..].Replace('_', '-')] = Math.Max(0, Convert.ToInt64(value, CultureInfo.InvariantCulture));
            }
        }

        return new SourceFreshness(entity.GetString("Source") ?? entity.RowKey, entity.GetDateTimeOffset("LastRecordAt"), counts);
    }


    /// <summary>Removes the counter markers older than <paramref name="before"/> (<see cref="Maintenance.TallyMarkerPruner"/>).</summary>
    public async Task<int> PruneMarkersAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        return await new ShardedTally(Table, clock).PruneMarkersAsync(Partition, before, cancellationToken);
    }
}
