using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Time.Testing;

namespace CreditFunctions.Domain.Tests.Time;

public class ChinaStandardTimeTests
{
    [Fact]
    public void China_is_eight_hours_ahead_of_UTC_all_year()
    {
        Assert.Equal(TimeSpan.FromHours(8), ChinaStandardTime.Offset);
    }

    [Fact]
    public void Half_past_four_in_the_afternoon_UTC_is_already_the_next_day_in_China()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 5, 16, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2024, 5, 6), ChinaStandardTime.Today(clock));
    }

    [Fact]
    public void One_second_before_four_in_the_afternoon_UTC_is_still_the_previous_day_in_China()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 5, 15, 59, 59, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2024, 5, 5), ChinaStandardTime.Today(clock));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2024, 5, 6), ChinaStandardTime.Today(clock));
    }

    [Fact]
    public void The_date_of_an_instant_does_not_depend_on_the_offset_it_carries()
    {
        var inNewYork = new DateTimeOffset(2024, 5, 5, 12, 30, 0, TimeSpan.FromHours(-4)); // 16:30Z
        Assert.Equal(new DateOnly(2024, 5, 6), ChinaStandardTime.DateOf(inNewYork));
        Assert.Equal(new DateOnly(2024, 5, 6), ChinaStandardTime.DateOf(inNewYork.ToUniversalTime()));
    }

    [Fact]
    public void A_China_day_starts_at_four_in_the_afternoon_UTC_the_day_before()
    {
        var start = ChinaStandardTime.StartOfDay(new DateOnly(2024, 5, 6));
        Assert.Equal(new DateTimeOffset(2024, 5, 5, 16, 0, 0, TimeSpan.Zero), start);
        Assert.Equal(ChinaStandardTime.Offset, start.Offset);
        Assert.Equal(new DateOnly(2024, 5, 6), ChinaStandardTime.DateOf(start));
        Assert.Equal(new DateOnly(2024, 5, 5), ChinaStandardTime.DateOf(start.AddTicks(-1)));
    }

    [Fact]
    public void Now_is_the_clock_s_instant_at_plus_eight()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 5, 5, 16, 30, 0, TimeSpan.Zero));
        var now = ChinaStandardTime.Now(clock);
        Assert.Equal(clock.GetUtcNow(), now);
        Assert.Equal(new DateTime(2024, 5, 6, 0, 30, 0), now.DateTime);
    }
}
