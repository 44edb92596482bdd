using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Repairs;

/// <summary>
/// Who decides a repair; an approved repair leaves publication and every measure at once (Regulations art38: within
/// 3 working days); removing a unit from the wage-arrears list removes every party listed with it (MOHRSS Order No. 45).
/// </summary>
public class RepairCascadeAndDecisionTests
{
    private static readonly DateOnly DecidedOn = Some.Date("2026-01-06");
    private static readonly CreditRecord Unit = Listings.OfUnit("2025-03-10");
    private static readonly CreditRecord LegalRepresentative = Listings.PartyOf(Unit, Some.Person, "legal-rep");
    private static readonly CreditRecord ResponsiblePerson = Listings.PartyOf(Unit, Some.OtherPerson, "responsible");

    [Fact]
    public void Only_the_submitting_unit_decides()
    {
        Assert.True(RepairDecisions.MayDecide("SH-HRSS-ENFORCEMENT", Unit));
        Assert.False(RepairDecisions.MayDecide("SH-DISTRICT-PUDONG", Unit));
        Assert.False(RepairDecisions.MayDecide(null, Unit));
        var check = RepairDecisions.Check("SH-DISTRICT-PUDONG", Unit, "approved", null);
        Assert.True(check.Problems is [{ Code: RepairCodes.NotSubmittingUnit, Forbidden: true }]);
    }

    [Fact]
    public void A_decision_is_approved_or_rejected_and_a_rejection_says_why()
    {
        Assert.True(RepairDecisions.Check("SH-HRSS-ENFORCEMENT", Unit, "approved", null).IsAccepted);
        Assert.Equal(RepairOutcome.Approved, RepairDecisions.Check("SH-HRSS-ENFORCEMENT", Unit, "approved", null).Outcome);
        Assert.Equal([RepairCodes.ReasonRequired], RepairDecisions.Check("SH-HRSS-ENFORCEMENT", Unit, "rejected", " ").Problems.Select(p => p.Code));
        Assert.Equal([RepairCodes.OutcomeInvalid], RepairDecisions.Check("SH-HRSS-ENFORCEMENT", Unit, "upheld", null).Problems.Select(p => p.Code));
        var rejected = RepairDecisions.Check("SH-HRSS-ENFORCEMENT", Unit, "rejected", " 证明材料不实。 ");
        Assert.Equal(RepairOutcome.Rejected, rejected.Outcome);
        Assert.Equal("证明材料不实。", rejected.Reason);
    }

    [Fact]
    public void Regulations_art38_an_approved_repair_leaves_publication_on_the_decision_day()
    {
        CreditRecord penalty = ARecord.AdminPenalty().DecidedOn("2024-04-30");
        var repaired = RepairDecisions.Approve(penalty, Some.Date("2024-08-02"));
        Assert.Equal(RecordState.Repaired, repaired.State);
        Assert.Equal(Some.Date("2024-08-02"), repaired.WithdrawnOn);
        Assert.True(repaired.IsActiveOn(Some.Date("2024-08-01")));
        Assert.False(repaired.IsActiveOn(Some.Date("2024-08-02")));
        Assert.Equal(penalty.RecordId, repaired.RecordId);
    }

    [Fact]
    public void MOHRSS_Order_45_the_parties_listed_with_the_unit_are_found()
    {
        var otherUnitsParty = ARecord.WageArrearsList().For(Some.Person).DecidedOn("2025-03-10").WithId("elsewhere").Build()
            with { ListedWithUnitId = Some.OtherUnit.Value };
        var earlierListingsParty = ARecord.WageArrearsList().For(Some.Person).DecidedOn("2023-06-01").WithId("earlier").Build()
            with { ListedWithUnitId = Some.Unit.Value, DecisionNumber = "沪人社监列〔2023〕7号" };
        var alreadyRepaired = Listings.PartyOf(Unit, Some.Person, "gone") with { State = RecordState.Repaired, WithdrawnOn = Some.Date("2025-12-01") };
        var penaltyOfPerson = ARecord.AdminPenalty().For(Some.Person).DecidedOn("2025-03-10").WithId("penalty").Build()
            with { ListedWithUnitId = Some.Unit.Value };

        var parties = RepairCascade.PartiesListedWith(Unit,
            [Unit, LegalRepresentative, otherUnitsParty, ResponsiblePerson, earlierListingsParty, alreadyRepaired, penaltyOfPerson]);

        Assert.Equal(["legal-rep", "responsible"], parties.Select(p => p.RecordId));
    }

