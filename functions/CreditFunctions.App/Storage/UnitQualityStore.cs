using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>A month of a unit's arrivals (art7 timeliness): records by working days from decision to arrival.</summary>
public sealed record TimelinessMonth(
    string Month, long Records, long Lag0To7, long Lag8To15, long Lag16To30, long LagOver30, long WorkingDaysTotal, long MaxWorkingDays);

/// <summary>How many submissions of a unit were refused with one reason code.</summary>
public sealed record RejectionCount(string Code, long Count);

/// <summary>How many of a unit's submissions were refused in one month (China time), every reason code together.</summary>
public sealed record RejectionMonth(string Month, long Count);

/// <summary>What <c>UnitQuality</c> holds for one unit.</summary>
public sealed record UnitQualityData(
    IReadOnlyList<TimelinessMonth> Months, IReadOnlyList<RejectionCount> RejectionCounters, IReadOnlyList<RejectionMonth> RejectionMonths);

/// <summary>
/// The <c>UnitQuality</c> table (docs/table-design.md): per unit (<c>PK</c>) monthly timeliness aggregates
/// (<c>RK = t|{yyyyMM}</c>, by the month of arrival), rejection counters by code (<c>RK = r|{code}</c>) and by month of
/// rejection (<c>RK = rm|{yyyyMM}</c>, China time), each kept as
/// <see cref="ShardedTally"/> shards so the messages of one unit, processed concurrently, rarely contend, and each
/// message is counted exactly once however often it is delivered.
/// </summary>
public sealed class UnitQualityStore(CreditStorage storage, StorageProvisioner provisioner, TimeProvider clock)
{
    private static readonly string[] LagColumns = ["Lag0To7", "Lag8To15", "Lag16To30", "LagOver30"];

    private TableClient Table => storage.Tables.GetTableClient(TableNames.UnitQuality);

    public static string MonthRow(DateOnly arrival) => $"t|{arrival:yyyyMM}";

    public static string RejectionRow(string code) => $"r|{TableKeys.Escape(code)}";

    /// <summary>The month row of rejections: <c>rm|</c>, not <c>r|</c>, so it is never read as a reason code.</summary>
    public static string RejectionMonthRow(DateOnly day) => $"rm|{day:yyyyMM}";

    /// <summary>The lag bucket of a record (national practice: penalties public within 7 working days).</summary>
    public static string LagColumn(int workingDays) => workingDays switch
    {
        <= 7 => LagColumns[0],
        <= 15 => LagColumns[1],
        <= 30 => LagColumns[2],
        _ => LagColumns[3],
    };

    /// <summary>Adds arrivals to their months' aggregates (one transaction for the unit, whatever the months).</summary>
    /// <param name="contributionId">The message that brought them: counted once per id. Null counts every call.</param>
    public Task RecordArrivalsAsync(
        string unit, IReadOnlyList<(DateOnly Decision, DateOnly Arrival, int WorkingDays)> arrivals, CancellationToken cancellationToken = default,
        string? contributionId = null)
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

        return MergeAsync(unit, contributionId, deltas, (row, entity, stored) =>
        {
            entity["Month"] = $"{row[2..6]}-{row[6..8]}";
            entity["MaxWorkingDays"] = Math.Max(stored is null ? 0 : Read(stored, "MaxWorkingDays"), maxima[row]);
        }, cancellationToken);
    }

    /// <summary>
    /// Adds to the unit's rejection counters by reason code and to this month's (China time) rejection count, in the same
    /// transaction: the month row is one more row of the same contribution, read once and counted once.
    /// </summary>
    public Task RecordRejectionsAsync(
        string unit, IReadOnlyDictionary<string, int> countsByCode, CancellationToken cancellationToken = default, string? contributionId = null)
    {
        var deltas = countsByCode
            .Where(c => c.Value != 0)
            .ToDictionary(c => RejectionRow(c.Key), c => new Dictionary<string, long> { ["Count"] = c.Value }, StringComparer.Ordinal);
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var code in countsByCode.Keys)
        {
            codes[RejectionRow(code)] = code;
        }

        var total = countsByCode.Values.Sum(v => (long)v);
        var month = RejectionMonthRow(Domain.Time.ChinaStandardTime.Today(clock));
        if (total != 0)
        {
            deltas[month] = new Dictionary<string, long> { ["Count"] = total };
        }

        return MergeAsync(unit, contributionId is null ? null : contributionId + "|r", deltas, (row, entity, _) =>
        {
            if (row == month)
            {
                entity["Month"] = $"{row[3..7]}-{row[7..9]}";
            }
            else
            {
                entity["Code"] = codes[row];
            }
        }, cancellationToken);
    }

    /// <summary>Everything stored for the unit: one query of its partition (a few dozen rows at most).</summary>
    public async Task<UnitQualityData> ReadAsync(string unit, CancellationToken cancellationToken = default)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var months = new List<TimelinessMonth>();
        var rejections = new List<RejectionCount>();
        var rejectionMonths = new List<RejectionMonth>();
        var tally = new ShardedTally(Table, clock);
        var rows = await tally.SumAsync(TableKeys.Escape(unit), (column, a, b) => column == "MaxWorkingDays" ? Math.Max(a, b) : a + b, cancellationToken);
        foreach (var (_, entity, _) in rows)
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
            else if (entity.RowKey.StartsWith("rm|", StringComparison.Ordinal))
            {
                rejectionMonths.Add(new RejectionMonth(entity.GetString("Month") ?? entity.RowKey[3..], Read(entity, "Count")));
            }
        }

        months.Reverse(); // newest month first
        rejectionMonths.Reverse();
        return new UnitQualityData(months, rejections, rejectionMonths);
    }

    private async Task MergeAsync(
        string unit, string? contributionId, Dictionary<string, Dictionary<string, long>> deltas, Action<string, TableEntity, TableEntity?> complete, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var tally = new ShardedTally(Table, clock);
        var id = contributionId ?? Guid.NewGuid().ToString("N");
        var part = 0;
        // A transaction holds 100 entities: 99 counter rows and the contribution's marker.
        foreach (var chunk in deltas.Chunk(99))
        {
            await tally.AddAsync(TableKeys.Escape(unit), part++ == 0 ? id : $"{id}|{part}", chunk.ToDictionary(c => c.Key, c => c.Value), complete, cancellationToken);
        }
    }

    private static void Add(Dictionary<string, long> delta, string column, long value) =>
        delta[column] = delta.GetValueOrDefault(column) + value;

    private static long Read(TableEntity entity, string column) =>
        entity.TryGetValue(column, out var value) && value is not null ? Convert.ToInt64(value, CultureInfo.InvariantCulture) : 0;

    /// <summary>Removes the unit's counter markers older than <paramref name="before"/> (<see cref="Maintenance.TallyMarkerPruner"/>).</summary>
    public async Task<int> PruneMarkersAsync(string unit, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        return await new ShardedTally(Table, clock).PruneMarkersAsync(TableKeys.Escape(unit), before, cancellationToken);
    }
}
