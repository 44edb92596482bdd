using CreditFunctions.Domain.Periods;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Tests.Builders;
using CsCheck;

namespace CreditFunctions.Domain.Tests.Periods;

/// <summary>docs/rules.md "Publication periods and expiry": regimes by decision date, month ends, half-open activity.</summary>
public class PublicationPeriodTests
{
    private static readonly Domain.Catalogue.CreditCatalogue Latest = Catalogues.Embedded.ForVersion("2026-04-01")!;

    private static PublicationPeriod Dishonesty(Severity severity, string decided) =>
        PeriodRules.ForDishonesty(RecordKind.AdminPenalty, severity, Some.Date(decided), Latest);

    // ---- regimes, chosen by decision date ----

    [Theory]
    //           severity  decided       regime            repairable     expires
    [InlineData("general", "2023-04-30", "ndrc-2019-527", "2023-07-30", "2024-04-30")]
    [InlineData("serious", "2023-04-30", "ndrc-2019-527", "2023-10-30", "2026-04-30")]
    [InlineData("general", "2023-05-01", "ndrc-order-58", "2023-08-01", "2026-05-01")]
    [InlineData("serious", "2023-05-01", "ndrc-order-58", "2023-08-01", "2026-05-01")]
    [InlineData("general", "2026-03-31", "ndrc-order-58", "2026-06-30", "2029-03-31")]
    [InlineData("serious", "2026-03-31", "ndrc-order-58", "2026-06-30", "2029-03-31")]
    [InlineData("general", "2026-04-01", "ndrc-order-36", "2026-07-01", "2027-04-01")]
    [InlineData("serious", "2026-04-01", "ndrc-order-36", "2027-04-01", "2029-04-01")]
    public void A_record_takes_the_regime_in_force_on_its_decision_date(string severity, string decided, string regime, string repairable, string expires)
    {
        var p = Dishonesty(severity == "serious" ? Severity.Serious : Severity.General, decided);
        Assert.Equal(regime, p.Regime);
        Assert.Equal(Some.Date(decided), p.Start);
        Assert.Equal(Some.Date(repairable), p.RepairableFrom);
        Assert.Equal(Some.Date(expires), p.ExpiresOn);
    }

    [Fact]
    public void Regime_switch_serious_decided_2026_03_31_may_be_repaired_after_3_months_but_decided_2026_04_01_only_after_a_year()
    {
        Assert.Equal(Some.Date("2026-06-30"), Dishonesty(Severity.Serious, "2026-03-31").RepairableFrom);
        Assert.Equal(Some.Date("2027-04-01"), Dishonesty(Severity.Serious, "2026-04-01").RepairableFrom);
    }

    [Fact]
    public void Regime_switch_general_decided_2026_03_31_is_shown_3_years_but_decided_2026_04_01_only_1_year()
    {
        Assert.Equal(Some.Date("2029-03-31"), Dishonesty(Severity.General, "2026-03-31").ExpiresOn);
        Assert.Equal(Some.Date("2027-04-01"), Dishonesty(Severity.General, "2026-04-01").ExpiresOn);
    }

    [Fact]
    public void A_record_decided_before_2023_05_01_and_sent_late_keeps_the_2019_notice_periods()
    {
        var p = Dishonesty(Severity.Serious, "2022-11-15");
        Assert.Equal("ndrc-2019-527", p.Regime);
        Assert.Equal(Some.Date("2023-05-15"), p.RepairableFrom);
        Assert.Equal(Some.Date("2025-11-15"), p.ExpiresOn);
    }

    [Fact]
    public void The_2023_catalogue_knows_no_order_36_so_its_order_58_regime_is_open_ended()
    {
        var v2023 = Catalogues.Embedded.ForVersion("2023-09-01")!;
        Assert.Equal("ndrc-order-58", v2023.RegimeFor(RecordKind.AdminPenalty, Some.Date("2026-05-01"))!.Name);
        Assert.Equal("ndrc-order-36", Latest.RegimeFor(RecordKind.AdminPenalty, Some.Date("2026-05-01"))!.Name);
    }

