namespace CreditFunctions.Domain.Catalogue;

/// <summary>
/// art5, last paragraph: a serious finding must rest on a law, a regulation, or a policy document of the Party
/// Central Committee or the State Council. See RULES.md for the exact test.
/// </summary>
public static class LegalBasisCheck
{
    /// <summary>True when <paramref name="legalBasis"/> names a law, regulation or Central Committee / State Council document.</summary>
    public static bool NamesLawOrRegulation(string? legalBasis) => throw new NotImplementedException();
}
