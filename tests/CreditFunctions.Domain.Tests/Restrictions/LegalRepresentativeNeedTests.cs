using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Restrictions;

namespace CreditFunctions.Domain.Tests.Restrictions;

/// <summary>art9.2.2 is the only rule that looks at a unit's legal representative; other checks need not read them.</summary>
public sealed class LegalRepresentativeNeedTests
{
    private static readonly CatalogueSet Catalogues = CatalogueSet.LoadEmbedded();

    [Theory]
    [InlineData("youth-training-camp", true)]
    [InlineData("youth-internship-base", true)]
    [InlineData("startup-guaranteed-loan", false)]
    [InlineData("government-procurement", false)]
    [InlineData("notification-commitment", false)]
    [InlineData("employment-aid", false)]
    public void Art9_2_2_only_youth_bases_need_the_legal_representatives_records(string business, bool needed)
    {
        Assert.Equal(needed, RestrictionCheck.NeedsLegalRepresentative(business, new DateOnly(2024, 6, 3), Catalogues));
        Assert.Equal(needed, RestrictionCheck.NeedsLegalRepresentative(business, new DateOnly(2026, 6, 3), Catalogues));
    }
}
