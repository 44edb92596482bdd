namespace CreditFunctions.Domain.Catalogue;

/// <summary>A catalogue file that failed validation: every problem, one per line.</summary>
public sealed class CatalogueValidationException(IReadOnlyList<string> problems)
    : Exception("The credit catalogue is invalid:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Every catalogue version, validated. Built once at start (a broken catalogue throws
/// <see cref="CatalogueValidationException"/> listing every problem); immutable and thread-safe afterwards.
/// </summary>
public sealed class CatalogueSet
{
    /// <summary>Versions ordered by effectiveFrom.</summary>
    public IReadOnlyList<CreditCatalogue> Versions => throw new NotImplementedException();

    /// <summary>The version in force on <paramref name="day"/>: the last whose effectiveFrom ≤ day (the first version before that).</summary>
    public CreditCatalogue ForDate(DateOnly day) => throw new NotImplementedException();

    /// <summary>A version by its name (e.g. the one a record was classified with), or null.</summary>
    public CreditCatalogue? ForVersion(string version) => throw new NotImplementedException();

    /// <summary>The versions embedded in this assembly (Catalogue/versions/*.json).</summary>
    public static CatalogueSet LoadEmbedded() => throw new NotImplementedException();

    /// <summary>
    /// The embedded versions plus every *.json in <paramref name="directory"/> (when given and existing); a file whose
    /// version equals an embedded one replaces it. This is how the catalogue is replaced without a deploy.
    /// </summary>
    public static CatalogueSet Load(string? directory) => throw new NotImplementedException();

    /// <summary>Builds and validates a set from documents (e.g. tests, or a store the app reads).</summary>
    public static CatalogueSet FromDocuments(IEnumerable<CatalogueDocument> documents) => throw new NotImplementedException();

    /// <summary>Parses one catalogue file; a syntax error is a <see cref="CatalogueValidationException"/>.</summary>
    public static CatalogueDocument ParseDocument(string json, string sourceName) => throw new NotImplementedException();

    /// <summary>Serialises one version as served by GET /api/catalogue.</summary>
    public static string ToJson(CatalogueDocument document) => throw new NotImplementedException();
}
