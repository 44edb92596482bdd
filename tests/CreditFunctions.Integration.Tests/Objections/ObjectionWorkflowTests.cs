using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Objections;

/// <summary>
/// Objections (art10, Regulations art36) end to end through the HTTP functions on Azurite: filing marks the record in
/// queries and on the platform and tells the unit; each decision does what it says; every step is in the history.
/// </summary>
public sealed class ObjectionWorkflowTests
{
    [Fact]
    public async Task Filing_marks_the_record_in_queries_and_on_the_platform_and_tells_the_unit()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var filed = await FileObjection(app, Principals.Subject(unit), unit, recordId, evidence: ["付款凭证 2024-05-01.pdf"]);

        Assert.Equal(201, filed.Status);
        var objectionId = filed.Json.GetProperty("objectionId").GetString()!;
        Assert.Matches("^obj_[a-z2-7]{20}$", objectionId);
        Assert.Equal("pending", filed.Json.GetProperty("status").GetString());
        // Monday 2024-06-03 + 5 working days (Dragon Boat Festival 2024-06-10 is off).
        Assert.Equal("2024-06-11", filed.Json.GetProperty("dueOn").GetString());
        Assert.True((await ShownRecord(app, unit, recordId))!.Value.GetProperty("underObjection").GetBoolean());
        var opened = Assert.Single(await Outbox(app, unit, recordId), e => e.Type == PlatformEventTypes.ObjectionOpened);
        Assert.True(opened.Record.UnderObjection);
        Assert.EndsWith("." + objectionId, opened.EventId);
        var notice = Assert.Single(await Mailbox.About(app, QueueNames.Objections, "objectionId", objectionId));
        Assert.Equal(Enforcement, notice.GetProperty("unit").GetString());
        Assert.Equal(recordId, notice.GetProperty("recordId").GetString());

