using System.Globalization;
using NCrontab;

namespace CreditFunctions.DevHost;

/// <summary>
/// A timer trigger's schedule as the Timer extension reads it (TimerSchedule.Create): a 6-field NCrontab
/// expression with seconds, or a constant "hh:mm:ss" interval. Occurrences are computed in UTC (the default time
/// zone of Functions on Linux, and with WEBSITE_TIME_ZONE unset).
/// </summary>
internal abstract class TimerSchedule
{
    public abstract string Expression { get; }

    /// <summary>The first occurrence strictly after <paramref name="utcNow"/>.</summary>
    public abstract DateTime GetNextOccurrence(DateTime utcNow);

    public static TimerSchedule Parse(string expression)
    {
        CrontabSchedule? cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = true });
        if (cron is not null)
        {
            return new Cron(cron, expression);
        }

        if (TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out TimeSpan interval) && interval > TimeSpan.Zero)
        {
            return new Constant(interval, expression);
        }

        throw new FormatException(
            $"'{expression}' is neither a 6-field cron expression with seconds ('0 5 16 * * *') nor an hh:mm:ss interval");
    }

    private sealed class Cron(CrontabSchedule schedule, string expression) : TimerSchedule
    {
        public override string Expression => expression;

        public override DateTime GetNextOccurrence(DateTime utcNow) =>
            DateTime.SpecifyKind(schedule.GetNextOccurrence(utcNow), DateTimeKind.Utc);
    }

    /// <summary>The host's ConstantSchedule: every interval, counted from now.</summary>
    private sealed class Constant(TimeSpan interval, string expression) : TimerSchedule
    {
        public override string Expression => expression;

        public override DateTime GetNextOccurrence(DateTime utcNow) => utcNow + interval;
    }
}
