using System.Globalization;
using CreditFunctions.Domain.Calendar;

namespace CreditFunctions.Domain.Tests.Calendar;

/// <summary>
/// The shipped calendar against the notices as docs/rules.md "Working days" lists them, transcribed here independently of the JSON file
/// (State Council General Office notices 国办发明电〔2022〕16号, 〔2023〕7号, 〔2024〕12号, 〔2025〕7号).
/// </summary>
public class PublishedHolidaysTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();

    public static TheoryData<int, string, string> Notices => new()
    {
        {
            2023,
            "2022-12-31..2023-01-02; 2023-01-21..2023-01-27; 2023-04-05; 2023-04-29..2023-05-03; 2023-06-22..2023-06-24; 2023-09-29..2023-10-06",
            "2023-01-28, 2023-01-29, 2023-04-23, 2023-05-06, 2023-06-25, 2023-10-07, 2023-10-08"
        },
        {
            2024,
            "2024-01-01; 2024-02-10..2024-02-17; 2024-04-04..2024-04-06; 2024-05-01..2024-05-05; 2024-06-10; 2024-09-15..2024-09-17; 2024-10-01..2024-10-07",
            "2024-02-04, 2024-02-18, 2024-04-07, 2024-04-28, 2024-05-11, 2024-09-14, 2024-09-29, 2024-10-12"
        },
        {
            2025,
            "2025-01-01; 2025-01-28..2025-02-04; 2025-04-04..2025-04-06; 2025-05-01..2025-05-05; 2025-05-31..2025-06-02; 2025-10-01..2025-10-08",
            "2025-01-26, 2025-02-08, 2025-04-27, 2025-09-28, 2025-10-11"
        },
        {
            2026,
            "2026-01-01..2026-01-03; 2026-02-15..2026-02-23; 2026-04-04..2026-04-06; 2026-05-01..2026-05-05; 2026-06-19..2026-06-21; 2026-09-25..2026-09-27; 2026-10-01..2026-10-07",
            "2026-01-04, 2026-02-14, 2026-02-28, 2026-05-09, 2026-09-20, 2026-10-10"
        },
    };

    [Theory]
    [MemberData(nameof(Notices))]
    public void Every_published_off_day_is_off_and_every_make_up_day_is_worked(int year, string offRanges, string makeUpDays)
    {
        var off = ExpandRanges(offRanges);
        var makeUp = makeUpDays.Split(", ").Select(Day).ToHashSet();
        Assert.All(off, day => Assert.False(Calendar.IsWorkingDay(day), $"{day} should be off"));
        Assert.All(makeUp, day => Assert.True(Calendar.IsWorkingDay(day), $"{day} should be a make-up working day"));

        // Every other day of the year follows the weekday rule.
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            if (!off.Contains(day) && !makeUp.Contains(day))
            {
                var weekday = day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
                Assert.True(weekday == Calendar.IsWorkingDay(day), $"{day} ({day.DayOfWeek}) is not in the notice");
            }
        }

        Assert.True(Calendar.Covers(new DateOnly(year, 7, 1)));
    }

    [Theory]
    [InlineData(2023, 249)]
    [InlineData(2024, 251)]
    [InlineData(2025, 248)]
    [InlineData(2026, 248)]
    public void Each_year_has_the_working_days_its_notice_implies(int year, int workingDays)
    {
        Assert.Equal(workingDays, Calendar.WorkingDaysBetween(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31)));
    }

    [Theory]
    [InlineData("2024-02-09", true)] // Spring Festival eve 2024 was worked
    [InlineData("2024-02-18", true)] // a Sunday, made up
    [InlineData("2024-02-04", true)] // a Sunday, made up
    [InlineData("2024-02-10", false)]
    [InlineData("2024-02-17", false)]
    [InlineData("2026-02-14", true)] // a Saturday, made up
    [InlineData("2026-02-15", false)]
    [InlineData("2026-02-23", false)] // a Monday, off
    [InlineData("2026-02-24", true)]
    [InlineData("2026-02-28", true)] // a Saturday, made up
    [InlineData("2025-10-08", false)] // a Wednesday, off
    [InlineData("2022-12-31", false)] // 2023's New Year holiday began in 2022
    public void Spring_Festival_and_other_known_days(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(Day(date)));
    }

    [Fact]
    public void The_shipped_data_covers_2023_to_2026_and_names_its_notices()
    {
        Assert.All(WorkingDayCalendarFile.ReadEmbedded(), year => Assert.Contains("国办发明电", year.Source, StringComparison.Ordinal));
        Assert.Equal([2023, 2024, 2025, 2026], Calendar.CoveredYears.Order());
        Assert.False(Calendar.Covers(new DateOnly(2022, 12, 30)));
        Assert.False(Calendar.Covers(new DateOnly(2027, 1, 1)));
    }

    private static HashSet<DateOnly> ExpandRanges(string ranges)
    {
        var days = new HashSet<DateOnly>();
        foreach (var range in ranges.Split("; "))
        {
            var ends = range.Split("..");
            var first = Day(ends[0]);
            var last = Day(ends[^1]);
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        return days;
    }

    internal static DateOnly Day(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
