using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Catalogue;

/// <summary>A broken catalogue stops the app at start with one exception that lists every problem.</summary>
public class CatalogueValidationTests
{
    private static IReadOnlyList<string> Problems(params CatalogueDocument[] documents) =>
        Assert.Throws<CatalogueValidationException>(() => CatalogueSet.FromDocuments(documents)).Problems;

    private static void HasProblem(string fragment, params CatalogueDocument[] documents)
    {
        var problems = Problems(documents);
        Assert.True(problems.Any(p => p.Contains(fragment, StringComparison.Ordinal)),
            $"expected a problem containing '{fragment}', got:\n{string.Join("\n", problems)}");
    }

    [Fact]
    public void The_shipped_catalogue_is_valid()
    {
        Assert.Equal(2, CatalogueSet.FromDocuments([Catalogues.V2023, Catalogues.V2026]).Versions.Count);
    }

    [Fact]
    public void An_unknown_kind_in_the_behaviour_list_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.BehaviourList[1].Kind = "parking-fine";
        HasProblem("unknown kind 'parking-fine'", d);
    }

    [Fact]
    public void An_unknown_kind_in_the_data_list_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.DataList[0].Kind = "wage-arrear";
        HasProblem("unknown kind 'wage-arrear'", d);
        HasProblem("kind 'wage-arrears-list' (art5.1) is missing", d);
    }

    [Fact]
    public void Two_versions_effective_from_the_same_day_overlap()
    {
        var a = Catalogues.V2026;
        var b = Catalogues.V2026;
        b.Version = "2026-04-01-bis";
        HasProblem("overlaps version", a, b);
    }

    [Fact]
    public void Two_files_with_the_same_version_are_a_problem()
    {
        var a = Catalogues.V2026;
        var b = Catalogues.V2026;
        b.EffectiveFrom = new DateOnly(2027, 1, 1);
        HasProblem("two catalogue files carry this version", a, b);
    }

    [Fact]
    public void Art5_a_serious_behaviour_without_a_legal_basis_is_a_problem()
    {
        var d = Catalogues.V2023;
        var child = d.BehaviourList.Single(b => b.Code == "child-labour");
        child.LegalBasis = null;
        HasProblem("behaviourList[child-labour]: serious behaviour without a legal basis", d);
    }

    [Fact]
    public void Art5_a_serious_behaviour_whose_basis_names_no_law_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.BehaviourList.Single(b => b.Code == "child-labour").LegalBasis = "领导批示";
        HasProblem("serious behaviour without a legal basis", d);
    }

    [Fact]
    public void An_unknown_measure_reference_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.BusinessTypes.Single(b => b.Code == "employment-aid").ExemptFromMeasures.Add("no-such-measure");
        HasProblem("unknown measure reference 'no-such-measure'", d);
    }

    [Fact]
    public void A_measure_naming_an_unknown_business_type_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.ApplicationList.Single(m => m.Code == "key-review").BusinessTypes.Add("casino-licence");
        HasProblem("unknown business type 'casino-licence'", d);
    }

    [Fact]
    public void A_trigger_naming_an_unknown_kind_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.ApplicationList.Single(m => m.Code == "wage-arrears-joint-punishment").Trigger.AnyOf[0].Kinds = ["wage-arrears"];
        HasProblem("trigger names unknown kind 'wage-arrears'", d);
    }

    [Fact]
    public void An_incentive_that_restricts_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.ApplicationList.Single(m => m.Code == "hrss-facilitation").Effect = "restricted";
        HasProblem("an incentive cannot restrict", d);
    }

    [Fact]
    public void A_measure_in_the_wrong_article_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.ApplicationList.Single(m => m.Code == "key-review").Article = "art9.1";
        HasProblem("a constraint measure belongs in art8.2.*", d);
    }

    [Fact]
    public void An_exempt_business_type_that_the_measure_also_lists_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.ApplicationList.Single(m => m.Code == "court-debtor-no-youth-base").BusinessTypes.Add("employment-aid");
        HasProblem("exempt from 'court-debtor-no-youth-base' but that measure lists it", d);
    }

    [Fact]
    public void A_submitter_that_is_not_a_known_unit_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.DataList[1].Submitters.Add("SH-DISTRICT-NANHUI");
        HasProblem("unknown submitting unit 'SH-DISTRICT-NANHUI'", d);
    }

    [Fact]
    public void An_unknown_field_in_the_data_list_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.DataList[1].RequiredFields.Add("penaltyAmount");
        HasProblem("unknown required field 'penaltyAmount'", d);
    }

    [Fact]
    public void ListedWithUnitId_as_a_field_of_another_kind_than_the_wage_arrears_list_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.DataList.Single(e => e.Kind == "admin-penalty").OptionalFields.Add("listedWithUnitId");
        HasProblem("dataList[admin-penalty]: listedWithUnitId belongs to wage-arrears-list only", d);
    }

    [Fact]
    public void A_duplicate_behaviour_code_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.BehaviourList[2].Code = d.BehaviourList[1].Code;
        HasProblem("duplicate code", d);
    }

    [Fact]
    public void A_wage_arrears_behaviour_graded_general_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.BehaviourList.Single(b => b.Kind == "wage-arrears-list").Severity = "general";
        HasProblem("wage-arrears-list is always serious", d);
    }

    [Fact]
    public void A_minimum_period_longer_than_the_maximum_is_a_problem()
    {
        var d = Catalogues.V2026;
        d.PublicationRegimes.Single(r => r.Name == "ndrc-order-36").Serious!.MinimumMonths = 48;
        HasProblem("minimumMonths 48 must be between 0 and maximumMonths 36", d);
    }

    [Fact]
    public void A_gap_between_regimes_is_a_problem()
    {
        var d = Catalogues.V2026;
        d.PublicationRegimes.Single(r => r.Name == "ndrc-order-36").DecisionsFrom = new DateOnly(2026, 4, 2);
        HasProblem("gap between 'ndrc-order-58' and 'ndrc-order-36'", d);
    }

    [Fact]
    public void Overlapping_regimes_are_a_problem()
    {
        var d = Catalogues.V2026;
        d.PublicationRegimes.Single(r => r.Name == "ndrc-order-58").DecisionsUntil = new DateOnly(2026, 4, 1);
        HasProblem("'ndrc-order-58' and 'ndrc-order-36' overlap", d);
    }

    [Fact]
    public void Versions_that_disagree_on_a_regime_are_a_problem()
    {
        var a = Catalogues.V2023;
        var b = Catalogues.V2026;
        b.PublicationRegimes.Single(r => r.Name == "ndrc-order-58").General!.MaximumMonths = 24;
        HasProblem("regime 'ndrc-order-58' differs from version 2023-09-01", a, b);
    }

    [Fact]
    public void A_zero_deadline_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.Deadlines.ObjectionDecideWorkingDays = 0;
        HasProblem("deadlines.objectionDecideWorkingDays must be positive", d);
    }

    [Fact]
    public void Every_problem_is_listed_at_once_in_one_exception()
    {
        var d = Catalogues.V2023;
        d.BehaviourList[0].Kind = "x";
        d.BusinessTypes[0].ExemptFromMeasures.Add("y");
        d.QueryPeriodYears = 0;
        var e = Assert.Throws<CatalogueValidationException>(() => CatalogueSet.FromDocuments([d]));
        Assert.Equal(3, e.Problems.Count);
        Assert.All(e.Problems, p => Assert.Contains(p, e.Message));
        Assert.All(e.Problems, p => Assert.StartsWith("2023-09-01: ", p));
    }

    [Fact]
    public void The_earliest_decision_date_defaults_to_2000_01_01_when_absent()
    {
        foreach (var version in Catalogues.Embedded.Versions)
        {
            Assert.Equal(new DateOnly(2000, 1, 1), version.EarliestDecisionDate);
        }

        var d = Catalogues.V2023;
        d.EarliestDecisionDate = null;
        var json = CatalogueSet.ToJson(d);
        Assert.DoesNotContain("earliestDecisionDate", json, StringComparison.Ordinal);
        var set = CatalogueSet.FromDocuments([CatalogueSet.ParseDocument(json, "no-earliest.json")]);
        Assert.Equal(new DateOnly(2000, 1, 1), set.Versions.Single().EarliestDecisionDate);
    }

    [Fact]
    public void The_earliest_decision_date_is_a_known_property_of_a_catalogue_file()
    {
        var json = CatalogueSet.ToJson(Catalogues.V2023).Replace("\"earliestDecisionDate\": \"2000-01-01\"", "\"earliestDecisionDate\": \"1990-01-01\"", StringComparison.Ordinal);
        var d = CatalogueSet.ParseDocument(json, "earlier.json");
        Assert.Equal(new DateOnly(1990, 1, 1), CatalogueSet.FromDocuments([d]).Versions.Single().EarliestDecisionDate);
    }

    [Theory]
    [InlineData("2000-13-01")]
    [InlineData("01/01/2000")]
    [InlineData("2000-1-1")]
    [InlineData("")]
    public void An_unparsable_earliest_decision_date_is_a_problem(string value)
    {
        var d = Catalogues.V2023;
        d.EarliestDecisionDate = value;
        HasProblem($"earliestDecisionDate '{value}' is not a date YYYY-MM-DD", d);
    }

    [Fact]
    public void An_earliest_decision_date_after_the_version_takes_effect_is_a_problem()
    {
        var d = Catalogues.V2023;
        d.EarliestDecisionDate = "2024-01-01";
        HasProblem("earliestDecisionDate 2024-01-01 is after effectiveFrom 2023-09-01", d);
    }

    [Fact]
    public void A_file_that_is_not_json_is_a_problem_naming_the_file()
    {
        var e = Assert.Throws<CatalogueValidationException>(() => CatalogueSet.ParseDocument("{ not json", "broken.json"));
        Assert.StartsWith("broken.json: not a valid catalogue file", e.Problems.Single());
    }

    [Fact]
    public void A_misspelt_property_is_a_problem_rather_than_an_empty_list()
    {
        var json = CatalogueSet.ToJson(Catalogues.V2023).Replace("\"behaviourList\"", "\"behaviorList\"");
        var e = Assert.Throws<CatalogueValidationException>(() => CatalogueSet.ParseDocument(json, "typo.json"));
        Assert.Contains("behaviorList", e.Problems.Single());
    }

    [Fact]
    public void A_broken_file_in_the_replacement_directory_stops_loading()
    {
        var dir = Directory.CreateTempSubdirectory("catalogue-");
        try
        {
            var d = Catalogues.V2026;
            d.BehaviourList[0].Kind = "x";
            File.WriteAllText(Path.Combine(dir.FullName, "2026-04-01.json"), CatalogueSet.ToJson(d));
            File.WriteAllText(Path.Combine(dir.FullName, "other.json"), "[]");
            var e = Assert.Throws<CatalogueValidationException>(() => CatalogueSet.Load(dir.FullName));
            Assert.Contains(e.Problems, p => p.StartsWith("other.json", StringComparison.Ordinal));
        }
        finally { dir.Delete(recursive: true); }
    }
}
