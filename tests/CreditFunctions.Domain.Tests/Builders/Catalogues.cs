using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.Domain.Tests.Builders;

/// <summary>The shipped catalogue, and fresh editable copies of its documents for validation tests.</summary>
public static class Catalogues
{
    private static readonly Lazy<CatalogueSet> LazyEmbedded = new(CatalogueSet.LoadEmbedded);

    public static CatalogueSet Embedded => LazyEmbedded.Value;

    /// <summary>A fresh, independent copy of a shipped version's document (round trip through JSON).</summary>
    public static CatalogueDocument Document(string version) =>
        CatalogueSet.ParseDocument(CatalogueSet.ToJson(Embedded.ForVersion(version)!.Document), version);

    public static CatalogueDocument V2023 => Document("2023-09-01");
    public static CatalogueDocument V2026 => Document("2026-04-01");
}
