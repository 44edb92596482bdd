namespace CreditFunctions.Domain.Time;

/// <summary>
/// Dates as the Measures count them: every day, deadline and expiry is a date in China Standard Time
/// (docs/rules.md "Publication periods and expiry").
/// </summary>
/// <remarks>
/// A fixed UTC+08:00 rather than a time-zone lookup: mainland China has kept one offset and no daylight
/// saving since 1991, and a fixed offset behaves the same on every host whatever its tz database (Windows
/// and Linux name the zone differently, and containers may have none). The clock is always a
/// <see cref="TimeProvider"/> so tests can set it.
/// </remarks>
public static class ChinaStandardTime
{
    /// <summary>UTC+08:00.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The current instant, expressed at +08:00.</summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clock.GetUtcNow().ToOffset(Offset);
    }

    /// <summary>Today's date in China.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOf(Now(clock));

    /// <summary>The China date on which <paramref name="instant"/> falls, whatever offset it carries.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>Midnight at the start of <paramref name="date"/> in China, at +08:00.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);
}
