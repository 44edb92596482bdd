using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Records;

/// <summary>art5, art6, art7, art9.2: what a submission becomes. "Today" is 2025-06-01 unless a test says otherwise.</summary>
public class ClassificationTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static ClassifiedRecord Accepted(RecordSubmission s, DateOnly? today = null)
    {
        var result = RecordClassifier.Classify(s, Catalogues.Embedded, today ?? Today);
        Assert.True(result.IsAccepted, result.Rejection?.En);
        return result.Record;
    }

    private static RejectionReason Rejected(RecordSubmission s, DateOnly? today = null)
    {
        var result = RecordClassifier.Classify(s, Catalogues.Embedded, today ?? Today);
        Assert.False(result.IsAccepted, "expected a rejection");
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.Zh));
        Assert.False(string.IsNullOrWhiteSpace(result.Rejection.En));
        return result.Rejection;
    }

    // ---- art5.1 wage-arrears list ----

    [Fact]
    public void Art5_1_a_wage_arrears_listing_is_always_serious_dishonesty()
    {
        var r = Accepted(ASubmission.WageArrearsList());
        Assert.Equal(RecordKind.WageArrearsList, r.Kind);
        Assert.Equal(RecordPolarity.Dishonesty, r.Polarity);
        Assert.Equal(RecordClassification.Serious, r.Classification);
        Assert.Equal(Severity.Serious, r.Severity);
        Assert.Contains("人力资源社会保障部令第45号", r.LegalBasis);
    }

    [Fact]
    public void Art5_1_a_wage_arrears_listing_sent_as_general_is_rejected()
    {
        var reason = Rejected(ASubmission.WageArrearsList().General());
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("severity", reason.Field);
    }

    [Fact]
    public void Art5_1_a_wage_arrears_listing_is_published_three_years_from_the_listing_decision_and_not_repaired_by_the_regime()
    {
        var r = Accepted(ASubmission.WageArrearsList().DecidedOn("2024-04-30"));
        Assert.Equal(Some.Date("2024-04-30"), r.Period!.Value.Start);
        Assert.Equal(Some.Date("2027-04-30"), r.Period.Value.ExpiresOn);
        Assert.Null(r.Period.Value.RepairableFrom);
        Assert.Equal("mohrss-order-45", r.Period.Value.Regime);
    }

    // ---- parties listed with a unit (MOHRSS Order No. 45) ----

    [Fact]
    public void A_party_of_a_wage_arrears_listing_names_its_unit_which_is_kept_in_normal_form()
    {
        var r = Accepted(ASubmission.WageArrearsList().About(Some.Person).ListedWith(" 91350100m000100y43 "));
        Assert.Equal(Some.Unit, r.ListedWithUnit);
        Assert.Equal("91350100M000100Y43", r.ToCreditRecord("rid-1").ListedWithUnitId);
        Assert.Null(Accepted(ASubmission.WageArrearsList()).ListedWithUnit);
    }

    [Theory]
    [InlineData("admin-penalty")]
    [InlineData("false-materials")]
    [InlineData("court-dishonest-debtor")]
    [InlineData("award")]
    public void ListedWithUnitId_on_any_kind_but_the_wage_arrears_list_is_an_invalid_field(string kind)
    {
        var submission = kind switch
        {
            "admin-penalty" => ASubmission.AdminPenalty().General(),
            "false-materials" => ASubmission.FalseMaterials().General(),
            "court-dishonest-debtor" => ASubmission.CourtDishonestDebtor(),
            _ => ASubmission.Award(),
        };
        Accepted(submission);
        var reason = Rejected(submission.ListedWith(Some.OtherUnit.Value));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("listedWithUnitId", reason.Field);
        Assert.Contains("wage-arrears-list", reason.En, StringComparison.Ordinal);
        Assert.Contains(kind, reason.En, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M000100Y44")] // wrong check character
    [InlineData("91350100M000100Y5A")] // wrong organization code check (M000100Y gives 4)
    [InlineData("11010519491231002X")] // an ID number, not a unit
    [InlineData("SH-HRSS")]
    [InlineData("")]
    public void ListedWithUnitId_that_is_not_a_valid_USCC_is_an_invalid_field_saying_why(string listedWith)
    {
        var reason = Rejected(ASubmission.WageArrearsList().About(Some.Person).ListedWith(listedWith));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("listedWithUnitId", reason.Field);
        Assert.StartsWith("'listedWithUnitId' must be the USCC of the unit", reason.En, StringComparison.Ordinal);
        Assert.Contains("统一社会信用代码", reason.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void ListedWithUnitId_naming_the_subject_itself_is_an_invalid_field()
    {
        var reason = Rejected(ASubmission.WageArrearsList().About(Some.Unit).ListedWith(Some.Unit.Value.ToLowerInvariant()));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("listedWithUnitId", reason.Field);
        Assert.Contains("own subject", reason.En, StringComparison.Ordinal);
        // Another unit may be listed with a unit.
        Assert.Equal(Some.OtherUnit, Accepted(ASubmission.WageArrearsList().About(Some.Unit).ListedWith(Some.OtherUnit.Value)).ListedWithUnit);
    }

    // ---- art5.2 administrative penalties ----

    [Fact]
    public void Art5_2_an_admin_penalty_under_the_general_procedure_is_dishonesty_graded_by_the_behaviour_list()
    {
        var r = Accepted(ASubmission.AdminPenalty().Behaviour("si-contribution-unpaid"));
        Assert.Equal(RecordClassification.General, r.Classification);
        Assert.Equal("si-contribution-unpaid", r.BehaviourCode);
        Assert.Contains("社会保险法", r.LegalBasis);
    }

    [Fact]
    public void Art5_2_a_serious_behaviour_of_the_behaviour_list_is_serious_dishonesty()
    {
        var r = Accepted(ASubmission.AdminPenalty().Behaviour("child-labour"));
        Assert.Equal(RecordClassification.Serious, r.Classification);
        Assert.Contains("禁止使用童工规定", r.LegalBasis);
    }

    [Fact]
    public void Art5_2_an_admin_penalty_under_the_summary_procedure_is_excluded_and_never_published()
    {
        var r = Accepted(ASubmission.AdminPenalty().Behaviour("si-contribution-unpaid").SummaryProcedure());
        Assert.Equal(RecordClassification.Excluded, r.Classification);
        Assert.Null(r.Period);
        Assert.Equal(RecordState.Excluded, r.ToCreditRecord("x").State);
        Assert.False(r.ToCreditRecord("x").IsActiveOn(Some.Date("2024-05-01")));
    }

    [Fact]
    public void Art5_2_a_minor_violation_is_excluded()
    {
        var r = Accepted(ASubmission.AdminPenalty().Behaviour("child-labour").MinorViolation());
        Assert.Equal(RecordClassification.Excluded, r.Classification);
        Assert.Null(r.Period);
    }

    [Fact]
    public void Art5_2_harm_proactively_eliminated_or_mitigated_is_excluded()
    {
        var r = Accepted(ASubmission.AdminPenalty().General().HarmMitigated());
        Assert.Equal(RecordClassification.Excluded, r.Classification);
    }

    [Fact]
    public void Art5_2_an_admin_penalty_needs_its_procedure()
    {
        var reason = Rejected(ASubmission.AdminPenalty().Behaviour("child-labour").Procedure(null));
        Assert.Equal(RejectionCodes.MissingField, reason.Code);
        Assert.Equal("procedure", reason.Field);
    }

    [Fact]
    public void Art5_2_a_procedure_other_than_general_or_summary_is_rejected()
    {
        var reason = Rejected(ASubmission.AdminPenalty().Behaviour("child-labour").Procedure("simplified"));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
    }

    // ---- art5.3, art5.4, art5.5 ----

    [Fact]
    public void Art5_3_false_materials_to_obtain_employment_subsidies_are_serious_dishonesty()
    {
        var r = Accepted(ASubmission.FalseMaterials().Behaviour("employment-subsidy-false-materials"));
        Assert.Equal(RecordKind.FalseMaterials, r.Kind);
        Assert.Equal(RecordClassification.Serious, r.Classification);
    }

    [Fact]
    public void Art5_3_flags_of_art5_2_do_not_exclude_other_kinds()
    {
        var r = Accepted(ASubmission.FalseMaterials().Behaviour("training-subsidy-false-materials").MinorViolation());
        Assert.Equal(RecordClassification.General, r.Classification);
    }

    [Fact]
    public void Art5_4_an_untrue_commitment_is_dishonesty()
    {
        var r = Accepted(ASubmission.CommitmentBreach().Behaviour("commitment-untrue"));
        Assert.Equal(RecordKind.CommitmentBreach, r.Kind);
        Assert.Equal(RecordClassification.General, r.Classification);
    }

    [Fact]
    public void Art5_5_other_dishonesty_with_a_legal_basis_is_accepted()
    {
        var r = Accepted(ASubmission.OtherDishonesty().General().LegalBasis("《中华人民共和国劳动合同法》第八十五条"));
        Assert.Equal(RecordClassification.General, r.Classification);
    }

    [Fact]
    public void Art5_5_other_dishonesty_without_a_legal_basis_is_rejected()
    {
        var reason = Rejected(ASubmission.OtherDishonesty().General());
        Assert.Equal(RejectionCodes.MissingField, reason.Code);
        Assert.Equal("legalBasis", reason.Field);
    }

    [Fact]
    public void Art5_5_other_dishonesty_whose_basis_names_no_law_is_rejected()
    {
        var reason = Rejected(ASubmission.OtherDishonesty().General().LegalBasis("内部通报"));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("legalBasis", reason.Field);
    }

    // ---- art5, last paragraph: severity and legal basis ----

    [Fact]
    public void Art5_serious_without_a_legal_basis_is_rejected()
    {
        var reason = Rejected(ASubmission.AdminPenalty().Serious());
        Assert.Equal(RejectionCodes.SeriousWithoutLegalBasis, reason.Code);
        Assert.Equal("legalBasis", reason.Field);
    }

    [Fact]
    public void Art5_serious_with_a_basis_that_names_no_law_regulation_or_central_document_is_rejected()
    {
        var reason = Rejected(ASubmission.AdminPenalty().Serious().LegalBasis("本单位认为情节严重"));
        Assert.Equal(RejectionCodes.SeriousWithoutLegalBasis, reason.Code);
    }

    [Fact]
    public void Art5_serious_with_its_own_legal_basis_is_accepted()
    {
        var r = Accepted(ASubmission.AdminPenalty().Serious().LegalBasis("《中华人民共和国社会保险法》第八十八条"));
        Assert.Equal(RecordClassification.Serious, r.Classification);
        Assert.Equal("《中华人民共和国社会保险法》第八十八条", r.LegalBasis);
    }

    [Fact]
    public void Art5_general_needs_no_legal_basis()
    {
        var r = Accepted(ASubmission.AdminPenalty().General());
        Assert.Equal(RecordClassification.General, r.Classification);
    }

    [Fact]
    public void Art5_neither_behaviour_code_nor_severity_is_a_missing_field()
    {
        var reason = Rejected(ASubmission.AdminPenalty());
        Assert.Equal(RejectionCodes.MissingField, reason.Code);
        Assert.Equal("severity", reason.Field);
    }

    [Fact]
    public void Art7_a_severity_contradicting_the_behaviour_list_is_rejected()
    {
        var reason = Rejected(ASubmission.AdminPenalty().Behaviour("child-labour").General());
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("severity", reason.Field);
    }

    [Fact]
    public void Art7_an_unknown_severity_is_rejected()
    {
        Assert.Equal(RejectionCodes.InvalidField, Rejected(ASubmission.AdminPenalty().Severity("minor")).Code);
    }

    [Fact]
    public void Art7_an_unknown_behaviour_code_is_rejected()
    {
        var reason = Rejected(ASubmission.AdminPenalty().Behaviour("no-such-behaviour"));
        Assert.Equal(RejectionCodes.UnknownBehaviourCode, reason.Code);
        Assert.Equal("behaviourCode", reason.Field);
    }

    [Fact]
    public void Art7_a_behaviour_code_of_another_kind_is_rejected()
    {
        var reason = Rejected(ASubmission.FalseMaterials().Behaviour("child-labour"));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("behaviourCode", reason.Field);
    }

    [Fact]
    public void Art7_the_classification_records_the_catalogue_version_in_force_on_the_day_it_is_made()
    {
        Assert.Equal("2023-09-01", Accepted(ASubmission.AdminPenalty().General(), Some.Date("2026-03-31")).CatalogueVersion);
        Assert.Equal("2026-04-01", Accepted(ASubmission.AdminPenalty().General(), Some.Date("2026-04-01")).CatalogueVersion);
    }

    // ---- art6 credit-enhancing ----

    [Fact]
    public void Art6_1_an_award_is_credit_enhancing_for_three_years_by_default()
    {
        var r = Accepted(ASubmission.Award().DecidedOn("2024-02-29"));
        Assert.Equal(RecordClassification.Enhancing, r.Classification);
        Assert.Equal(RecordPolarity.Enhancing, r.Polarity);
        Assert.Null(r.Severity);
        Assert.Equal(Some.Date("2027-02-28"), r.Period!.Value.ExpiresOn);
    }

    [Fact]
    public void Art6_1_an_award_with_its_own_valid_until_is_shown_through_that_day()
    {
        var r = Accepted(ASubmission.Award().ValidUntil("2025-12-31"));
        Assert.Equal(Some.Date("2026-01-01"), r.Period!.Value.ExpiresOn);
    }

    [Fact]
    public void Art6_2_a_harmonious_labour_relations_enterprise_comes_from_the_bureau()
    {
        var r = Accepted(ASubmission.HarmoniousLabourEnterprise());
        Assert.Equal(RecordKind.HarmoniousLabourEnterprise, r.Kind);
        Assert.Equal(RecordClassification.Enhancing, r.Classification);
    }

    [Fact]
    public void Art6_2_a_district_bureau_may_not_submit_a_harmonious_labour_relations_enterprise()
    {
        var reason = Rejected(ASubmission.HarmoniousLabourEnterprise().From("SH-DISTRICT-PUDONG"));
        Assert.Equal(RejectionCodes.UnauthorisedSource, reason.Code);
    }

    [Fact]
    public void Art6_2_an_individual_cannot_be_a_harmonious_labour_relations_enterprise()
    {
        var reason = Rejected(ASubmission.HarmoniousLabourEnterprise().About(Some.Person));
        Assert.Equal(RejectionCodes.InvalidField, reason.Code);
        Assert.Equal("subject.type", reason.Field);
    }

    [Fact]
    public void Art6_3_other_enhancing_information_needs_a_legal_basis()
    {
        Assert.Equal("legalBasis", Rejected(ASubmission.OtherEnhancing()).Field);
        var r = Accepted(ASubmission.OtherEnhancing().LegalBasis("《上海市社会信用条例》第二十九条"));
        Assert.Equal(RecordClassification.Enhancing, r.Classification);
    }

    // ---- art9.2 court list ----

    [Fact]
    public void Art9_2_a_court_listing_is_an_external_list_not_hrss_dishonesty()
    {
        var r = Accepted(ASubmission.CourtDishonestDebtor().About(Some.Person).Number("(2024)沪0115执1234号"));
        Assert.Equal(RecordClassification.CourtListing, r.Classification);
        Assert.Equal(RecordPolarity.ExternalCourt, r.Polarity);
        Assert.Null(r.Severity);
        Assert.Null(r.Period!.Value.ExpiresOn);
        Assert.Null(r.Period.Value.RepairableFrom);
    }

    [Fact]
    public void Art9_2_only_the_court_feed_submits_court_listings()
    {
        Assert.Equal(RejectionCodes.UnauthorisedSource, Rejected(ASubmission.CourtDishonestDebtor().From("SH-HRSS")).Code);
    }

    [Fact]
    public void Art9_2_the_court_feed_submits_nothing_but_court_listings()
    {
        Assert.Equal(RejectionCodes.UnauthorisedSource, Rejected(ASubmission.AdminPenalty().General().From("court")).Code);
    }

    // ---- data list: sources, fields, dates ----

    [Fact]
    public void Art10_the_credit_center_receives_objections_but_submits_no_records()
    {
        var reason = Rejected(ASubmission.AdminPenalty().General().From("SH-CREDIT-CENTER"));
        Assert.Equal(RejectionCodes.UnauthorisedSource, reason.Code);
        Assert.Equal("source", reason.Field);
    }

    [Theory]
    [InlineData("SH-HRSS")]
    [InlineData("SH-HRSS-ENFORCEMENT")]
    [InlineData("SH-SOCIAL-INSURANCE")]
    [InlineData("SH-EMPLOYMENT")]
    [InlineData("SH-DISTRICT-CHONGMING")]
    public void Art4_every_hrss_unit_may_submit_dishonesty_in_its_own_name(string unit)
    {
        Accepted(ASubmission.AdminPenalty().General().From(unit));
    }

    [Fact]
    public void An_unknown_unit_is_unauthorised()
    {
        Assert.Equal(RejectionCodes.UnauthorisedSource, Rejected(ASubmission.AdminPenalty().General().From("SH-DISTRICT-NANHUI")).Code);
    }

    [Fact]
    public void An_unknown_kind_is_rejected()
    {
        var reason = Rejected(ASubmission.OfKind("parking-fine"));
        Assert.Equal(RejectionCodes.UnknownKind, reason.Code);
        Assert.Equal("kind", reason.Field);
    }

    [Theory]
    [InlineData("decisionNumber")]
    [InlineData("subject.name")]
    [InlineData("sourceRecordId")]
    [InlineData("decisionDate")]
    [InlineData("version")]
    public void A_required_field_of_the_data_list_that_is_missing_is_rejected_by_name(string field)
    {
        var b = ASubmission.AdminPenalty().General();
        b = field switch
        {
            "decisionNumber" => b.Number(null),
            "subject.name" => b.Named(" "),
            "sourceRecordId" => b.SourceRecordId(null),
            "decisionDate" => b.DecidedOn(null),
            _ => b.Version(0),
        };
        var reason = Rejected(b);
        Assert.Equal(RejectionCodes.MissingField, reason.Code);
        Assert.Equal(field, reason.Field);
    }

    [Theory]
    [InlineData("2024-02-30")]
    [InlineData("2023-02-29")]
    [InlineData("2024/04/30")]
    [InlineData("30.04.2024")]
    [InlineData("2024-4-30")]
    public void An_invalid_decision_date_is_rejected(string date)
    {
        var reason = Rejected(ASubmission.AdminPenalty().General().DecidedOn(date));
        Assert.Equal(RejectionCodes.InvalidDate, reason.Code);
        Assert.Equal("decisionDate", reason.Field);
    }

    [Fact]
    public void A_decision_dated_tomorrow_is_rejected_and_one_dated_today_is_accepted()
    {
        Assert.Equal(RejectionCodes.FutureDecisionDate, Rejected(ASubmission.AdminPenalty().General().DecidedOn("2025-06-02")).Code);
        Accepted(ASubmission.AdminPenalty().General().DecidedOn("2025-06-01"));
    }

    [Fact]
    public void A_decision_date_before_the_catalogues_earliest_date_is_an_invalid_date_naming_that_date()
    {
        var reason = Rejected(ASubmission.AdminPenalty().General().DecidedOn("1999-12-31"));
        Assert.Equal(RejectionCodes.InvalidDate, reason.Code);
        Assert.Equal("decisionDate", reason.Field);
        Assert.Contains("2000-01-01", reason.En, StringComparison.Ordinal);
        Assert.Contains("2000-01-01", reason.Zh, StringComparison.Ordinal);
        Assert.Contains("1999-12-31", reason.En, StringComparison.Ordinal);
        Accepted(ASubmission.AdminPenalty().General().DecidedOn("2000-01-01"));
        Assert.Equal(RejectionCodes.InvalidDate, Rejected(ASubmission.Award().DecidedOn("0001-01-01")).Code);
    }

    [Fact]
    public void The_earliest_decision_date_is_catalogue_data()
    {
        var d = Catalogues.V2023;
        d.EarliestDecisionDate = "2010-06-01";
        var set = CatalogueSet.FromDocuments([d, Catalogues.V2026]);
        var reason = RecordClassifier.Classify(ASubmission.AdminPenalty().General().DecidedOn("2010-05-31"), set, Today).Rejection;
        Assert.Equal(RejectionCodes.InvalidDate, reason?.Code);
        Assert.Contains("2010-06-01", reason!.En, StringComparison.Ordinal);
        Assert.True(RecordClassifier.Classify(ASubmission.AdminPenalty().General().DecidedOn("2010-06-01"), set, Today).IsAccepted);
    }

    [Fact]
    public void A_listing_end_before_the_decision_is_an_invalid_date()
    {
        var reason = Rejected(ASubmission.CourtDishonestDebtor().ListedUntil("2024-01-01"));
        Assert.Equal(RejectionCodes.InvalidDate, reason.Code);
        Assert.Equal("listingEndDate", reason.Field);
    }

    [Fact]
    public void An_unreal_valid_until_is_an_invalid_date()
    {
        Assert.Equal("validUntil", Rejected(ASubmission.Award().ValidUntil("2025-13-01")).Field);
    }

    [Fact]
    public void An_action_other_than_upsert_or_revoke_is_rejected()
    {
        Assert.Equal(RejectionCodes.InvalidField, Rejected(ASubmission.AdminPenalty().General().Action("delete")).Code);
        Assert.Equal(RejectionCodes.MissingField, Rejected(ASubmission.AdminPenalty().General().Action(null)).Code);
    }

    [Fact]
    public void A_revoke_needs_only_its_identity()
    {
        var revoke = new RecordSubmission
        {
            Source = "SH-HRSS-ENFORCEMENT", SourceRecordId = "R-1", Version = 1, Action = RecordActions.Revoke, Subject = default,
        };
        Assert.Null(RecordClassifier.CheckRevoke(revoke, Catalogues.Embedded, Today));
        Assert.Null(RecordClassifier.CheckRevoke(revoke with { Kind = "admin-penalty", Subject = Some.Unit }, Catalogues.Embedded, Today));
        Assert.Equal(RejectionCodes.MissingField, RecordClassifier.CheckRevoke(revoke with { SourceRecordId = null }, Catalogues.Embedded, Today)!.Code);
        Assert.Equal("sourceRecordId", RecordClassifier.CheckRevoke(revoke with { SourceRecordId = " " }, Catalogues.Embedded, Today)!.Field);
    }

    [Fact]
    public void A_revoke_needs_no_data_list_authorization_as_a_source_only_reaches_its_own_records()
    {
        // The court may not submit admin penalties, but a revoke of the court's "R-1" can only be the court's own record.
        var revoke = new RecordSubmission
        {
            Source = "court", SourceRecordId = "R-1", Version = 1, Action = RecordActions.Revoke, Kind = "admin-penalty", Subject = Some.Unit,
        };
        Assert.Null(RecordClassifier.CheckRevoke(revoke, Catalogues.Embedded, Today));
        Assert.Null(RecordClassifier.CheckRevoke(revoke with { Source = "SH-CREDIT-CENTER" }, Catalogues.Embedded, Today));
    }

    [Fact]
    public void A_revoke_that_names_a_kind_must_name_a_known_one()
    {
        var revoke = new RecordSubmission
        {
            Source = "SH-HRSS-ENFORCEMENT", SourceRecordId = "R-1", Version = 1, Action = RecordActions.Revoke, Kind = "parking-fine", Subject = default,
        };
        var reason = RecordClassifier.CheckRevoke(revoke, Catalogues.Embedded, Today);
        Assert.Equal(RejectionCodes.UnknownKind, reason?.Code);
        Assert.Equal("kind", reason!.Field);
        Assert.Contains("parking-fine", reason.En, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckRevoke_refuses_what_is_not_a_revoke()
    {
        var upsert = new RecordSubmission
        {
            Source = "SH-HRSS-ENFORCEMENT", SourceRecordId = "R-1", Version = 1, Action = RecordActions.Upsert, Subject = default,
        };
        Assert.Equal(RejectionCodes.InvalidField, RecordClassifier.CheckRevoke(upsert, Catalogues.Embedded, Today)!.Code);
        Assert.Equal(RejectionCodes.InvalidField, RecordClassifier.CheckRevoke(upsert with { Action = "delete" }, Catalogues.Embedded, Today)!.Code);
        Assert.Equal(RejectionCodes.MissingField, RecordClassifier.CheckRevoke(upsert with { Action = null }, Catalogues.Embedded, Today)!.Code);
    }

    [Fact]
    public void The_stored_view_carries_what_the_classification_decided()
    {
        var r = Accepted(ASubmission.AdminPenalty().Behaviour("si-benefit-fraud").DecidedOn("2024-04-30"));
        var stored = r.ToCreditRecord("rid-1");
        Assert.Equal("rid-1", stored.RecordId);
        Assert.Equal(RecordClassification.Serious, stored.Classification);
        Assert.Equal(r.Period!.Value.ExpiresOn, stored.ExpiresOn);
        Assert.Equal(r.Period.Value.RepairableFrom, stored.RepairableFrom);
        Assert.Equal("ndrc-order-58", stored.Regime);
        Assert.Equal("2023-09-01", stored.CatalogueVersion);
        Assert.Equal(RecordState.Active, stored.State);
        Assert.True(stored.IsActiveOn(Some.Date("2024-04-30")));
    }
}
