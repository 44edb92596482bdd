using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Periods;

/// <summary>Publication periods of each kind (docs/rules.md "Publication periods and expiry"), from catalogue data.</summary>
public static class PeriodRules
{
    public const string WageArrearsRegime = "mohrss-order-45";
    public const string CourtRegime = "court";
    public const string EnhancingRegime = "credit-enhancing";

    /// <summary>
    /// The period of a dishonesty record of art5.2–5.5: the regime in force on its decision date (default: no
    /// transitional article was found), unless the behaviour overrides it. Start = decision date; repairable from
    /// start + minimum months ("at least", inclusive); expires on start + maximum months.
    /// </summary>
    public static PublicationPeriod ForDishonesty(RecordKind kind, Severity severity, DateOnly decisionDate, CreditCatalogue catalogue, string? behaviourCode = null)
    {
        if (kind == RecordKind.WageArrearsList) return ForWageArrears(decisionDate, catalogue);
        var regime = catalogue.RegimeFor(kind, decisionDate)
            ?? throw new InvalidOperationException($"Catalogue {catalogue.Version} has no publication regime for {kind.ToWire()} decided on {decisionDate:yyyy-MM-dd}.");
        var rule = severity == Severity.Serious ? regime.Serious! : regime.General!;
        var name = regime.Name;
        if (behaviourCode is not null && catalogue.Behaviour(behaviourCode)?.Periods is { } overridden)
        {
            rule = overridden;
            name = "behaviour:" + behaviourCode;
        }
        return FromRule(decisionDate, rule, name);
    }

    /// <summary>wage-arrears-list: listed for 3 years from the listing decision (MOHRSS Order No. 45); early removal by its own rules, so no RepairableFrom.</summary>
    public static PublicationPeriod ForWageArrears(DateOnly listingDate, CreditCatalogue catalogue) =>
        new(listingDate, null, PeriodMath.AddMonths(listingDate, catalogue.Document.WageArrears.ListingMonths), WageArrearsRegime);

    /// <summary>court-dishonest-debtor: until removed, or through its listingEndDate (the last day listed). Not repaired here.</summary>
    public static PublicationPeriod ForCourtListing(DateOnly decisionDate, DateOnly? listingEndDate) =>
        new(decisionDate, null, listingEndDate?.AddDays(1), CourtRegime);

    /// <summary>Credit-enhancing: through its own validUntil (the last day valid), or the default validity (3 years).</summary>
    public static PublicationPeriod ForEnhancing(DateOnly decisionDate, DateOnly? validUntil, CreditCatalogue catalogue) =>
        new(decisionDate, null,
            validUntil?.AddDays(1) ?? PeriodMath.AddMonths(decisionDate, catalogue.Document.CreditEnhancing.DefaultValidityMonths),
            EnhancingRegime);

    /// <summary>
    /// wage-arrears-list early removal (MOHRSS Order No. 45): the earliest day removal may be granted when the arrears
    /// were corrected on <paramref name="correctedOn"/> — at least 6 months since the correction (inclusive).
    /// </summary>
    public static DateOnly WageArrearsEarliestRemoval(DateOnly correctedOn, CreditCatalogue catalogue) =>
        PeriodMath.AddMonths(correctedOn, catalogue.Document.WageArrears.EarlyRemovalMonthsAfterCorrection);

    /// <summary>
    /// Last day dishonesty information may be queried: 5 years from the end of the act (Regulations art35), i.e. the
    /// day before end + 5 years. The submission has no end-of-act date, so callers pass the decision date (default).
    /// </summary>
    public static DateOnly QueryableUntil(DateOnly endOfAct, CreditCatalogue catalogue) =>
        PeriodMath.AddMonths(endOfAct, 12 * catalogue.Document.QueryPeriodYears).AddDays(-1);

    private static PublicationPeriod FromRule(DateOnly start, PeriodRule rule, string regime) =>
        new(start,
            rule.MinimumMonths is { } min ? PeriodMath.AddMonths(start, min) : null,
            PeriodMath.AddMonths(start, rule.MaximumMonths),
            regime);
}
