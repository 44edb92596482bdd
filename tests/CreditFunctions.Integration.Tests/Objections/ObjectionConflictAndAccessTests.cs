using System.Text.Json.Nodes;
using CreditFunctions.Integration.Tests.Support;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Objections;

/// <summary>One open objection per record, one decision per objection, and who may do what (401/403/404).</summary>
public sealed class ObjectionConflictAndAccessTests
{
    [Fact]
    public async Task A_second_open_objection_on_the_same_record_is_409_and_a_new_one_is_accepted_after_the_decision()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var first = await FileObjection(app, Principals.Subject(unit), unit, recordId);

        var second = await FileObjection(app, WorkflowKit.CenterPrincipal, unit, recordId);
        await DecideObjection(app, Principals.Unit(Enforcement), first.Json.GetProperty("objectionId").GetString()!,
            new JsonObject { ["outcome"] = "upheld", ["reason"] = "事实清楚" });
        var third = await FileObjection(app, Principals.Subject(unit), unit, recordId, "新的证据表明事实有误");

        Assert.Equal(201, first.Status);
        Assert.Equal(409, second.Status);
        Assert.Equal("objection-already-open", second.Json.GetProperty("code").GetString());
        Assert.Equal(201, third.Status);
    }

    [Fact]
    public async Task Two_filings_racing_on_one_record_one_is_201_and_the_other_409()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var answers = await Task.WhenAll(
            FileObjection(app, Principals.Subject(unit), unit, recordId),
            FileObjection(app, WorkflowKit.CenterPrincipal, unit, recordId));

        Assert.Equal([201, 409], answers.Select(a => a.Status).Order());
        var history = await History(app, unit, recordId);
        Assert.Single(history, h => h.Action == "objection-opened");
    }

    [Fact]
    public async Task Two_decisions_racing_one_wins_with_200_and_the_other_gets_409()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;

        var answers = await Task.WhenAll(
            DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "revoked" }),
            DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "upheld", ["reason"] = "事实清楚" }));

        Assert.Equal([200, 409], answers.Select(a => a.Status).Order());
        Assert.Equal("objection-not-open", answers.Single(a => a.Status == 409).Json.GetProperty("code").GetString());
        var history = await History(app, unit, recordId);
        Assert.Single(history, h => h.Action is "objection-revoked" or "objection-upheld");
    }

    [Fact]
    public async Task Every_route_without_an_identity_is_401()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;

        Assert.Equal(401, (await FileObjection(app, null, unit, recordId)).Status);
        Assert.Equal(401, (await GetObjection(app, null, objectionId)).Status);
        Assert.Equal(401, (await ListObjections(app, null, "status=pending")).Status);
        Assert.Equal(401, (await DecideObjection(app, null, objectionId, new JsonObject { ["outcome"] = "revoked" })).Status);
    }

    [Fact]
    public async Task Wrong_roles_and_other_subjects_are_refused_and_a_case_a_caller_may_not_see_is_not_found()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var other = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;
        var revoke = new JsonObject { ["outcome"] = "revoked" };

        var partnerFiles = await FileObjection(app, Principals.Partner, unit, recordId);
        var otherSubjectFiles = await FileObjection(app, Principals.Subject(other), unit, recordId);
        var otherUnitDecides = await DecideObjection(app, Principals.Unit("SH-SOCIAL-INSURANCE"), objectionId, revoke);
        var subjectDecides = await DecideObjection(app, Principals.Subject(unit), objectionId, revoke);
        var otherSubjectLooks = await GetObjection(app, Principals.Subject(other), objectionId);
        var otherUnitLooks = await GetObjection(app, Principals.Unit("SH-SOCIAL-INSURANCE"), objectionId);
        var unitListsAnother = await ListObjections(app, Principals.Unit("SH-SOCIAL-INSURANCE"), $"unit={Enforcement}");
        var partnerLists = await ListObjections(app, Principals.Partner);

        Assert.Equal(403, partnerFiles.Status);
        Assert.Equal("not-allowed-to-object", partnerFiles.Json.GetProperty("code").GetString());
        Assert.Equal(403, otherSubjectFiles.Status);
        Assert.Equal("not-own-subject", otherSubjectFiles.Json.GetProperty("code").GetString());
        // A case the caller may not see answers as an unknown one would, so ids cannot be probed.
        Assert.Equal(404, otherUnitDecides.Status);
        Assert.Equal("objection-not-found", otherUnitDecides.Json.GetProperty("code").GetString());
        Assert.Equal(403, subjectDecides.Status);
        Assert.Equal("not-submitting-unit", subjectDecides.Json.GetProperty("code").GetString());
        Assert.Equal(404, otherSubjectLooks.Status);
        Assert.Equal(404, otherUnitLooks.Status);
        var unknown = await GetObjection(app, Principals.Subject(other), "obj_aaaaaaaaaaaaaaaaaaaa");
        Assert.Equal(unknown.Status, otherSubjectLooks.Status);
        Assert.Equal(unknown.Json.GetProperty("code").GetString(), otherSubjectLooks.Json.GetProperty("code").GetString());
        Assert.Equal(403, unitListsAnother.Status);
        Assert.Equal(403, partnerLists.Status);
        // Nothing the refused callers sent changed the record.
        Assert.True((await ShownRecord(app, unit, recordId))!.Value.GetProperty("underObjection").GetBoolean());
    }

    [Fact]
    public async Task Another_subjects_record_reads_as_not_found_and_bad_input_is_400_with_a_stable_code()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var other = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var notMine = await FileObjection(app, Principals.Subject(other), other, recordId);
        var noReason = await FileObjection(app, Principals.Subject(unit), unit, recordId, reason: "  ");
        var tooLong = await FileObjection(app, Principals.Subject(unit), unit, recordId, reason: new string('错', 2001));
        var badJson = HttpAnswer.Of(await app.Function<App.Objections.FileObjectionFunction>().Run(
            app.Request("/api/objections", principal: Principals.Subject(unit), method: "POST", body: "{\"evidence\":\"one\"}"), CancellationToken.None));
        var unknown = await GetObjection(app, Principals.Admin, "obj_aaaaaaaaaaaaaaaaaaaa");

        Assert.Equal(404, notMine.Status);
        Assert.Equal("record-not-found", notMine.Json.GetProperty("code").GetString());
        Assert.Equal(400, noReason.Status);
        Assert.Equal("reason-required", noReason.Json.GetProperty("code").GetString());
        Assert.Equal("reason-too-long", tooLong.Json.GetProperty("code").GetString());
        // One body reader for every route, one set of codes: invalid-json (400), body-too-large (413).
        Assert.Equal((400, "invalid-json"), (badJson.Status, badJson.Json.GetProperty("code").GetString()));
        Assert.Equal(404, unknown.Status);
        Assert.False((await ShownRecord(app, unit, recordId))!.Value.GetProperty("underObjection").GetBoolean());
    }
}
