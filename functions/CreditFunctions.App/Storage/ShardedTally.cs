using System.Globalization;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Counters that many writers add to at once (every message of a unit reports to the same month), each
/// contribution counted exactly once. A counter row is split over <see cref="Shards"/> rows, <c>{row}!{shard}</c>
/// (<c>#</c> would be simpler, but table keys may not hold it),
/// and a contribution goes to one shard chosen by its id, so concurrent writers rarely meet on one entity. The
/// contribution's marker row <c>~m|{id}</c> is added in the same entity-group transaction as the counts: a
/// redelivered message finds its marker there, the transaction fails as a whole, and nothing is counted twice.
/// Readers sum the shards (<see cref="Sum"/>), reading only rows before <c>~</c>, never the markers.
/// </summary>
public sealed class ShardedTally(TableClient table, TimeProvider clock)
{
    public const int Shards = 8;
    public const string MarkerPrefix = "~m|";
    private const int MaxAttempts = 25;

    /// <summary>Adds the deltas (row → column → amount); false when this contribution was already counted.</summary>
    public async Task<bool> AddAsync(
        string partition,
        string contributionId,
        IReadOnlyDictionary<string, Dictionary<string, long>> deltas,
        Action<string, TableEntity, TableEntity?>? complete,
        CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return true;
        }

        var shard = (int)(BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(contributionId))) % Shards);
        var rows = deltas.Keys.ToList();
        for (var attempt = 1; ; attempt++)
        {
            var stored = await Task.WhenAll(rows.Select(row =>
                table.GetEntityIfExistsAsync<TableEntity>(partition, ShardRow(row, shard), cancellationToken: cancellationToken)));
            var actions = new List<TableTransactionAction>(rows.Count + 1);
            for (var i = 0; i < rows.Count; i++)
            {
                var current = stored[i].HasValue ? stored[i].Value : null;
                var entity = new TableEntity(partition, ShardRow(rows[i], shard)) { ["UpdatedAt"] = clock.GetUtcNow() };
                foreach (var (column, value) in deltas[rows[i]])
                {
                    entity[column] = (current is null ? 0 : Read(current, column)) + value;
                }

                complete?.Invoke(rows[i], entity, current);
                actions.Add(current is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                    : new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, current.ETag));
            }

            var marker = actions.Count;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add,
                new TableEntity(partition, MarkerPrefix + TableKeys.Escape(contributionId)) { ["At"] = clock.GetUtcNow() }));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex == marker)
            {
                return false;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
            {
                // Another writer on the same shard came first: read again and add to its result.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 10 * attempt)), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Deletes the partition's markers written before <paramref name="before"/>: a marker only has to outlive every
    /// redelivery of its message. Reads the marker range (keys only, filtered by Timestamp), deletes in transactions
    /// of 100; returns how many went.
    /// </summary>
    public async Task<int> PruneMarkersAsync(string partition, DateTimeOffset before, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {MarkerPrefix} and RowKey lt {"~m}"} and Timestamp lt {before}");
        var stale = new List<TableEntity>();
        await foreach (var marker in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            stale.Add(marker);
        }

        foreach (var chunk in stale.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.Delete, m, Azure.ETag.All)), cancellationToken);
        }

        return stale.Count;
    }

    /// <summary>The counter rows of a partition (markers excluded), with the shards of each row summed.</summary>
    public async Task<IReadOnlyList<(string Row, TableEntity Sum, IReadOnlyList<TableEntity> Shards)>> SumAsync(
        string partition, Func<string, long, long, long> combine, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey lt {"~"}");
        var byRow = new SortedDictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var row = BaseRow(entity.RowKey);
            if (!byRow.TryGetValue(row, out var shards))
            {
                byRow[row] = shards = [];
            }

            shards.Add(entity);
        }

        return byRow.Select(r => (r.Key, Sum(r.Key, r.Value, combine), (IReadOnlyList<TableEntity>)r.Value)).ToList();
    }

    /// <summary>Adds shard rows column by column; <paramref name="combine"/> decides per column (sum, max, …).</summary>
    public static TableEntity Sum(string row, IReadOnlyList<TableEntity> shards, Func<string, long, long, long> combine)
    {
        var sum = new TableEntity(shards[0].PartitionKey, row);
        foreach (var shard in shards)
        {
            foreach (var (column, value) in shard)
            {
                if (value is int or long && column is not ("PartitionKey" or "RowKey"))
                {
                    var amount = Convert.ToInt64(value, CultureInfo.InvariantCulture);
                    sum[column] = sum.TryGetValue(column, out var existing) ? combine(column, Convert.ToInt64(existing, CultureInfo.InvariantCulture), amount) : amount;
                }
                else if (!sum.ContainsKey(column))
                {
                    sum[column] = value;
                }
            }
        }

        return sum;
    }

    public static string ShardRow(string row, int shard) => $"{row}!{shard}";

    public static string BaseRow(string rowKey)
    {
        var mark = rowKey.LastIndexOf('!');
        return mark >= 0 && mark < rowKey.Length - 1 && rowKey.AsSpan(mark + 1).IndexOfAnyExceptInRange('0', '9') < 0 ? rowKey[..mark] : rowKey;
    }

    public static long Read(TableEntity entity, string column) =>
        entity.TryGetValue(column, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
