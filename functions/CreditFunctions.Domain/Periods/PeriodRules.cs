using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Periods;

/// <summary>Publication periods of each kind (domain.md "Publication periods and expiry"), from catalogue data.</summary>
public static class PeriodRules
{
    /// <summary>
    /// The period of a dishonesty record of art5.2–5.5: the regime in force on its decision date, unless the behaviour
    /// overrides it.
    /// </summary>
    public static PublicationPeriod ForDishonesty(RecordKind kind, Severity severity, DateOnly decisionDate, CreditCatalogue catalogue, string? behaviourCode = null)
        => throw new NotImplementedException();

    /// <summary>wage-arrears-list: listed for 3 years from the listing decision (MOHRSS Order No. 45); early removal by its own rules.</summary>
    public static PublicationPeriod ForWageArrears(DateOnly listingDate, CreditCatalogue catalogue)
        => throw new NotImplementedException();

    /// <summary>court-dishonest-debtor: until removed, or through its listingEndDate (last day listed).</summary>
    public static PublicationPeriod ForCourtListing(DateOnly decisionDate, DateOnly? listingEndDate)
        => throw new NotImplementedException();

    /// <summary>Credit-enhancing: through its own validUntil (last day valid), or the default validity (3 years).</summary>
    public static PublicationPeriod ForEnhancing(DateOnly decisionDate, DateOnly? validUntil, CreditCatalogue catalogue)
        => throw new NotImplementedException();

    /// <summary>
    /// wage-arrears-list early removal (MOHRSS Order No. 45): the earliest day removal may be granted when the arrears
    /// were corrected on <paramref name="correctedOn"/> — at least 6 months since the correction.
    /// </summary>
    public static DateOnly WageArrearsEarliestRemoval(DateOnly correctedOn, CreditCatalogue catalogue)
        => throw new NotImplementedException();

    /// <summary>Last day dishonesty information may be queried: 5 years from the end of the act (Regulations art35). We take the decision date for the end of the act (default).</summary>
    public static DateOnly QueryableUntil(DateOnly endOfAct, CreditCatalogue catalogue)
        => throw new NotImplementedException();
}
