using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Catalogue;

/// <summary>art7: the shipped "three lists", which version applies on which day, and how they are replaced.</summary>
public class CatalogueTests
{
    private static readonly CatalogueSet Set = Catalogues.Embedded;

    [Fact]
    public void Two_versions_are_shipped_in_the_assembly()
    {
        Assert.Equal(["2023-09-01", "2026-04-01"], Set.Versions.Select(v => v.Version));
    }

    [Theory]
    [InlineData("2023-08-31", "2023-09-01")] // before the Measures: the first version
    [InlineData("2023-09-01", "2023-09-01")]
    [InlineData("2026-03-31", "2023-09-01")]
    [InlineData("2026-04-01", "2026-04-01")]
    [InlineData("2028-08-31", "2026-04-01")]
    [InlineData("2028-09-01", "2026-04-01")]
    public void Art7_the_version_in_force_on_a_day_is_chosen_by_its_effective_date(string day, string version)
    {
        Assert.Equal(version, Set.ForDate(Some.Date(day)).Version);
    }

    [Fact]
    public void Art15_the_measures_are_in_force_through_2028_08_31_and_the_catalogue_says_what_applies_after()
    {
        var c = Set.ForDate(Some.Date("2028-09-01"));
        Assert.True(c.MeasuresInForceOn(Some.Date("2028-08-31")));
        Assert.False(c.MeasuresInForceOn(Some.Date("2028-09-01")));
        Assert.Contains("2028", c.Document.AfterMeasuresEnd!.En);
        Assert.Equal(["wage-arrears-joint-punishment", "court-debtor-no-startup-loan"],
            c.Document.ApplicationList.Where(m => m.ContinuesAfterMeasuresEnd).Select(m => m.Code));
    }

    [Fact]
    public void Art7_data_list_every_kind_with_its_article_and_polarity()
    {
        foreach (var version in Set.Versions)
        {
            foreach (var kind in RecordKinds.All)
            {
                var entry = version.DataListEntry(kind);
                Assert.Equal(kind.Article(), entry.Article);
                Assert.Equal(kind.Polarity().ToWire(), entry.Polarity);
            }
        }
    }

    [Fact]
    public void Contract_default_data_list_every_hrss_unit_but_the_credit_center_submits_art5_and_art6_kinds()
    {
        var c = Set.ForDate(Some.Date("2025-01-01"));
        var hrssUnits = new[] { UnitCodes.Hrss, UnitCodes.HrssEnforcement, UnitCodes.SocialInsurance, UnitCodes.Employment }.Concat(UnitCodes.Districts).ToArray();
        Assert.Equal(20, hrssUnits.Length);
        foreach (var kind in RecordKinds.All)
        {
            foreach (var unit in hrssUnits)
            {
                var expected = kind switch
                {
                    RecordKind.CourtDishonestDebtor => false,
                    RecordKind.HarmoniousLabourEnterprise => unit == UnitCodes.Hrss,
                    _ => true,
                };
                Assert.True(expected == c.MaySubmit(unit, kind), $"{unit} {kind}");
            }
            Assert.False(c.MaySubmit(UnitCodes.CreditCenter, kind));
            Assert.Equal(kind == RecordKind.CourtDishonestDebtor, c.MaySubmit(UnitCodes.Court, kind));
        }
    }

    [Fact]
    public void Art7_behaviour_list_is_a_realistic_list_of_hrss_behaviours_each_serious_one_with_a_legal_basis()
    {
        foreach (var version in Set.Versions)
        {
            var list = version.Document.BehaviourList;
            Assert.InRange(list.Count, 15, 25);
            Assert.All(list, b => Assert.True(LegalBasisCheck.NamesLawOrRegulation(b.LegalBasis), b.Code));
            Assert.All(list, b => Assert.NotNull(b.Name));
        }
    }

    [Fact]
    public void Art7_application_list_names_each_measure_of_art8_and_art9()
    {
        var articles = Set.Versions[0].Document.ApplicationList.Select(m => m.Article).ToArray();
        Assert.Equal(["art8.1.1", "art8.1.2", "art8.2.1", "art8.2.2", "art8.2.3", "art9.1", "art9.2.1", "art9.2.2"], articles);
    }

    [Fact]
    public void Deadlines_and_periods_are_the_documented_defaults()
    {
        var d = Set.ForDate(Some.Date("2026-04-01")).Document;
        Assert.Equal((1, 2, 5, 3, 15, 3),
            (d.Deadlines.ObjectionMarkWorkingDays, d.Deadlines.ObjectionPassWorkingDays, d.Deadlines.ObjectionDecideWorkingDays,
             d.Deadlines.RepairDecideWorkingDays, d.Deadlines.WageArrearsRemovalDecideWorkingDays, d.Deadlines.RevokedActWithdrawWorkingDays));
        Assert.Equal(36, d.WageArrears.ListingMonths);
        Assert.Equal(6, d.WageArrears.EarlyRemovalMonthsAfterCorrection);
        Assert.Equal(36, d.CreditEnhancing.DefaultValidityMonths);
        Assert.Equal(5, d.QueryPeriodYears);
        Assert.Equal(new DateOnly(2028, 8, 31), d.MeasuresValidUntil);
    }

