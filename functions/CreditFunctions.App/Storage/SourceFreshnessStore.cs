using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>When a source's last record arrived and how many of its records are active, by kind.</summary>
public sealed record SourceFreshness(string Source, DateTimeOffset? LastRecordAt, IReadOnlyDictionary<string, long> ActiveByKind);

/// <summary>
/// The <c>Freshness</c> table (docs/table-design.md): one entity per source in the single partition
/// <c>freshness</c>, so /api/health reads every source with one query and a partner can tell stale data (no
/// arrival for weeks) from a clean record. Ingestion reports each arrival and the expiry sweep each expiry as
/// deltas; an ETag-guarded merge, retried from a fresh read, keeps concurrent writers from losing counts.
/// </summary>
public sealed class SourceFreshnessStore(CreditStorage storage, StorageProvisioner provisioner)
{
    public const string Partition = "freshness";
    private const string KindPrefix = "Active_";
    private const int MaxAttempts = 25;

    private TableClient Table => storage.Tables.GetTableClient(TableNames.Freshness);

    /// <summary>
    /// Records an arrival at <paramref name="at"/> (the latest arrival wins, whatever order writers finish in) and
    /// adds <paramref name="activeDeltaByKind"/> to the active counts (negative for withdrawn or expired records).
    /// </summary>
    public async Task RecordArrivalAsync(
        string source, DateTimeOffset at, IReadOnlyDictionary<string, int> activeDeltaByKind, CancellationToken cancellationToken = default)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var row = TableKeys.Escape(source);
        for (var attempt = 1; ; attempt++)
        {
            var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, row, cancellationToken: cancellationToken);
            var stored = response.HasValue ? response.Value : null;
            var previous = stored?.GetDateTimeOffset("LastRecordAt");
            var entity = new TableEntity(Partition, row)
            {
                ["Source"] = source,
                ["LastRecordAt"] = previous is { } p && p > at ? p : at,
            };
            foreach (var (kind, delta) in activeDeltaByKind)
            {
                var column = KindPrefix + kind.Replace('-', '_');
                entity[column] = (stored is null ? 0 : Read(stored, column)) + delta;
            }

            try
            {
                if (stored is null)
                {
                    await Table.AddEntityAsync(entity, cancellationToken);
                }
                else
                {
                    await Table.UpdateEntityAsync(entity, stored.ETag, TableUpdateMode.Merge, cancellationToken);
                }

                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another instance wrote this source first: read again and add our delta to its result.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Every source: one query of one partition. Health calls it, so it does not provision tables: a missing table
    /// means nothing has arrived yet.
    /// </summary>
    public async Task<IReadOnlyList<SourceFreshness>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var sources = new List<SourceFreshness>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        try
        {
            await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            {
                sources.Add(FromEntity(entity));
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

    private static long Read(TableEntity entity, string column) =>
        entity.TryGetValue(column, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