    // ---- boundaries: day before / day of / day after expiry ----

    [Fact]
    public void A_record_is_shown_the_day_before_it_expires_and_not_on_or_after_its_expiry_day()
    {
        var p = Dishonesty(Severity.General, "2026-04-01"); // expires 2027-04-01
        Assert.True(p.IsActiveOn(Some.Date("2027-03-31")));
        Assert.False(p.IsActiveOn(Some.Date("2027-04-01")));
        Assert.False(p.IsActiveOn(Some.Date("2027-04-02")));
    }

    [Fact]
    public void A_record_is_shown_from_its_decision_date_and_not_the_day_before()
    {
        var p = Dishonesty(Severity.General, "2026-04-01");
        Assert.False(p.IsActiveOn(Some.Date("2026-03-31")));
        Assert.True(p.IsActiveOn(Some.Date("2026-04-01")));
    }

    [Fact]
    public void Art15_at_least_the_minimum_period_includes_its_last_day()
    {
        var p = Dishonesty(Severity.Serious, "2026-04-01");
        Assert.True(PeriodMath.AtLeastMonthsPassed(p.Start, 12, Some.Date("2027-04-01")));
        Assert.False(PeriodMath.AtLeastMonthsPassed(p.Start, 12, Some.Date("2027-03-31")));
        Assert.Equal(Some.Date("2027-04-01"), p.RepairableFrom);
    }

    // ---- month ends and leap years ----

    [Theory]
    [InlineData("2024-01-31", 1, "2024-02-29")]
    [InlineData("2023-01-31", 1, "2023-02-28")]
    [InlineData("2024-02-29", 12, "2025-02-28")]
    [InlineData("2024-02-29", 36, "2027-02-28")]
    [InlineData("2024-02-29", 48, "2028-02-29")]
    [InlineData("2025-08-31", 6, "2026-02-28")]
    [InlineData("2023-11-30", 3, "2024-02-29")]
    [InlineData("2024-03-31", -1, "2024-02-29")]
    [InlineData("2024-12-31", 3, "2025-03-31")]
    public void Month_arithmetic_clamps_to_the_month_end(string from, int months, string expected)
    {
        Assert.Equal(Some.Date(expected), PeriodMath.AddMonths(Some.Date(from), months));
    }

    [Fact]
    public void A_general_record_decided_on_leap_day_under_order_36_expires_on_the_last_day_of_february()
    {
        var p = PeriodRules.ForDishonesty(RecordKind.FalseMaterials, Severity.General, Some.Date("2028-02-29"), Latest);
        Assert.Equal(Some.Date("2028-05-29"), p.RepairableFrom);
        Assert.Equal(Some.Date("2029-02-28"), p.ExpiresOn);
        Assert.True(p.IsActiveOn(Some.Date("2029-02-27")));
        Assert.False(p.IsActiveOn(Some.Date("2029-02-28")));
    }

    // ---- other kinds ----

    [Fact]
    public void Wage_arrears_listing_lasts_three_years_from_the_listing_decision()
    {
        var p = PeriodRules.ForWageArrears(Some.Date("2024-02-29"), Latest);
        Assert.Equal(Some.Date("2027-02-28"), p.ExpiresOn);
        Assert.True(p.IsActiveOn(Some.Date("2027-02-27")));
        Assert.False(p.IsActiveOn(Some.Date("2027-02-28")));
        Assert.Null(p.RepairableFrom);
    }

    [Theory]
    [InlineData("2024-08-31", "2025-02-28")]
    [InlineData("2024-03-15", "2024-09-15")]
    public void Wage_arrears_early_removal_needs_at_least_six_months_since_the_correction(string corrected, string earliest)
    {
        Assert.Equal(Some.Date(earliest), PeriodRules.WageArrearsEarliestRemoval(Some.Date(corrected), Latest));
    }

