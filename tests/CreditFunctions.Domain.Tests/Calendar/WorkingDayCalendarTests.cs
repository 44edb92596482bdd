using CreditFunctions.Domain.Calendar;
using CsCheck;
using Microsoft.Extensions.Logging;
using static CreditFunctions.Domain.Tests.Calendar.PublishedHolidaysTests;

namespace CreditFunctions.Domain.Tests.Calendar;

public class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.LoadEmbedded();

    [Theory]
    // Spring Festival 2026: off 02-15..02-23, make-up Saturdays 02-14 and 02-28 (国办发明电〔2025〕7号).
    [InlineData("2026-02-13", 1, "2026-02-14")]
    [InlineData("2026-02-13", 2, "2026-02-24")]
    [InlineData("2026-02-14", 1, "2026-02-24")]
    [InlineData("2026-02-13", 5, "2026-02-27")]
    [InlineData("2026-02-13", 6, "2026-02-28")]
    [InlineData("2026-02-13", 7, "2026-03-02")]
    [InlineData("2026-02-15", 0, "2026-02-15")] // 0 working days: the start itself, even on a holiday
    // Year ends: 2026-01-01..03 off, Sunday 01-04 made up; 2025-01-01 off; 2023's New Year began 2022-12-31.
    [InlineData("2025-12-31", 1, "2026-01-04")]
    [InlineData("2025-12-31", 2, "2026-01-05")]
    [InlineData("2024-12-31", 1, "2025-01-02")]
    [InlineData("2022-12-30", 1, "2023-01-03")]
    // National Day 2025: off 10-01..10-08, Saturday 10-11 made up.
    [InlineData("2025-09-30", 1, "2025-10-09")]
    [InlineData("2025-09-30", 3, "2025-10-11")]
    public void Adding_working_days_skips_holidays_and_counts_make_up_days(string start, int workingDays, string expected)
    {
        Assert.Equal(Day(expected), Calendar.AddWorkingDays(Day(start), workingDays));
    }

    [Fact]
    public void Working_days_between_count_the_end_but_not_the_start()
    {
        Assert.Equal(6, Calendar.WorkingDaysBetween(Day("2026-02-13"), Day("2026-02-28")));
        Assert.Equal(0, Calendar.WorkingDaysBetween(Day("2026-02-14"), Day("2026-02-23")));
        Assert.Equal(1, Calendar.WorkingDaysBetween(Day("2026-02-14"), Day("2026-02-24")));
        Assert.Equal(0, Calendar.WorkingDaysBetween(Day("2026-02-24"), Day("2026-02-24")));
        Assert.Equal(0, Calendar.WorkingDaysBetween(Day("2026-02-24"), Day("2026-02-13")));
    }

    [Fact]
    public void Counting_working_days_undoes_adding_them()
    {
        var start = Gen.Int[Day("2022-12-25").DayNumber, Day("2027-03-01").DayNumber].Select(DateOnly.FromDayNumber);
        Gen.Select(start, Gen.Int[0, 60]).Sample((from, workingDays) =>
        {
            var due = Calendar.AddWorkingDays(from, workingDays);
            return Calendar.WorkingDaysBetween(from, due) == workingDays
                && (workingDays == 0 || (Calendar.IsWorkingDay(due) && Calendar.WorkingDaysBetween(from, due.AddDays(-1)) == workingDays - 1));
        });
    }

    [Fact]
    public void A_negative_number_of_working_days_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(Day("2025-01-02"), -1));
    }

    [Fact]
    public void Beyond_its_data_the_calendar_counts_Monday_to_Friday_and_warns_once_per_year()
    {
        var logger = new ListLogger();
        var calendar = WorkingDayCalendar.LoadEmbedded(logger);

        Assert.False(calendar.Covers(Day("2027-01-01")));
        Assert.True(calendar.IsWorkingDay(Day("2027-01-01"))); // a Friday; no 2027 notice yet
        Assert.False(calendar.IsWorkingDay(Day("2027-01-02"))); // a Saturday
        Assert.Equal(Day("2027-01-05"), calendar.AddWorkingDays(Day("2026-12-31"), 3));
        Assert.Equal(21, calendar.WorkingDaysBetween(Day("2026-12-31"), Day("2027-01-29")));

        var warning = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("2027", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Monday to Friday", warning.Message, StringComparison.Ordinal);

        calendar.IsWorkingDay(Day("2028-03-01"));
        calendar.IsWorkingDay(Day("2028-03-02"));
        Assert.Equal(2, logger.Entries.Count);
        Assert.Contains("2028", logger.Entries[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Days_the_data_covers_never_warn()
    {
        var logger = new ListLogger();
        var calendar = WorkingDayCalendar.LoadEmbedded(logger);
        calendar.WorkingDaysBetween(Day("2022-12-30"), Day("2026-12-31"));
        Assert.Empty(logger.Entries);
    }

    [Fact]
    public void Before_its_data_the_calendar_also_falls_back_to_weekdays()
    {
        var logger = new ListLogger();
        var calendar = WorkingDayCalendar.LoadEmbedded(logger);
        Assert.True(calendar.IsWorkingDay(Day("2022-10-03"))); // a Monday (in fact National Day 2022; no data)
        Assert.Contains("2022", Assert.Single(logger.Entries).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_calendar_made_from_data_uses_only_that_data()
    {
        var calendar = new WorkingDayCalendar(
        [
            new WorkingDayYear(2030, "test notice", [Day("2030-01-01")], [Day("2030-01-05")]),
        ]);
        Assert.False(calendar.IsWorkingDay(Day("2030-01-01"))); // a Tuesday, off
        Assert.True(calendar.IsWorkingDay(Day("2030-01-05"))); // a Saturday, made up
        Assert.True(calendar.Covers(Day("2030-12-31")));
        Assert.False(calendar.Covers(Day("2026-02-16")));
        Assert.True(calendar.IsWorkingDay(Day("2026-02-16"))); // a Monday: 2026 is not in this data
    }

    [Fact]
    public void The_shipped_calendar_ends_on_2026_12_31_and_counts_2027_Monday_to_Friday()
    {
        // No State Council notice for 2027 is in the sources: 1 January 2027 (a Friday) counts as a working day until
        // operators upload the notice (docs/operations.md, "Configuration data").
        Assert.Equal(Day("2026-12-31"), Calendar.LastCoveredDay);
        Assert.False(Calendar.Covers(Day("2027-01-01")));
        Assert.True(Calendar.IsWorkingDay(Day("2027-01-01")));
        Assert.Equal(Day("2027-01-04"), Calendar.AddWorkingDays(Day("2026-12-31"), 2));
    }

    [Fact]
    public void Adopting_another_calendars_data_changes_every_answer_of_this_instance_at_once()
    {
        var held = new WorkingDayCalendar([new WorkingDayYear(2030, "test notice", [], [])]);
        var next = new WorkingDayCalendar(
        [
            new WorkingDayYear(2030, "test notice", [], []),
            new WorkingDayYear(2031, "test notice", [Day("2031-01-01")], []),
        ]);
        Assert.True(held.IsWorkingDay(Day("2031-01-01"))); // a Wednesday, 2031 not covered

        held.Adopt(next);

        Assert.False(held.IsWorkingDay(Day("2031-01-01")));
        Assert.Equal(Day("2031-12-31"), held.LastCoveredDay);
        Assert.Equal([2030, 2031], held.CoveredYears.Order());
        Assert.Equal([(2030, "test notice"), (2031, "test notice")], held.Notices);
    }
}
