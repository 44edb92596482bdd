using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// How a table owner moves its rows to new keys in a re-keying migration: the row under its new key first (Add, in
/// entity-group transactions of one partition), then the old row deleted under the ETag it was read with. A run cut
/// short finds the new row already there with the same content and only deletes the old one; a new row with other
/// content (the app was started on the new key too early) is a conflict and both are left alone. Knows no key format:
/// the owners build the rows.
/// </summary>
internal static class RekeyMover
{
    private const int MaxPerTransaction = RecordStore.MaxEntitiesPerTransaction;

    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal) { "PartitionKey", "RowKey", "Timestamp", "odata.etag" };

    /// <summary>A copy of <paramref name="source"/>'s properties under other keys.</summary>
    public static TableEntity CopyAt(TableEntity source, string partitionKey, string rowKey)
    {
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in source)
        {
            if (!SystemProperties.Contains(name))
            {
                copy[name] = value;
            }
        }

        return copy;
    }

    /// <summary>Sets the properties in <paramref name="names"/> that hold a learned old key to its new key; true if any changed.</summary>
    public static bool MapProperties(TableEntity row, PseudonymRekey map, IEnumerable<string> names)
    {
        var changed = false;
        foreach (var name in names)
        {
            if (row.TryGetValue(name, out var value) && value is string text && map.NewKeyOf(text) is { } renamed)
            {
                row[name] = renamed;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>True when any string property of the row (keys included) is exactly a learned old key.</summary>
    public static bool NamesOldKey(TableEntity row, PseudonymRekey map) =>
        row.Any(p => p.Value is string text && map.StateOf(text) == RekeyKeyState.Old);

    /// <summary>Moves each row to its target; returns how many are in place under their new key and how many conflict.</summary>
    public static async Task<(long Placed, long Conflicts)> MoveAsync(
        TableClient table, IReadOnlyList<(TableEntity From, TableEntity To)> moves, CancellationToken cancellationToken)
    {
        var placed = new List<TableEntity>(moves.Count);
        long conflicts = 0;
        foreach (var chunk in moves.GroupBy(m => m.To.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxPerTransaction)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(m => new TableTransactionAction(TableTransactionActionType.Add, m.To)), cancellationToken);
                placed.AddRange(chunk.Select(m => m.From));
                continue;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Some are there already (a run cut short): one at a time.
            }

            foreach (var (from, to) in chunk)
            {
                try
                {
                    await table.AddEntityAsync(to, cancellationToken);
                    placed.Add(from);
                }
                catch (RequestFailedException e) when (e.Status == 409)
                {
                    var there = await table.GetEntityIfExistsAsync<TableEntity>(to.PartitionKey, to.RowKey, cancellationToken: cancellationToken);
                    if (there.HasValue && SameContent(there.Value!, to))
                    {
                        placed.Add(from);
                    }
                    else
                    {
                        conflicts++;
                    }
                }
            }
        }

        await DeleteAsync(table, placed, cancellationToken);
        return (placed.Count, conflicts);
    }

    /// <summary>Replaces rows kept in place, each under the ETag it was read with.</summary>
    public static async Task UpdateAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxPerTransaction)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)), cancellationToken);
            }
            catch (TableTransactionFailedException e) when (e.Status is 412 or 404)
            {
                throw Changed(table, chunk[e.FailedTransactionActionIndex is { } i && i >= 0 && i < chunk.Length ? i : 0]);
            }
        }
    }

    private static async Task DeleteAsync(TableClient table, IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var chunk in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxPerTransaction)))
        {
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, r.ETag)), cancellationToken);
                continue;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 412)
            {
                // One at a time, to tell a row already deleted (fine) from one changed since it was read (not).
            }

            foreach (var row in chunk)
            {
                try
                {
                    await table.DeleteEntityAsync(row, row.ETag, cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Gone already: what we wanted.
                }
                catch (RequestFailedException e) when (e.Status == 412)
                {
                    throw Changed(table, row);
                }
            }
        }
    }

    private static RekeyConcurrentWriteException Changed(TableClient table, TableEntity row) =>
        new($"{table.Name}: a row changed while it was being re-keyed (partition {row.PartitionKey}). Is the app stopped?");

    public static bool SameContent(TableEntity a, TableEntity b)
    {
        var names = a.Keys.Where(k => !SystemProperties.Contains(k)).ToHashSet(StringComparer.Ordinal);
        names.UnionWith(b.Keys.Where(k => !SystemProperties.Contains(k)));
        foreach (var name in names)
        {
            a.TryGetValue(name, out var x);
            b.TryGetValue(name, out var y);
            var same = (x, y) switch
            {
                (null, null) => true,
                (byte[] p, byte[] q) => p.AsSpan().SequenceEqual(q),
                (DateTimeOffset p, DateTimeOffset q) => p.UtcTicks == q.UtcTicks,
                (DateTime p, DateTimeOffset q) => new DateTimeOffset(p.ToUniversalTime()).UtcTicks == q.UtcTicks,
                (DateTimeOffset p, DateTime q) => p.UtcTicks == new DateTimeOffset(q.ToUniversalTime()).UtcTicks,
                (int p, long q) => p == q,
                (long p, int q) => p == q,
                _ => Equals(x, y),
            };
            if (!same)
            {
                return false;
            }
        }

        return true;
    }
}