    [Fact]
    public void Both_versions_agree_on_everything_but_the_regime_of_order_36()
    {
        var a = Catalogues.V2023;
        var b = Catalogues.V2026;
        string Json<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
        Assert.Equal(Json(a.DataList.Select(x => (x.Kind, x.Submitters.Count))), Json(b.DataList.Select(x => (x.Kind, x.Submitters.Count))));
        Assert.Equal(a.BehaviourList.Select(x => x.Code), b.BehaviourList.Select(x => x.Code));
        Assert.Equal(a.ApplicationList.Select(x => x.Code), b.ApplicationList.Select(x => x.Code));
        Assert.Equal(["ndrc-2019-527", "ndrc-order-58"], a.PublicationRegimes.Select(r => r.Name));
        Assert.Equal(["ndrc-2019-527", "ndrc-order-58", "ndrc-order-36"], b.PublicationRegimes.Select(r => r.Name));
    }

    [Fact]
    public void The_catalogue_is_served_as_camel_case_json_with_iso_dates_and_reads_back_the_same()
    {
        var json = CatalogueSet.ToJson(Set.Versions[1].Document);
        Assert.Contains("\"effectiveFrom\": \"2026-04-01\"", json);
        Assert.Contains("\"dataList\"", json);
        Assert.Contains("\"behaviourList\"", json);
        Assert.Contains("\"applicationList\"", json);
        Assert.Contains("\"zh\":", json);
        Assert.Equal(json, CatalogueSet.ToJson(CatalogueSet.ParseDocument(json, "roundtrip")));
    }

    [Fact]
    public void A_directory_can_replace_a_shipped_version_without_a_deploy()
    {
        var dir = Directory.CreateTempSubdirectory("catalogue-");
        try
        {
            var doc = Catalogues.V2026;
            doc.Deadlines.RepairDecideWorkingDays = 4;
            File.WriteAllText(Path.Combine(dir.FullName, "2026-04-01.json"), CatalogueSet.ToJson(doc));
            var set = CatalogueSet.Load(dir.FullName);
            Assert.Equal(2, set.Versions.Count);
            Assert.Equal(4, set.ForDate(Some.Date("2026-05-01")).Document.Deadlines.RepairDecideWorkingDays);
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void A_directory_can_add_a_version_for_after_the_measures_end()
    {
        var dir = Directory.CreateTempSubdirectory("catalogue-");
        try
        {
            var doc = Catalogues.V2026;
            doc.Version = "2028-09-01";
            doc.EffectiveFrom = new DateOnly(2028, 9, 1);
            doc.MeasuresValidUntil = new DateOnly(2033, 8, 31);
            File.WriteAllText(Path.Combine(dir.FullName, "2028-09-01.json"), CatalogueSet.ToJson(doc));
            var set = CatalogueSet.Load(dir.FullName);
            Assert.Equal("2028-09-01", set.ForDate(Some.Date("2028-09-01")).Version);
            Assert.True(set.ForDate(Some.Date("2028-09-01")).MeasuresInForceOn(Some.Date("2028-09-01")));
        }
        finally { dir.Delete(recursive: true); }
    }

    [Fact]
    public void A_missing_directory_means_the_shipped_versions()
    {
        Assert.Equal(2, CatalogueSet.Load("/no/such/directory").Versions.Count);
    }

    [Fact]
    public void Business_types_are_the_fifteen_of_the_domain()
    {
        var c = Set.Versions[0];
        foreach (var t in new[]
        {
            BusinessTypes.GovernmentFunding, BusinessTypes.GovernmentProcurement, BusinessTypes.TenderingBidding, BusinessTypes.FinancingLoan,
            BusinessTypes.MarketAccess, BusinessTypes.TaxPreference, BusinessTypes.AwardsHonours, BusinessTypes.Travel,
            BusinessTypes.StartupGuaranteedLoan, BusinessTypes.PreStartupGuaranteedLoan, BusinessTypes.YouthTrainingCamp,
            BusinessTypes.YouthInternshipBase, BusinessTypes.EmploymentAid, BusinessTypes.NotificationCommitment, BusinessTypes.HrssBusiness,
        })
        {
            Assert.True(c.IsKnownBusinessType(t), t);
        }
        Assert.Equal(15, c.Document.BusinessTypes.Count);
    }

    [Fact]
    public void Adopting_another_set_puts_its_versions_in_force_for_every_holder()
    {
        var held = CatalogueSet.LoadEmbedded();
        // A copy of the shipped 2026-04-01 version under a new name and date (parsed anew, so the shipped one is untouched).
        var document = CatalogueSet.ParseDocument(CatalogueSet.ToJson(held.ForVersion("2026-04-01")!.Document), "2027-01-01.json");
        document.Version = "2027-01-01";
        document.EffectiveFrom = new DateOnly(2027, 1, 1);
        var next = CatalogueSet.Load([("2027-01-01.json", CatalogueSet.ToJson(document))], "a test");

        held.Adopt(next);

        Assert.Equal(["2023-09-01", "2026-04-01", "2027-01-01"], held.Versions.Select(v => v.Version));
        Assert.Equal("2027-01-01", held.ForDate(new DateOnly(2027, 2, 1)).Version);
    }

    [Fact]
    public void Files_given_by_name_are_validated_together_and_every_problem_names_its_file()
    {
        var e = Assert.Throws<CatalogueValidationException>(() => CatalogueSet.Load([("catalogue/broken.json", "{")], "a container"));

        Assert.Contains(e.Problems, p => p.StartsWith("catalogue/broken.json:", StringComparison.Ordinal));
    }
}
