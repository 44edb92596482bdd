using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Objections;

/// <summary>
/// Shanghai Social Credit Regulations art36: marked within 1 working day, passed to the unit within 2, decided within 5
/// working days of the unit receiving it. Working days follow the State Council's notices, make-up days included.
/// </summary>
public class ObjectionDeadlineTests
{
    private static ObjectionDeadlines FiledOn(string day) =>
        ObjectionDeadlines.OnFiling(Some.Date(day), TheCalendar.Embedded, Catalogues.Embedded);

    [Fact]
    public void An_objection_filed_on_an_ordinary_Monday()
    {
        var d = FiledOn("2024-05-13");
        Assert.Equal(Some.Date("2024-05-14"), d.MarkBy);
        Assert.Equal(Some.Date("2024-05-15"), d.PassToUnitBy);
        Assert.Equal(Some.Date("2024-05-20"), d.DecideBy);
        Assert.Equal(d.DecideBy, d.DueOn);
    }

    [Fact]
    public void Spring_Festival_2026_the_make_up_Saturday_counts_and_the_nine_days_off_do_not()
    {
        // The calendar data this rests on (State Council notice 国办发明电〔2025〕7号).
        var calendar = TheCalendar.Embedded;
        Assert.True(calendar.IsWorkingDay(Some.Date("2026-02-14")));   // Saturday, make-up working day
        for (var day = Some.Date("2026-02-15"); day <= Some.Date("2026-02-23"); day = day.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(day));
        }
        Assert.True(calendar.IsWorkingDay(Some.Date("2026-02-28")));   // Saturday, make-up working day