    [Fact]
    public void MOHRSS_Order_45_removing_the_unit_removes_every_party_listed_with_it_the_same_day()
    {
        var removed = RepairCascade.ApproveWithParties(Unit, [LegalRepresentative, ResponsiblePerson], DecidedOn);
        Assert.Equal(["unit-listing", "legal-rep", "responsible"], removed.Select(r => r.RecordId));
        Assert.All(removed, r =>
        {
            Assert.Equal(RecordState.Repaired, r.State);
            Assert.Equal(DecidedOn, r.WithdrawnOn);
            Assert.True(r.IsActiveOn(DecidedOn.AddDays(-1)));
            Assert.False(r.IsActiveOn(DecidedOn));
        });
    }

    [Fact]
    public void Only_a_units_wage_arrears_listing_carries_parties()
    {
        var person = ARecord.WageArrearsList().For(Some.Person).DecidedOn("2025-03-10").Build();
        Assert.Empty(RepairCascade.PartiesListedWith(person, [LegalRepresentative]));
        CreditRecord penalty = ARecord.AdminPenalty().For(Some.Unit).DecidedOn("2025-03-10");
        Assert.Empty(RepairCascade.PartiesListedWith(penalty, [LegalRepresentative]));
    }

    [Fact]
    public void Without_decision_numbers_the_parties_of_the_same_listing_day_are_found()
    {
        var unit = Unit with { DecisionNumber = null };
        var sameDay = LegalRepresentative with { DecisionNumber = null };
        var otherDay = ResponsiblePerson with { DecisionNumber = null, DecisionDate = Some.Date("2025-03-11") };
        Assert.Equal(["legal-rep"], RepairCascade.PartiesListedWith(unit, [sameDay, otherDay]).Select(p => p.RecordId));
    }

    [Fact]
    public void V2_where_the_unit_has_one_active_listing_every_party_named_with_it_belongs_whatever_its_decision_number()
    {
        // The parties' own listing decisions carry their own numbers and dates (a defect found from outside: they were missed).
        var ownNumber = LegalRepresentative with { DecisionNumber = "沪人社监列〔2025〕31号", DecisionDate = Some.Date("2025-03-12") };
        var otherDay = ResponsiblePerson with { DecisionNumber = "沪人社监列〔2025〕32号", DecisionDate = Some.Date("2025-03-14") };

        var parties = RepairCascade.PartiesListedWith(Unit, [ownNumber, otherDay], [Unit]);

        Assert.Equal(["legal-rep", "responsible"], parties.Select(p => p.RecordId));
        Assert.Empty(RepairCascade.PartiesListedWith(Unit, [ownNumber, otherDay]));
    }

    [Fact]
    public void V2_where_the_unit_has_several_active_listings_a_party_belongs_to_the_one_of_its_number_or_else_its_day()
    {
        var second = Listings.OfUnit("2025-09-01", "second-listing") with { DecisionNumber = "沪人社监列〔2025〕90号" };
        var ofFirst = LegalRepresentative;
        var ofSecond = Listings.PartyOf(second, Some.OtherPerson, "of-second");

        Assert.Equal(["legal-rep"], RepairCascade.PartiesListedWith(Unit, [ofFirst, ofSecond], [Unit, second]).Select(p => p.RecordId));
        Assert.Equal(["of-second"], RepairCascade.PartiesListedWith(second, [ofFirst, ofSecond], [Unit, second]).Select(p => p.RecordId));
    }
}
