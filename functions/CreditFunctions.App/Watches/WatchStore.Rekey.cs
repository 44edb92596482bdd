using Azure.Data.Tables;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Watches;

/// <summary>
/// The re-keying migration of the <c>Watches</c> table (bicep/README.md "Re-keying"). A watch keeps the ID number the
/// partner named beside each subject key, so an individual is learned from the watch itself, even one the register holds
/// nothing about: its forward row <c>w|{id}</c>/<c>s|{key}</c> and its reverse row <c>s|{bucket}</c>/<c>{key}|{watchId}</c>
/// move to the new key (new row first, old one deleted under its ETag), and its feed entries get the new key.
/// </summary>
public sealed partial class WatchStore
{
    public IReadOnlyList<string> RekeyTables => [TableNames.Watches];

    public IReadOnlyList<string> RekeySteps => [TableNames.Watches];

    public async Task<RekeyTally> RekeyAsync(string step, PseudonymRekey map, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (step != TableNames.Watches)
        {
            throw new ArgumentException($"Not a step of the {TableNames.Watches} table: {step}", nameof(step));
        }

        await provisioner.EnsureAsync(cancellationToken);
        var tally = new RekeyTally(TableNames.Watches);
        var moves = new List<(TableEntity From, TableEntity To)>();
        var updates = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            // A unit's code is not shaped like an ID number: nothing is learned from it.
            map.TryLearn(row.GetString("SubjectId"), out _, out _);

            var (key, moved) = KeyOf(row);
            switch (map.StateOf(key))
            {
                case RekeyKeyState.Old when moved is not null:
                    var newKey = map.NewKeyOf(key)!;
                    moves.Add((row, moved(newKey)));
                    break;
                case RekeyKeyState.Old:
                    var kept = RekeyMover.CopyAt(row, row.PartitionKey, row.RowKey);
                    kept.ETag = row.ETag;
                    RekeyMover.MapProperties(kept, map, ["SubjectKey"]);
                    updates.Add(kept);
                    break;
                case RekeyKeyState.New:
                    tally.CountAlreadyNew();
                    break;
                case RekeyKeyState.Unknown:
                    tally.CountUnknown();
                    break;
            }
        }

        if (dryRun)
        {
            tally.CountMoved(moves.Count);
            tally.CountUpdated(updates.Count);
            return tally;
        }

        var (placed, conflicts) = await RekeyMover.MoveAsync(Table, moves, cancellationToken);
        await RekeyMover.UpdateAsync(Table, updates, cancellationToken);
        tally.CountMoved(placed);
        tally.CountConflicts(conflicts);
        tally.CountUpdated(updates.Count);
        return tally;
    }

    /// <summary>
    /// Learns every watched individual from the ID number its watch keeps, before any table is re-keyed, so the rows other
    /// tables hold of it (a look-up in the access log) move too. Returns the subjects read.
    /// </summary>
    public async Task<long> LearnSubjectsAsync(PseudonymRekey map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await provisioner.EnsureAsync(cancellationToken);
        long read = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"w|"} and PartitionKey lt {"w}"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey", "SubjectId"], cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith("s|", StringComparison.Ordinal))
            {
                read++;
                map.TryLearn(row.GetString("SubjectId"), out _, out _);
            }
        }

        return read;
    }

    /// <summary>No row under, or naming, an old key.</summary>
    public async Task<IReadOnlyList<string>> CheckRekeyAsync(PseudonymRekey map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await provisioner.EnsureAsync(cancellationToken);
        long left = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (map.StateOf(KeyOf(row).Key) == RekeyKeyState.Old || RekeyMover.NamesOldKey(row, map))
            {
                left++;
            }
        }

        return left == 0 ? [] : [$"{TableNames.Watches}: {left} rows still under or naming an old subject key"];
    }

    /// <summary>The subject key a row is under or names, and for a row keyed by it, how to build it under another key.</summary>
    private static (string? Key, Func<string, TableEntity>? Moved) KeyOf(TableEntity row)
    {
        if (row.PartitionKey.StartsWith("w|", StringComparison.Ordinal) && row.RowKey.StartsWith("s|", StringComparison.Ordinal))
        {
            return (row.RowKey[2..], newKey => RekeyMover.CopyAt(row, row.PartitionKey, "s|" + newKey));
        }

        if (row.PartitionKey.StartsWith("s|", StringComparison.Ordinal) && row.RowKey.IndexOf('|') is > 0 and var bar)
        {
            var watchId = row.RowKey[(bar + 1)..];
            return (row.RowKey[..bar], newKey => RekeyMover.CopyAt(row, ReversePartition(newKey), $"{newKey}|{watchId}"));
        }

        return (row.GetString("SubjectKey"), null);
    }
}