    [Fact]
    public void A_court_listing_without_an_end_date_stays_until_the_court_removes_it()
    {
        var p = PeriodRules.ForCourtListing(Some.Date("2024-01-10"), null);
        Assert.Null(p.ExpiresOn);
        Assert.True(p.IsActiveOn(Some.Date("2040-01-01")));
    }

    [Fact]
    public void A_court_listing_with_an_end_date_is_active_through_that_day()
    {
        var p = PeriodRules.ForCourtListing(Some.Date("2024-01-10"), Some.Date("2025-06-30"));
        Assert.True(p.IsActiveOn(Some.Date("2025-06-29")));
        Assert.True(p.IsActiveOn(Some.Date("2025-06-30")));
        Assert.False(p.IsActiveOn(Some.Date("2025-07-01")));
    }

    [Fact]
    public void Credit_enhancing_information_is_valid_through_its_own_valid_until_or_three_years()
    {
        Assert.Equal(Some.Date("2026-01-01"), PeriodRules.ForEnhancing(Some.Date("2024-05-01"), Some.Date("2025-12-31"), Latest).ExpiresOn);
        Assert.Equal(Some.Date("2027-05-01"), PeriodRules.ForEnhancing(Some.Date("2024-05-01"), null, Latest).ExpiresOn);
    }

    [Fact]
    public void Dishonesty_may_be_queried_for_five_years_from_the_end_of_the_act()
    {
        Assert.Equal(Some.Date("2029-04-29"), PeriodRules.QueryableUntil(Some.Date("2024-04-30"), Latest));
    }

    // ---- properties ----

    private static readonly Gen<DateOnly> Day =
        Gen.Int[new DateOnly(2015, 1, 1).DayNumber, new DateOnly(2035, 12, 31).DayNumber].Select(DateOnly.FromDayNumber);

    [Fact]
    public void Adding_months_never_overshoots_the_month_end_and_keeps_the_day_when_it_can()
    {
        Gen.Select(Day, Gen.Int[-60, 60]).Sample((d, months) =>
        {
            var r = PeriodMath.AddMonths(d, months);
            var expectedMonth = (d.Year * 12 + d.Month - 1) + months;
            var lastDay = DateTime.DaysInMonth(r.Year, r.Month);
            return r.Year * 12 + r.Month - 1 == expectedMonth
                && r.Day <= lastDay
                && (r.Day == d.Day || (d.Day > lastDay && r.Day == lastDay));
        });
    }

    [Fact]
    public void Adding_months_is_monotonic()
    {
        Gen.Select(Day, Day, Gen.Int[0, 60]).Sample((a, b, months) =>
            a > b || PeriodMath.AddMonths(a, months) <= PeriodMath.AddMonths(b, months));
    }

    [Fact]
    public void A_period_is_active_exactly_on_the_half_open_interval_from_start_to_expiry()
    {
        Gen.Select(Day, Gen.Int[1, 60], Gen.Int[-400, 2200]).Sample((start, months, offset) =>
        {
            var p = new PublicationPeriod(start, null, PeriodMath.AddMonths(start, months), "test");
            var d = start.AddDays(offset);
            return p.IsActiveOn(d) == (start <= d && d < p.ExpiresOn!.Value);
        });
    }

    [Fact]
    public void Every_dishonesty_period_starts_on_its_decision_date_and_can_be_repaired_before_it_expires()
    {
        Gen.Select(Day, Gen.Bool, Gen.Int[1, 4]).Sample((decided, serious, k) =>
        {
            var kind = (RecordKind)k; // AdminPenalty..OtherDishonesty
            var p = PeriodRules.ForDishonesty(kind, serious ? Severity.Serious : Severity.General, decided, Latest);
            return p.Start == decided && p.RepairableFrom > decided && p.RepairableFrom < p.ExpiresOn && p.IsActiveOn(decided);
        });
    }
}
