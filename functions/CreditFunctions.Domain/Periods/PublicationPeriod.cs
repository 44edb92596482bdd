namespace CreditFunctions.Domain.Periods;

/// <summary>
/// When a record is shown: active on day d when <see cref="Start"/> ≤ d &lt; <see cref="ExpiresOn"/> (half-open).
/// </summary>
/// <param name="Start">First day shown: the decision date.</param>
/// <param name="RepairableFrom">First day a repair may be applied for (end of the minimum period, "at least N" inclusive, art15); null = not repairable here.</param>
/// <param name="ExpiresOn">First day no longer shown; null = open-ended (court listing without an end date).</param>
/// <param name="Regime">Name of the rule that gave the period, e.g. "ndrc-order-36", "mohrss-order-45", "court", "credit-enhancing".</param>
public readonly record struct PublicationPeriod(DateOnly Start, DateOnly? RepairableFrom, DateOnly? ExpiresOn, string Regime)
{
    public bool IsActiveOn(DateOnly day) => Start <= day && (ExpiresOn is not { } e || day < e);
}

/// <summary>Date arithmetic of the Measures.</summary>
public static class PeriodMath
{
    /// <summary>Adds months, clamping to the month's end: 2024-01-31 + 1 month = 2024-02-29.</summary>
    public static DateOnly AddMonths(DateOnly date, int months) => date.AddMonths(months);

    /// <summary>"At least N months" has passed on <paramref name="day"/> (inclusive, art15).</summary>
    public static bool AtLeastMonthsPassed(DateOnly from, int months, DateOnly day) => day >= AddMonths(from, months);
}
