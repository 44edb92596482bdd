namespace CreditFunctions.Domain.Calendar;

/// <summary>
/// One year of the State Council General Office's holiday notice: the days off (holidays and the weekend days
/// moved next to them) and the make-up working days (调休上班, weekend days worked instead).
/// </summary>
/// <param name="Year">The year the notice arranges; its New Year holiday may begin in the last days of the year before.</param>
/// <param name="Source">The notice, e.g. 国办发明电〔2025〕7号: the authority for every date in this entry.</param>
public sealed record WorkingDayYear(
    int Year,
    string Source,
    IReadOnlyList<DateOnly> OffDays,
    IReadOnlyList<DateOnly> MakeUpWorkingDays);
