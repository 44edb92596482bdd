using Microsoft.Extensions.Logging;

namespace CreditFunctions.Domain.Calendar;

internal static partial class WorkingDayCalendarLog
{
    [LoggerMessage(
        EventId = 4101,
        EventName = "WorkingDayCalendarFallback",
        Level = LogLevel.Warning,
        Message = "No State Council holiday notice is loaded for {Year}: working days that year are counted Monday to Friday, without statutory holidays or make-up working days, so deadlines may be off until the calendar data is updated.")]
    public static partial void FallingBackToWeekdays(ILogger logger, int year);
}
