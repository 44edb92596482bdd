using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Status;

/// <summary>Credit status and measures of a subject on a day (art8), from its records and the application list.</summary>
public static class CreditStatusEvaluator
{
    /// <summary>
    /// Status from the records active on <paramref name="asOf"/> (records of other subjects are ignored), and the
    /// measures of the catalogue in force on <paramref name="asOf"/>.
    /// </summary>
    public static CreditStatusResult Evaluate(SubjectId subject, IReadOnlyList<CreditRecord> records, DateOnly asOf, CatalogueSet catalogues)
        => throw new NotImplementedException();

    /// <summary>The status alone (no allocation).</summary>
    public static CreditStatus StatusOf(SubjectId subject, IReadOnlyList<CreditRecord> records, DateOnly asOf)
        => throw new NotImplementedException();
}
