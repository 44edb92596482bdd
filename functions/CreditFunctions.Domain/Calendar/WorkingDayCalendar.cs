using System.Collections.Concurrent;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Domain.Calendar;

/// <summary>
/// Working days in mainland China, for every deadline the Measures and the Regulations count in working days
/// (objections, repairs, removals). A day is a working day when it is Monday to Friday and not an off day, or
/// when it is a make-up working day (docs/rules.md "Working days", after the State Council General Office's notices).
/// </summary>
/// <remarks>
/// Past its data (no notice is published for a year until late in the year before) it counts Monday to Friday
/// and warns once per year, rather than failing: a deadline a holiday too early is better than no deadline,
/// and the warning tells operators to add the new notice. Thread-safe; meant to be one shared instance.
/// The data is one immutable snapshot behind a volatile reference: <see cref="Adopt"/> puts another calendar's data in
/// force for every holder of this instance (a new year's notice uploaded without a deploy), and each call reads one
/// snapshot from start to end, so a deadline is never counted half on the old data and half on the new.
/// </remarks>
public sealed class WorkingDayCalendar
{
    /// <summary>How far outside its own year a notice's date may lie (New Year holidays start in late December).</summary>
    private const int YearEdgeDays = 7;

    private volatile Snapshot data;
    private readonly ILogger? logger;
    private readonly ConcurrentDictionary<int, bool> warnedYears = new();

    /// <summary>A calendar from explicit data (tests, or a notice not yet shipped in the embedded file).</summary>
    /// <exception cref="InvalidDataException">The data contradicts itself or the notices' form; the message says where.</exception>
    public WorkingDayCalendar(IEnumerable<WorkingDayYear> years, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(years);
        var overrides = new Dictionary<DateOnly, bool>();
        var covered = new HashSet<int>();
        var notices = new List<(int Year, string Source)>();
        foreach (var year in years)
        {
            Validate(year);
            if (!covered.Add(year.Year))
            {
                throw Invalid($"year {year.Year} appears twice.");
            }

            notices.Add((year.Year, year.Source));

            foreach (var day in year.OffDays)
            {
                AddOverride(overrides, year, day, working: false);
            }

            foreach (var day in year.MakeUpWorkingDays)
            {
                if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    throw Invalid($"year {year.Year}: make-up working day {day:yyyy-MM-dd} is a {day.DayOfWeek}, already a working day.");
                }

                AddOverride(overrides, year, day, working: true);
            }
        }

        if (covered.Count == 0)
        {
            throw Invalid("no year is listed.");
        }

        data = new Snapshot(
            overrides.ToFrozenDictionary(),
            covered.ToFrozenSet(),
            notices.OrderBy(n => n.Year).ToArray());
        this.logger = logger;
    }

    /// <summary>The calendar shipped with the domain library (<c>Calendar/working-days-cn.json</c>).</summary>
    /// <exception cref="InvalidDataException">The embedded file is missing or broken.</exception>
    public static WorkingDayCalendar LoadEmbedded(ILogger? logger = null) =>
        new(WorkingDayCalendarFile.ReadEmbedded(), logger);

    /// <summary>A calendar read from JSON of the embedded file's shape.</summary>
    /// <exception cref="InvalidDataException">The JSON is broken or its data contradicts itself.</exception>
    public static WorkingDayCalendar Load(Stream json, ILogger? logger = null) =>
        new(WorkingDayCalendarFile.Read(json), logger);

    /// <summary>The years for which a State Council notice is loaded.</summary>
    public IReadOnlySet<int> CoveredYears => data.CoveredYears;

    /// <summary>
    /// The last day a notice covers: 31 December of the latest covered year. After it the calendar counts Monday to
    /// Friday (and warns); /api/health warns from 60 days before it.
    /// </summary>
    public DateOnly LastCoveredDay => new(data.CoveredYears.Max(), 12, 31);

    /// <summary>Each covered year and the notice it comes from, in year order (what is loaded, for health pages).</summary>
    public IReadOnlyList<(int Year, string Source)> Notices => data.Notices;

    /// <summary>True when a notice is loaded for <paramref name="date"/>'s year, so the answer is not a weekday guess.</summary>
    public bool Covers(DateOnly date) => data.CoveredYears.Contains(date.Year);

    /// <summary>
    /// Puts <paramref name="next"/>'s data (already validated: a calendar cannot be built from bad data) in force for every
    /// holder of this instance. A count already running finishes on the data it started with.
    /// </summary>
    public void Adopt(WorkingDayCalendar next)
    {
        ArgumentNullException.ThrowIfNull(next);
        data = next.data;
    }

    public bool IsWorkingDay(DateOnly date) => IsWorkingDay(data, date);

    private bool IsWorkingDay(Snapshot snapshot, DateOnly date)
    {
        if (snapshot.WorkingOverride.TryGetValue(date, out var working))
        {
            return working;
        }

        if (!snapshot.CoveredYears.Contains(date.Year))
        {
            WarnFallback(date.Year);
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>; <paramref name="start"/>
    /// itself is not counted, and 0 gives <paramref name="start"/> back. "Decide within 5 working days of
    /// receiving it" is <c>AddWorkingDays(receivedOn, 5)</c>.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var snapshot = data;
        var day = start;
        while (workingDays > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(snapshot, day))
            {
                workingDays--;
            }
        }

        return day;
    }

    /// <summary>
    /// How many working days lie in (<paramref name="fromExclusive"/>, <paramref name="toInclusive"/>]: the inverse
    /// of <see cref="AddWorkingDays"/>. An empty or reversed interval counts 0.
    /// </summary>
    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var snapshot = data;
        var count = 0;
        for (var day = fromExclusive; day < toInclusive;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(snapshot, day))
            {
                count++;
            }
        }

        return count;
    }

    private void WarnFallback(int year)
    {
        if (logger is not null && warnedYears.TryAdd(year, true))
        {
            WorkingDayCalendarLog.FallingBackToWeekdays(logger, year);
        }
    }

    private static void Validate(WorkingDayYear year)
    {
        if (year is null)
        {
            throw Invalid("a year entry is null.");
        }

        if (year.Year is < 2 or > 9998)
        {
            throw Invalid($"year {year.Year} is out of range.");
        }

        if (string.IsNullOrWhiteSpace(year.Source))
        {
            throw Invalid($"year {year.Year} names no source notice.");
        }

        if (year.OffDays is null || year.MakeUpWorkingDays is null)
        {
            throw Invalid($"year {year.Year} lacks its off days or make-up working days (use an empty list for none).");
        }
    }

    private static void AddOverride(Dictionary<DateOnly, bool> overrides, WorkingDayYear year, DateOnly day, bool working)
    {
        var first = new DateOnly(year.Year, 1, 1).AddDays(-YearEdgeDays);
        var last = new DateOnly(year.Year, 12, 31).AddDays(YearEdgeDays);
        if (day < first || day > last)
        {
            throw Invalid($"year {year.Year}: {day:yyyy-MM-dd} is not in that year.");
        }

        if (!overrides.TryAdd(day, working))
        {
            throw Invalid($"{day:yyyy-MM-dd} is listed twice (year {year.Year}).");
        }
    }

    private static InvalidDataException Invalid(string problem) => new($"Working-day calendar data is invalid: {problem}");

    private sealed record Snapshot(FrozenDictionary<DateOnly, bool> WorkingOverride, FrozenSet<int> CoveredYears, (int Year, string Source)[] Notices);
}