        // Filed Friday 2026-02-13: 1st working day Sat 02-14, 2nd Tue 02-24, 5th Fri 02-27.
        var d = FiledOn("2026-02-13");
        Assert.Equal(Some.Date("2026-02-14"), d.MarkBy);
        Assert.Equal(Some.Date("2026-02-24"), d.PassToUnitBy);
        Assert.Equal(Some.Date("2026-02-27"), d.DecideBy);
    }

    [Fact]
    public void Spring_Festival_2026_passed_by_the_make_up_Saturday()
    {
        // Filed Thursday 2026-02-12: marked by Fri 02-13, passed by Sat 02-14, decided by Thu 02-26.
        var d = FiledOn("2026-02-12");
        Assert.Equal(Some.Date("2026-02-13"), d.MarkBy);
        Assert.Equal(Some.Date("2026-02-14"), d.PassToUnitBy);
        Assert.Equal(Some.Date("2026-02-26"), d.DecideBy);
    }

    [Fact]
    public void Five_working_days_run_from_the_day_the_unit_receives_it()
    {
        // Received Tue 2026-02-24: 02-25, 02-26, 02-27, Sat 02-28 (make-up), Mon 03-02.
        var d = FiledOn("2026-02-13").ReceivedByUnit(Some.Date("2026-02-24"), TheCalendar.Embedded);
        Assert.Equal(Some.Date("2026-02-24"), d.ReceivedOn);
        Assert.Equal(Some.Date("2026-03-02"), d.DecideBy);
        Assert.Equal(Some.Date("2026-03-02"), ObjectionDeadlines.DecideByFor(Some.Date("2026-02-24"), TheCalendar.Embedded, 5));
    }

    [Fact]
    public void National_Day_2024_the_make_up_Saturday_is_the_fifth_working_day()
    {
        var calendar = TheCalendar.Embedded;
        for (var day = Some.Date("2024-10-01"); day <= Some.Date("2024-10-07"); day = day.AddDays(1))
        {
            Assert.False(calendar.IsWorkingDay(day));
        }
        Assert.True(calendar.IsWorkingDay(Some.Date("2024-10-12")));   // Saturday, make-up working day

        // Filed Mon 2024-09-30: 10-08, 10-09, 10-10, 10-11, Sat 10-12.
        var d = FiledOn("2024-09-30");
        Assert.Equal(Some.Date("2024-10-08"), d.MarkBy);
        Assert.Equal(Some.Date("2024-10-09"), d.PassToUnitBy);
        Assert.Equal(Some.Date("2024-10-12"), d.DecideBy);
    }

    [Fact]
    public void National_Day_2024_a_make_up_Sunday_before_the_holiday_counts()
    {
        Assert.True(TheCalendar.Embedded.IsWorkingDay(Some.Date("2024-09-29")));   // Sunday, make-up working day
        // Filed Fri 2024-09-27: Sun 09-29, Mon 09-30, 10-08, 10-09, 10-10.
        var d = FiledOn("2024-09-27");
        Assert.Equal(Some.Date("2024-09-29"), d.MarkBy);
        Assert.Equal(Some.Date("2024-09-30"), d.PassToUnitBy);
        Assert.Equal(Some.Date("2024-10-10"), d.DecideBy);
    }

    [Fact]
    public void Filed_during_a_holiday_the_count_starts_on_the_next_working_day()
    {
        var d = FiledOn("2024-10-05");
        Assert.Equal(Some.Date("2024-10-08"), d.MarkBy);
        Assert.Equal(Some.Date("2024-10-09"), d.PassToUnitBy);
        Assert.Equal(Some.Date("2024-10-12"), d.DecideBy);   // 10-08, 10-09, 10-10, 10-11, Sat 10-12 (make-up)
    }

    [Fact]
    public void Overdue_the_day_after_decide_by_and_not_on_it()
    {
        var d = FiledOn("2026-02-13");   // decide by 2026-02-27
        Assert.False(d.IsOverdue(Some.Date("2026-02-27")));
        Assert.True(d.IsOverdue(Some.Date("2026-02-28")));
    }

    [Fact]
    public void A_decided_objection_is_never_overdue()
    {
        var d = FiledOn("2026-02-13").Decided(Some.Date("2026-03-05"));
        Assert.False(d.IsOverdue(Some.Date("2026-03-06")));
        Assert.True(d.WasDecidedLate);
        Assert.False(FiledOn("2026-02-13").Decided(Some.Date("2026-02-27")).WasDecidedLate);
    }

    [Fact]
    public void A_later_receipt_moves_decide_by_and_the_overdue_day()
    {
        var d = FiledOn("2026-02-13").ReceivedByUnit(Some.Date("2026-02-24"), TheCalendar.Embedded);   // decide by 03-02
        Assert.False(d.IsOverdue(Some.Date("2026-02-28")));
        Assert.False(d.IsOverdue(Some.Date("2026-03-02")));
        Assert.True(d.IsOverdue(Some.Date("2026-03-03")));
    }

    [Fact]
    public void Passing_is_late_the_day_after_pass_by_while_the_unit_has_not_received_it()
    {
        var d = FiledOn("2026-02-13");   // pass by 2026-02-24
        Assert.False(d.IsPassingOverdue(Some.Date("2026-02-24")));
        Assert.True(d.IsPassingOverdue(Some.Date("2026-02-25")));
        Assert.False(d.ReceivedByUnit(Some.Date("2026-02-24"), TheCalendar.Embedded).IsPassingOverdue(Some.Date("2026-02-25")));
    }

    [Fact]
    public void Received_before_it_was_filed_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FiledOn("2026-02-13").ReceivedByUnit(Some.Date("2026-02-12"), TheCalendar.Embedded));
    }

    [Fact]
    public void The_numbers_come_from_the_catalogue()
    {
        var rules = Catalogues.Embedded.ForDate(Some.Date("2026-02-13")).Document.Deadlines;
        Assert.Equal((1, 2, 5), (rules.ObjectionMarkWorkingDays, rules.ObjectionPassWorkingDays, rules.ObjectionDecideWorkingDays));
        Assert.Equal(5, FiledOn("2026-02-13").DecideWorkingDays);
    }
}
