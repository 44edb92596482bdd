using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.Domain.Records;

/// <summary>Classification of a submission (art5, art6, art7, art9.2).</summary>
public static class RecordClassifier
{
    /// <summary>
    /// Checks and classifies one submission with the catalogue in force on <paramref name="today"/> (China Standard Time).
    /// Rejected submissions carry a reason code of contract.md.
    /// </summary>
    public static ClassificationResult Classify(RecordSubmission submission, CatalogueSet catalogues, DateOnly today)
        => throw new NotImplementedException();
}
