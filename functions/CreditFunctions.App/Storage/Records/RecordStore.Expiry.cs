using System.Globalization;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// The expiry index (<c>x|{expiresOn:yyyyMMdd}|{recordId}</c> in each bucket) and the sweep's progress (partition
/// <c>sweep</c>, row <c>expiry</c>: the last day done, China Standard Time). docs/table-design.md, "Expiry sweep state".
/// </summary>
public sealed partial class RecordStore
{
    // Kept after its first read, so a day with nothing to expire costs no read: a cached day that another instance has
    // since moved on only widens the next range over days already swept, whose index rows are gone, which costs nothing.
    private volatile SweptDay? _lastSwept;

    private sealed record SweptDay(DateOnly? Day);

    /// <summary>The index rows of one bucket for the days <paramref name="from"/> through <paramref name="through"/>: one range query.</summary>
    public async Task<IReadOnlyList<ExpiryIndexEntry>> DueAsync(string bucket, DateOnly from, DateOnly through, CancellationToken cancellationToken)
    {
        var (fromKey, toKey) = Keys.ExpiryRange(from, through);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and RowKey ge {fromKey} and RowKey lt {toKey}");
        var due = new List<ExpiryIndexEntry>();
        await foreach (var row in Records.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (ToExpiryEntry(row) is { } entry)
            {
                due.Add(entry);
            }
        }

        return due;
    }

    public async Task<DateOnly?> LastSweptAsync(CancellationToken cancellationToken)
    {
        if (_lastSwept is { } cached)
        {
            return cached.Day;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var entity = await Records.GetEntityIfExistsAsync<TableEntity>(Keys.SweepPartition, Keys.SweepRow, cancellationToken: cancellationToken);
        DateOnly? day = entity.HasValue && DateOnly.TryParseExact(entity.Value!.GetString("LastSweptDay"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d
            : null;
        _lastSwept = new SweptDay(day);
        return day;
    }

    public async Task SaveLastSweptAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await Records.UpsertEntityAsync(
            new TableEntity(Keys.SweepPartition, Keys.SweepRow) { ["LastSweptDay"] = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            TableUpdateMode.Replace, cancellationToken);
        _lastSwept = new SweptDay(day);
    }

    /// <summary>Forgets the cached progress (a test that resets the stored state).</summary>
    internal void ForgetLastSwept() => _lastSwept = null;
}
