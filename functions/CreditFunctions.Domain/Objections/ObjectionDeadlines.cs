using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.Domain.Objections;

/// <summary>
/// The clock of one objection, in working days of the State Council's holiday notices (make-up working days count)
/// — Shanghai Social Credit Regulations art36, docs/rules.md "Objections (art10)". The numbers come from the catalogue
/// in force on the filing day (<see cref="DeadlineRules"/>: 1, 2 and 5 working days).
/// "Within N working days" of day D is the N-th working day after D (<see cref="WorkingDayCalendar.AddWorkingDays"/>):
/// D itself is not counted, so an objection filed on a Saturday or a holiday starts counting on the next working day.
/// </summary>
public sealed record ObjectionDeadlines
{
    /// <summary>The day (China Standard Time) the objection was filed.</summary>
    public required DateOnly FiledOn { get; init; }
    /// <summary>The record is marked "under objection" by this day (at once, at most 1 working day; Regulations art36).</summary>
    public required DateOnly MarkBy { get; init; }
    /// <summary>The objection reaches the submitting unit by this day (at most 2 working days; Regulations art36).</summary>
    public required DateOnly PassToUnitBy { get; init; }
    /// <summary>The day the submitting unit received it; null until then.</summary>
    public DateOnly? ReceivedOn { get; init; }
    /// <summary>
    /// The unit decides by this day: 5 working days from receiving it (Regulations art36). Until the unit has received it,
    /// the system assumes it receives it on the filing day (the app passes it at once), and this is the
    /// <c>dueOn</c> shown to the subject on filing.
    /// </summary>
    public required DateOnly DecideBy { get; init; }
    /// <summary>The day the unit decided; null while open.</summary>
    public DateOnly? DecidedOn { get; init; }
    /// <summary>Working days the unit has to decide (catalogue, default 5), kept so a later receipt is computed the same way.</summary>
    public required int DecideWorkingDays { get; init; }

    /// <summary>The <c>dueOn</c> of the contract: <see cref="DecideBy"/>.</summary>
    public DateOnly DueOn => DecideBy;

    public bool IsDecided => DecidedOn is not null;

    /// <summary>The deadlines of an objection filed on <paramref name="filedOn"/> (Regulations art36).</summary>
    public static ObjectionDeadlines OnFiling(DateOnly filedOn, WorkingDayCalendar calendar, CatalogueSet catalogues)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(catalogues);
        var rules = catalogues.ForDate(filedOn).Document.Deadlines;
        return new ObjectionDeadlines
        {
            FiledOn = filedOn,
            MarkBy = calendar.AddWorkingDays(filedOn, rules.ObjectionMarkWorkingDays),
            PassToUnitBy = calendar.AddWorkingDays(filedOn, rules.ObjectionPassWorkingDays),
            // Assumed received on the filing day until the unit confirms receipt (see DecideBy).
            DecideBy = calendar.AddWorkingDays(filedOn, rules.ObjectionDecideWorkingDays),
            DecideWorkingDays = rules.ObjectionDecideWorkingDays,
        };
    }

    /// <summary>Decide-by for an objection the unit received on <paramref name="receivedOn"/>: the N-th working day after it (Regulations art36).</summary>
    public static DateOnly DecideByFor(DateOnly receivedOn, WorkingDayCalendar calendar, int decideWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return calendar.AddWorkingDays(receivedOn, decideWorkingDays);
    }

    /// <summary>The unit received it on <paramref name="receivedOn"/>: the 5 working days run from then.</summary>
    public ObjectionDeadlines ReceivedByUnit(DateOnly receivedOn, WorkingDayCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(receivedOn, FiledOn);
        return this with { ReceivedOn = receivedOn, DecideBy = DecideByFor(receivedOn, calendar, DecideWorkingDays) };
    }

    /// <summary>The unit decided on <paramref name="decidedOn"/>.</summary>
    public ObjectionDeadlines Decided(DateOnly decidedOn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(decidedOn, FiledOn);
        return this with { DecidedOn = decidedOn };
    }

    /// <summary>
    /// Overdue on <paramref name="today"/>: not decided and today is after <see cref="DecideBy"/> (the decide-by day
    /// itself is still in time). The sweep flags and escalates it (docs/rules.md "Objections (art10)").
    /// </summary>
    public bool IsOverdue(DateOnly today) => DecidedOn is null && today > DecideBy;

    /// <summary>Not yet received by the unit and today is after <see cref="PassToUnitBy"/>: the passing is late.</summary>
    public bool IsPassingOverdue(DateOnly today) => ReceivedOn is null && DecidedOn is null && today > PassToUnitBy;

    /// <summary>Decided, but after <see cref="DecideBy"/> (kept for the unit's timeliness figures).</summary>
    public bool WasDecidedLate => DecidedOn is { } d && d > DecideBy;
}
