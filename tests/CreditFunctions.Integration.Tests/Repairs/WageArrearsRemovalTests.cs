using System.Text.Json.Nodes;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Objections;
using CreditFunctions.Integration.Tests.Support;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;
using static CreditFunctions.Integration.Tests.Repairs.RepairWorkflowTests;

namespace CreditFunctions.Integration.Tests.Repairs;

/// <summary>Early removal from the wage-arrears list (MOHRSS Order No. 45, arts 11–17): its own conditions, and the parties leave with the unit.</summary>
public sealed class WageArrearsRemovalTests
{
    [Fact]
    public async Task Early_removal_counts_6_months_from_the_correction_and_pending_criminal_proceedings_bar_it()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 2, 1));
        var unit = Subjects.NewUscc();
        var listing = await IngestAsync(app, Listing(unit, null, "沪人社欠薪〔2024〕7号"));
        app.SetToday(new DateOnly(2024, 7, 19));

        var early = await FileRepair(app, Principals.Subject(unit), Application(unit, listing, correctedOn: "2024-01-20"));
        var barred = await FileRepair(app, Principals.Subject(unit), Application(unit, listing, correctedOn: "2024-01-20", criminal: true));
        var uncorrected = await FileRepair(app, Principals.Subject(unit), Application(unit, listing));

        Assert.Equal(422, early.Status);
        Assert.Equal("2024-07-20", early.Json.GetProperty("earliestDate").GetString());
        Assert.Equal(["correction-period-not-passed"], Codes(early));
        Assert.Equal(422, barred.Status);
        Assert.False(barred.Json.TryGetProperty("earliestDate", out _));
        Assert.Contains("criminal-proceedings-pending", Codes(barred));
        Assert.Contains("arrears-not-corrected", Codes(uncorrected));
    }

    [Fact]
    public async Task Approving_the_units_removal_removes_every_party_listed_with_it()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 2, 1));
        var unit = Subjects.NewUscc();
        var representative = Subjects.NewIdNumber();
        var manager = Subjects.NewIdNumber();
        const string number = "沪人社欠薪〔2024〕8号";
        var listing = await IngestAsync(app, Listing(unit, null, number));
        var representativeListing = await IngestAsync(app, Listing(representative, unit, number));
        // v2: a party listed with the unit under a decision number of its own still leaves with the unit's one listing.
        var managerListing = await IngestAsync(app, Listing(manager, unit, "沪人社欠薪〔2024〕9号"));

        var partyAlone = await FileRepair(app, Principals.Subject(representative), Application(representative, representativeListing, correctedOn: "2024-01-20"));
        app.SetToday(new DateOnly(2024, 7, 22));
        var filed = await FileRepair(app, Principals.Subject(unit), Application(unit, listing, correctedOn: "2024-01-20"));
        var repairId = filed.Json.GetProperty("repairId").GetString()!;
        var decided = await DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "approved" });

        Assert.Equal(422, partyAlone.Status);
        Assert.Equal(["leaves-with-unit"], Codes(partyAlone));
        Assert.Equal(201, filed.Status);
        Assert.True(filed.Json.GetProperty("wageArrearsRemoval").GetBoolean());
        // 15 working days from Monday 2024-07-22.
        Assert.Equal("2024-08-12", filed.Json.GetProperty("dueOn").GetString());
        Assert.Equal(200, decided.Status);
        var removed = decided.Json.GetProperty("removedWithUnit").EnumerateArray().Select(e => e.GetString()).Order().ToList();
        Assert.Equal(new[] { representativeListing, managerListing }.Order(), removed);
        Assert.Null(await ShownRecord(app, unit, listing));
        Assert.Equal("no-record", (await Credit(app, representative)).Json.GetProperty("status").GetString());
        Assert.Equal("no-record", (await Credit(app, manager)).Json.GetProperty("status").GetString());
        var partyHistory = await History(app, manager, managerListing);
        Assert.True(HistoryChain.Verify(partyHistory));
        Assert.Contains(partyHistory, h => h.Action == "repaired-with-unit" && h.Detail!.Contains(listing));
        Assert.Single(await Mailbox.About(app, QueueNames.Notifications, "recordId", managerListing));
    }

    [Fact]
    public async Task Where_the_unit_has_two_active_listings_a_party_of_the_other_listing_stays()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 2, 1));
        var unit = Subjects.NewUscc();
        var ofFirst = Subjects.NewIdNumber();
        var ofSecond = Subjects.NewIdNumber();
        var first = await IngestAsync(app, Listing(unit, null, "沪人社欠薪〔2024〕11号"));
        await IngestAsync(app, Listing(unit, null, "沪人社欠薪〔2024〕12号"));
        var firstParty = await IngestAsync(app, Listing(ofFirst, unit, "沪人社欠薪〔2024〕11号"));
        var secondParty = await IngestAsync(app, Listing(ofSecond, unit, "沪人社欠薪〔2024〕12号"));
        app.SetToday(new DateOnly(2024, 7, 22));

        var repairId = (await FileRepair(app, Principals.Subject(unit), Application(unit, first, correctedOn: "2024-01-20"))).Json.GetProperty("repairId").GetString()!;
        var decided = await DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "approved" });

        Assert.Equal([firstParty], decided.Json.GetProperty("removedWithUnit").EnumerateArray().Select(e => e.GetString()).ToList());
        Assert.NotNull(await ShownRecord(app, ofSecond, secondParty));
    }

    private static List<string?> Codes(HttpAnswer answer) =>
        answer.Json.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();

    private static JsonObject Listing(string subjectId, string? listedWithUnit, string decisionNumber)
    {
        var individual = subjectId.Length == 18 && char.IsDigit(subjectId[0]) && listedWithUnit is not null;
        var record = new JsonObject
        {
            ["sourceRecordId"] = $"WA-{Guid.NewGuid():N}",
            ["version"] = 1,
            ["action"] = "upsert",
            ["kind"] = "wage-arrears-list",
            ["subject"] = new JsonObject { ["type"] = individual ? "individual" : "unit", ["id"] = subjectId, ["name"] = individual ? "李四" : "上海某某劳务有限公司" },
            ["decisionDate"] = "2024-01-10",
            ["decisionNumber"] = decisionNumber,
            ["summary"] = "拖欠农民工工资",
        };
        if (listedWithUnit is not null)
        {
            record["listedWithUnitId"] = listedWithUnit;
        }

        return record;
    }
}
