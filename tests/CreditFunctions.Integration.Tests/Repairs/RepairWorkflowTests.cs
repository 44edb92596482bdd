using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Objections;
using CreditFunctions.Integration.Tests.Support;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Repairs;

/// <summary>Credit repair (art11) through the HTTP functions on Azurite: refused at once with the date, or decided by the unit.</summary>
public sealed class RepairWorkflowTests
{
    [Fact]
    public async Task Too_early_is_422_naming_the_date_and_on_that_day_it_is_accepted_with_its_due_date()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var early = await FileRepair(app, Principals.Subject(unit), Application(unit, recordId, commitment: false));
        app.SetToday(new DateOnly(2024, 7, 30));
        var onTheDay = await FileRepair(app, Principals.Subject(unit), Application(unit, recordId));

        // NDRC Order No. 58 (decided 2024-04-30): at least 3 months before repair.
        Assert.Equal(422, early.Status);
        Assert.Equal("repair-not-eligible", early.Json.GetProperty("code").GetString());
        Assert.Equal("2024-07-30", early.Json.GetProperty("earliestDate").GetString());
        Assert.Contains("2024-07-30", early.Json.GetProperty("detail").GetString());
        var codes = early.Json.GetProperty("conditions").EnumerateArray().Select(c => c.GetProperty("code").GetString()).ToList();
        Assert.Equal(["minimum-period-not-passed", "commitment-missing"], codes);
        Assert.All(early.Json.GetProperty("conditions").EnumerateArray(), c =>
        {
            Assert.False(string.IsNullOrEmpty(c.GetProperty("zh").GetString()));
            Assert.False(string.IsNullOrEmpty(c.GetProperty("en").GetString()));
        });
        Assert.Equal(201, onTheDay.Status);
        Assert.Matches("^rep_[a-z2-7]{20}$", onTheDay.Json.GetProperty("repairId").GetString());
        Assert.Equal("pending", onTheDay.Json.GetProperty("status").GetString());
        // Tuesday + 3 working days.
        Assert.Equal("2024-08-02", onTheDay.Json.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task Approved_the_record_leaves_credit_restrictions_and_the_platform_and_the_subject_is_told()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        app.SetToday(new DateOnly(2024, 8, 1));
        Assert.Equal("enhanced-review", (await Restriction(app, unit)).Json.GetProperty("decision").GetString());
        var repairId = (await FileRepair(app, Principals.Subject(unit), Application(unit, recordId))).Json.GetProperty("repairId").GetString()!;

        var decided = await DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "approved" });

        Assert.Equal(200, decided.Status);
        Assert.Equal("approved", decided.Json.GetProperty("outcome").GetString());
        Assert.False(decided.Json.GetProperty("decidedLate").GetBoolean());
        Assert.Null(await ShownRecord(app, unit, recordId));
        Assert.Equal("no-record", (await Credit(app, unit)).Json.GetProperty("status").GetString());
        Assert.Equal("allowed", (await Restriction(app, unit)).Json.GetProperty("decision").GetString());
        Assert.Contains(await Outbox(app, unit, recordId), e => e.Type == PlatformEventTypes.Withdraw && e.Record.State == "repaired");
        var told = Assert.Single(await Mailbox.About(app, QueueNames.Notifications, "repairId", repairId));
        Assert.Equal("repair-decided", told.GetProperty("event").GetString());
        Assert.Equal("approved", told.GetProperty("outcome").GetString());
        var history = await History(app, unit, recordId);
        Assert.True(HistoryChain.Verify(history));
        Assert.Equal(["received", "repair-applied", "repaired"], history.Select(h => h.Action));
        Assert.Equal(["SH-HRSS-ENFORCEMENT", "subject", "unit@SH-HRSS-ENFORCEMENT"], history.Select(h => h.Actor));
        Assert.Equal("decided", (await GetRepair(app, Principals.Subject(unit), repairId)).Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Rejected_keeps_the_record_with_the_reason_and_a_second_decision_is_409()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        app.SetToday(new DateOnly(2024, 8, 1));
        var repairId = (await FileRepair(app, Principals.Subject(unit), Application(unit, recordId))).Json.GetProperty("repairId").GetString()!;

        var noReason = await DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "rejected" });
        var answers = await Task.WhenAll(
            DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "rejected", ["reason"] = "罚款尚未缴清" }),
            DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "approved" }));

        Assert.Equal(400, noReason.Status);
        Assert.Equal("reason-required", noReason.Json.GetProperty("code").GetString());
        Assert.Equal([200, 409], answers.Select(a => a.Status).Order());
        var outcome = answers.Single(a => a.Status == 200).Json.GetProperty("outcome").GetString();
        if (outcome == "rejected")
        {
            Assert.NotNull(await ShownRecord(app, unit, recordId));
            var seen = (await GetRepair(app, Principals.Subject(unit), repairId)).Json;
            Assert.Equal("罚款尚未缴清", seen.GetProperty("decisionReason").GetString());
            Assert.Contains(await History(app, unit, recordId), h => h.Action == "repair-rejected" && h.Detail!.Contains("罚款尚未缴清"));
        }
        else
        {
            Assert.Null(await ShownRecord(app, unit, recordId));
        }

        var again = await FileRepair(app, Principals.Subject(unit), Application(unit, recordId));
        Assert.Equal(outcome == "rejected" ? 201 : 422, again.Status);
    }

    [Fact]
    public async Task A_second_open_application_for_the_same_record_is_409()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        app.SetToday(new DateOnly(2024, 8, 1));

        var first = await FileRepair(app, Principals.Subject(unit), Application(unit, recordId));
        var second = await FileRepair(app, WorkflowKit.CenterPrincipal, Application(unit, recordId));

        Assert.Equal(201, first.Status);
        Assert.Equal(409, second.Status);
        Assert.Equal("repair-already-open", second.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Forbidden_callers_are_refused()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var other = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        app.SetToday(new DateOnly(2024, 8, 1));
        var repairId = (await FileRepair(app, Principals.Subject(unit), Application(unit, recordId))).Json.GetProperty("repairId").GetString()!;
        var approve = new JsonObject { ["outcome"] = "approved" };

        Assert.Equal(401, (await FileRepair(app, null, Application(unit, recordId))).Status);
        Assert.Equal(401, (await GetRepair(app, null, repairId)).Status);
        Assert.Equal(401, (await DecideRepair(app, null, repairId, approve)).Status);
        var partner = await FileRepair(app, Principals.Partner, Application(unit, recordId));
        Assert.Equal(403, partner.Status);
        Assert.Equal("not-allowed-to-apply", partner.Json.GetProperty("code").GetString());
        Assert.Equal(403, (await FileRepair(app, Principals.Subject(other), Application(unit, recordId))).Status);
        Assert.Equal(404, (await FileRepair(app, Principals.Subject(other), Application(other, recordId))).Status);
        // A case the caller may not see answers as an unknown one would (404), so ids cannot be probed.
        var otherUnit = await DecideRepair(app, Principals.Unit("SH-SOCIAL-INSURANCE"), repairId, approve);
        Assert.Equal(404, otherUnit.Status);
        Assert.Equal("repair-not-found", otherUnit.Json.GetProperty("code").GetString());
        var subjectDecides = await DecideRepair(app, Principals.Subject(unit), repairId, approve);
        Assert.Equal(403, subjectDecides.Status);
        Assert.Equal("not-submitting-unit", subjectDecides.Json.GetProperty("code").GetString());
        Assert.Equal(403, (await DecideRepair(app, WorkflowKit.CenterPrincipal, repairId, approve)).Status);
        Assert.Equal(404, (await GetRepair(app, Principals.Subject(other), repairId)).Status);
        Assert.Equal(404, (await GetRepair(app, Principals.Partner, repairId)).Status);
        Assert.Equal("repair-not-found", (await GetRepair(app, Principals.Partner, "rep_aaaaaaaaaaaaaaaaaaaa")).Json.GetProperty("code").GetString());
        Assert.NotNull(await ShownRecord(app, unit, recordId));
    }

    [Fact]
    public async Task The_units_list_says_when_an_application_is_past_its_due_day()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        app.SetToday(new DateOnly(2024, 8, 1));
        var repairId = (await FileRepair(app, Principals.Subject(unit), Application(unit, recordId))).Json.GetProperty("repairId").GetString()!;

        async Task<bool> Overdue() => (await List(app)).Single(r => r.GetProperty("repairId").GetString() == repairId).GetProperty("overdue").GetBoolean();

        var onTime = await Overdue();
        app.SetToday(new DateOnly(2024, 8, 7)); // due 2024-08-06 (Thursday + 3 working days)
        Assert.False(onTime);
        Assert.True(await Overdue());
    }

    private static async Task<List<System.Text.Json.JsonElement>> List(CreditApp app) =>
        HttpAnswer.Of(await app.Function<CreditFunctions.App.Repairs.ListRepairsFunction>().Run(app.Request("/api/repairs", "status=pending", Principals.Unit(Enforcement)), CancellationToken.None))
            .Json.GetProperty("repairs").EnumerateArray().ToList();

    internal static JsonObject Application(string subjectId, string recordId, bool commitment = true, string? correctedOn = null, bool criminal = false)
    {
        var body = new JsonObject
        {
            ["subjectId"] = subjectId,
            ["recordId"] = recordId,
            ["statement"] = "罚款已全额缴纳，已整改到位 / the fine is paid and the practice corrected",
            ["commitment"] = commitment,
            ["evidence"] = new JsonArray("缴款书 2024-05-20.pdf"),
        };
        if (correctedOn is not null)
        {
            body["correctedOn"] = correctedOn;
        }

        if (criminal)
        {
            body["criminalProceedingsPending"] = true;
        }

        return body;
    }

    private static async Task<HttpAnswer> Restriction(CreditApp app, string subjectId) =>
        HttpAnswer.Of(await app.Function<RestrictionFunction>().Run(
            app.Request($"/api/subjects/{subjectId}/restrictions", "business=hrss-business", Principals.Partner), subjectId, CancellationToken.None));
}