        var pending = await ListObjections(app, Principals.Unit(Enforcement), "status=pending");
        Assert.Equal(200, pending.Status);
        Assert.Contains(pending.Json.GetProperty("objections").EnumerateArray(), o => o.GetProperty("objectionId").GetString() == objectionId);
        var followed = await GetObjection(app, Principals.Subject(unit), objectionId);
        Assert.Equal(200, followed.Status);
        Assert.Equal("付款凭证 2024-05-01.pdf", followed.Json.GetProperty("evidence")[0].GetString());
    }

    [Fact]
    public async Task Corrected_publishes_a_new_version_classified_again_and_lifts_the_mark()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;

        // The unit corrects the behaviour: the behaviour list grades it serious, with its own legal basis.
        var decided = await DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject
        {
            ["outcome"] = "corrected",
            ["reason"] = "违法行为定性有误，予以更正",
            ["corrected"] = new JsonObject { ["behaviourCode"] = "si-fund-fraud", ["summary"] = "骗取社会保险基金" },
        });

        Assert.Equal(200, decided.Status);
        Assert.Equal("decided", decided.Json.GetProperty("status").GetString());
        Assert.Equal("corrected", decided.Json.GetProperty("outcome").GetString());
        Assert.Equal(2, decided.Json.GetProperty("correctedVersion").GetInt64());
        var credit = (await Credit(app, unit)).Json;
        Assert.Equal("serious-dishonesty", credit.GetProperty("status").GetString());
        var shown = (await ShownRecord(app, unit, recordId))!.Value;
        Assert.False(shown.GetProperty("underObjection").GetBoolean());
        Assert.Equal("serious", shown.GetProperty("severity").GetString());
        Assert.Equal("骗取社会保险基金", shown.GetProperty("summary").GetString());
        var events = await Outbox(app, unit, recordId);
        var publish = Assert.Single(events, e => e.Type == PlatformEventTypes.Publish && e.Version == 2);
        Assert.Equal("serious", publish.Record.Classification);
        Assert.Single(events, e => e.Type == PlatformEventTypes.ObjectionClosed && e.EventId.EndsWith(objectionId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Revoked_withdraws_the_record_from_credit_and_the_platform()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, WorkflowKit.CenterPrincipal, unit, recordId)).Json.GetProperty("objectionId").GetString()!;

        var decided = await DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "revoked" });

        Assert.Equal(200, decided.Status);
        Assert.Null(await ShownRecord(app, unit, recordId));
        Assert.Equal("no-record", (await Credit(app, unit)).Json.GetProperty("status").GetString());
        Assert.Contains(await Outbox(app, unit, recordId), e => e.Type == PlatformEventTypes.Withdraw && e.Record.State == "revoked");
    }

    [Fact]
    public async Task Upheld_needs_a_reason_keeps_it_lifts_the_mark_and_tells_the_subject()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;

        var withoutReason = await DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "upheld" });
        app.SetToday(new DateOnly(2024, 6, 5));
        var upheld = await DecideObjection(app, Principals.Unit(Enforcement), objectionId,
            new JsonObject { ["outcome"] = "upheld", ["reason"] = "经复核，处罚事实清楚、证据确凿" });

        Assert.Equal(400, withoutReason.Status);
        Assert.Equal("reason-required", withoutReason.Json.GetProperty("code").GetString());
        Assert.Equal(200, upheld.Status);
        var shown = (await ShownRecord(app, unit, recordId))!.Value;
        Assert.False(shown.GetProperty("underObjection").GetBoolean());
        var seen = (await GetObjection(app, Principals.Subject(unit), objectionId)).Json;
        Assert.Equal("upheld", seen.GetProperty("outcome").GetString());
        Assert.Equal("经复核，处罚事实清楚、证据确凿", seen.GetProperty("decisionReason").GetString());
        Assert.Equal("2024-06-05", seen.GetProperty("decidedOn").GetString());
        var told = Assert.Single(await Mailbox.About(app, QueueNames.Notifications, "objectionId", objectionId));
        Assert.Equal("credit-notification/v1", told.GetProperty("schema").GetString());
        Assert.Equal("objection-decided", told.GetProperty("event").GetString());
        Assert.Equal("upheld", told.GetProperty("outcome").GetString());
        Assert.Equal(recordId, told.GetProperty("recordId").GetString());
        Assert.Equal(KeyOf(app, unit), told.GetProperty("subjectKey").GetString());
    }

    [Fact]
    public async Task Every_step_is_in_the_history_chain_with_who_did_it_and_the_chain_verifies()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var person = Subjects.NewIdNumber();
        var record = Penalty(Subjects.NewUscc());
        record["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "张三" };
        var recordId = await IngestAsync(app, record);
        var objectionId = (await FileObjection(app, Principals.Subject(person), person, recordId)).Json.GetProperty("objectionId").GetString()!;
        await DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "upheld", ["reason"] = "事实清楚" });

        var history = await History(app, person, recordId);

        Assert.True(HistoryChain.Verify(history));
        Assert.Equal(["received", "objection-opened", "objection-upheld"], history.Select(h => h.Action));
        Assert.Equal("subject", history[1].Actor);
        Assert.Equal("unit@" + Enforcement, history[2].Actor);
        Assert.All(history, h => Assert.DoesNotContain(person, h.Actor + h.Detail));
        Assert.Contains(objectionId, history[1].Detail);
        Assert.Contains("事实清楚", history[2].Detail);
    }

    [Fact]
    public async Task The_center_files_for_a_subject_and_lists_every_units_objections()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var filed = await FileObjection(app, WorkflowKit.CenterPrincipal, unit, recordId);
        var objectionId = filed.Json.GetProperty("objectionId").GetString()!;
        var all = await ListObjections(app, WorkflowKit.CenterPrincipal, "status=pending");
        var ofUnit = await ListObjections(app, Principals.Admin, $"unit={Enforcement}");

        Assert.Equal(201, filed.Status);
        Assert.Contains(all.Json.GetProperty("objections").EnumerateArray(), o => o.GetProperty("objectionId").GetString() == objectionId);
        Assert.Contains(ofUnit.Json.GetProperty("objections").EnumerateArray(), o => o.GetProperty("objectionId").GetString() == objectionId);
        Assert.Equal("center", (await GetObjection(app, Principals.Subject(unit), objectionId)).Json.GetProperty("filedAs").GetString());
    }

    [Fact]
    public async Task The_lists_say_who_filed_each_objection_so_the_center_finds_its_own_without_reading_each_case()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var forSubject = await IngestAsync(app, Penalty(unit));
        var bySubject = await IngestAsync(app, Penalty(unit));

        var centers = (await FileObjection(app, WorkflowKit.CenterPrincipal, unit, forSubject)).Json.GetProperty("objectionId").GetString()!;
        var subjects = (await FileObjection(app, Principals.Subject(unit), unit, bySubject)).Json.GetProperty("objectionId").GetString()!;
        await DecideObjection(app, Principals.Unit(Enforcement), centers, new() { ["outcome"] = "upheld", ["reason"] = "经复核，处罚事实清楚" });
        var asCenter = (await ListObjections(app, WorkflowKit.CenterPrincipal, "status=all")).Json.GetProperty("objections").EnumerateArray().ToList();
        var asUnit = (await ListObjections(app, Principals.Unit(Enforcement), "status=pending")).Json.GetProperty("objections").EnumerateArray().ToList();

        string FiledAs(List<JsonElement> list, string id) => list.Single(o => o.GetProperty("objectionId").GetString() == id).GetProperty("filedAs").GetString()!;
        Assert.Equal("center", FiledAs(asCenter, centers)); // decided: the row moved to decided| keeps it
        Assert.Equal("subject", FiledAs(asCenter, subjects));
        Assert.Equal("subject", FiledAs(asUnit, subjects));
    }
}
