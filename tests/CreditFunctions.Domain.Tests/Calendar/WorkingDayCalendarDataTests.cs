using System.Text;
using CreditFunctions.Domain.Calendar;
using static CreditFunctions.Domain.Tests.Calendar.PublishedHolidaysTests;

namespace CreditFunctions.Domain.Tests.Calendar;

/// <summary>A broken calendar file must stop the app at start-up with a message that says what is wrong.</summary>
public class WorkingDayCalendarDataTests
{
    [Theory]
    [InlineData("{", "invalid")]
    [InlineData("null", "null")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offDays":["2024-02-30"],"makeUpWorkingDays":[]}]}""", "offDays")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offDays":[]}]}""", "makeUpWorkingDays")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offdays":[],"makeUpWorkingDays":[]}]}""", "offdays")]
    [InlineData("""{"years":[]}""", "no year")]
    [InlineData("""{"years":[{"year":2024,"source":" ","offDays":[],"makeUpWorkingDays":[]}]}""", "source")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offDays":["2024-10-05"],"makeUpWorkingDays":["2024-10-05"]}]}""", "2024-10-05 is listed twice")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offDays":[],"makeUpWorkingDays":["2024-10-09"]}]}""", "Wednesday")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offDays":["2025-05-01"],"makeUpWorkingDays":[]}]}""", "not in that year")]
    [InlineData("""{"years":[{"year":2024,"source":"n","offDays":[],"makeUpWorkingDays":[]},{"year":2024,"source":"n","offDays":[],"makeUpWorkingDays":[]}]}""", "twice")]
    public void Broken_data_is_refused_with_a_clear_reason(string json, string mentioned)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var error = Assert.Throws<InvalidDataException>(() => WorkingDayCalendar.Load(stream));
        Assert.StartsWith("Working-day calendar data is invalid", error.Message, StringComparison.Ordinal);
        Assert.Contains(mentioned, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_well_formed_file_loads()
    {
        const string json = """{"description":"d","years":[{"year":2024,"source":"n","offDays":["2024-10-01"],"makeUpWorkingDays":["2024-10-12"]}]}""";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var calendar = WorkingDayCalendar.Load(stream);
        Assert.False(calendar.IsWorkingDay(Day("2024-10-01")));
        Assert.True(calendar.IsWorkingDay(Day("2024-10-12")));
    }
}
