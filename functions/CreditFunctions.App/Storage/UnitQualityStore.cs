using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>A month of a unit's arrivals (art7 timeliness): records by working days from decision to arrival.</summary>
public sealed record TimelinessMonth(
    string Month, long Records, long Lag0To7, long Lag8To15, long Lag16To30, long LagOver30, long WorkingDaysTotal, long MaxWorkingDays);

/// <summary>How many submissions of a unit were refused with one reason code.</summary>
public sealed record RejectionCount(string Code, long Count);

/// <summary>What <c>UnitQuality</c> holds for one unit.</summary>
public sealed record UnitQualityData(IReadOnlyList<TimelinessMonth> Months, IReadOnlyList<RejectionCount> RejectionCounters);

/// <summary>
/// The <c>UnitQuality</c> table (docs/table-design.md): per unit (<c>PK</c>) monthly timeliness aggregates
/// (<c>RK = t|{yyyyMM}</c>, by the month of arrival) and rejection counters (<c>RK = r|{code}</c>). Ingestion adds
/// to them; every write is a read and an ETag-guarded merge in one transaction, retried from a fresh read when
/// another instance wrote first, so concurrent writers never lose a count.
/// </summary>
public sealed class UnitQualityStore(CreditStorage storage, StorageProvisioner provisioner, TimeProvider clock)
{
    private const int MaxAttempts = 25;

    private static readonly string[] LagColumns = ["Lag0To7", "Lag8To15", "Lag16To30", "LagOver30"];

    private TableClient Table => storage.Tables.GetTableClient(TableNames.UnitQuality);

    public static string MonthRow(DateOnly arrival) => $"t|{arrival:yyyyMM}";

    public static string RejectionRow(string code) => $"r|{TableKeys.Escape(code)}";

    /// <summary>The lag bucket of a record (national practice: penalties public within 7 working days).</summary>
    public static string LagColumn(int workingDays) => workingDays switch
    {
        <= 7 => LagColumns[0],
        <= 15 => LagColumns[1],
        <= 30 => LagColumns[2],
        _ => LagColumns[3],
    };

    /// <summary>Adds arrivals to their months' aggregates (one transaction for the unit, whatever the months).</summary>
    public Task RecordArrivalsAsync(
        string unit, IReadOnlyList<(DateOnly Decision, DateOnly Arrival, int WorkingDays)> arrivals, CancellationToken cancellationToken = default)
    {
        var deltas = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        var maxima = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (_, arrival, workingDays) in arrivals)
        {
            var row = MonthRow(arrival);
            if (!deltas.TryGetValue(row, out var delta))
            {
                deltas[row] = delta = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            var lag = Math.Max(0, workingDays);
            Add(delta, "Records", 1);
            Add(delta, LagColumn(lag), 1);
            Add(delta, "WorkingDaysTotal", lag);
            maxima[row] = Math.Max(maxima.GetValueOrDefault(row), lag);
        }

        return MergeAsync(unit, deltas, (row, entity, stored) =>
        {
            entity["Month"] = $"{row[2..6]}-{row[6..8]}";
            entity["MaxWorkingDays"] = Math.Max(stored is null ? 0 : Read(stored, "MaxWorkingDays"), maxima[row]);
        }, cancellationToken);
    }

    /// <summary>Adds to the unit's rejection counters by reason code.</summary>
    public Task RecordRejectionsAsync(string unit, IReadOnlyDictionary<string, int> countsByCode, CancellationToken cancellationToken = default)
    {
        var deltas = countsByCode
            .Where(c => c.Value != 0)
            .ToDictionary(c => RejectionRow(c.Key), c => new Dictionary<string, long> { ["Count"] = c.Value }, StringComparer.Ordinal);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in countsByCode.Keys)
        {
            codes[RejectionRow(code)] = code;
        }

        return MergeAsync(unit, deltas, (row, entity, _) => entity["Code"] = codes[row], cancellationToken);
    }

    /// <summary>Everything stored for the unit: one query of its partition (a few dozen rows at most).</summary>
    public async Task<UnitQualityData> ReadAsync(string unit, CancellationToken cancellationToken = default)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var months = new List<TimelinessMonth>();
        var rejections = new List<RejectionCount>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Escape(unit)}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (entity.RowKey.StartsWith("t|", StringComparison.Ordinal))
            {
                months.Add(new TimelinessMonth(
                    entity.GetString("Month") ?? entity.RowKey[2..],
                    Read(entity, "Records"), Read(entity, LagColumns[0]), Read(entity, LagColumns[1]), Read(entity, LagColumns[2]),
                    Read(entity, LagColumns[3]), Read(entity, "WorkingDaysTotal"), Read(entity, "MaxWorkingDays")));
            }
            else if (entity.RowKey.StartsWith("r|", StringComparison.Ordinal))
            {
                rejections.Add(new RejectionCount(entity.GetString("Code") ?? entity.RowKey[2..], Read(entity, "Count")));
            }
        }

        months.Reverse(); // newest month first
        return new UnitQualityData(months, rejections);
    }

    /// <summary>
    /// Rejections kept verbatim in <c>Rejections</c> (partition = unit), counted by code. Reads only the Code
    /// column; serves the quality route until ingestion keeps the <c>r|</c> counters.
    /// </summary>
    public async Task<IReadOnlyList<RejectionCount>> CountStoredRejectionsAsync(string unit, CancellationToken cancellationToken = default)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var table = storage.Tables.GetTableClient(TableNames.Rejections);
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {unit}");
        await foreach (var entity in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["Code"], cancellationToken: cancellationToken))
        {
            var code = entity.GetString("Code") ?? "unknown";
            counts[code] = counts.GetValueOrDefault(code) + 1;
        }

        return counts.Select(c => new RejectionCount(c.Key, c.Value)).ToList();
    }

    private async Task MergeAsync(
        string unit, Dictionary<string, Dictionary<string, long>> deltas, Action<string, TableEntity, TableEntity?> complete, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var partition = TableKeys.Escape(unit);
        foreach (var chunk in deltas.Chunk(100))
        {
            for (var attempt = 1; ; attempt++)
            {
                var current = await Task.WhenAll(chunk.Select(d =>
                    Table.GetEntityIfExistsAsync<TableEntity>(partition, d.Key, cancellationToken: cancellationToken)));
                var actions = new List<TableTransactionAction>(chunk.Length);
                for (var i = 0; i < chunk.Length; i++)
                {
                    var (row, delta) = chunk[i];
                    var stored = current[i].HasValue ? current[i].Value : null;
                    var entity = new TableEntity(partition, row) { ["UpdatedAt"] = clock.GetUtcNow() };
                    foreach (var (column, value) in delta)
                    {
                        entity[column] = (stored is null ? 0 : Read(stored, column)) + value;
                    }

                    complete(row, entity, stored);
                    actions.Add(stored is null
                        ? new TableTransactionAction(TableTransactionActionType.Add, entity)
                        : new TableTransactionAction(TableTransactionActionType.UpdateMerge, entity, stored.ETag));
                }

                try
                {
                    await Table.SubmitTransactionAsync(actions, cancellationToken);
                    break;
                }
                catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    // Another writer added or changed a row since we read it: read again and add our counts to theirs.
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
                }
                catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
                }
            }
        }
    }

    private static void Add(Dictionary<string, long> delta, string column, long value) =>
        delta[column] = delta.GetValueOrDefault(column) + value;

    private static long Read(TableEntity entity, string column) =>
        entity.TryGetValue(column, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;
}
