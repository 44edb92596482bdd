using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CreditFunctions.App.Feedback;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Api;
using CreditFunctions.Integration.Tests.Platform;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.PlatformSimulator;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;
using static CreditFunctions.Integration.Tests.Watches.WatchKit;

namespace CreditFunctions.Integration.Tests.Feedback;

/// <summary>
/// Enforcement feedback through the real functions: a restriction answer's and a screening result's lookupId take
/// feedback from the caller that asked, on a measure the answer named, once per measure; the subject and administrators
/// read it; the summary counts look-ups, feedback and what was done; the platform hears a measure-feedback event
/// through the outbox. Each refusal has its code and writes nothing.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class FeedbackTests(PlatformFixture platform) : IAsyncLifetime
{
    private const string Business = "hrss-business";

    private CreditApp _app = null!;

    public async Task InitializeAsync()
    {
        platform.Chaos.Set(ChaosSettings.Healthy);
        _app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), new Dictionary<string, string?> { ["Platform:BaseUrl"] = platform.BaseUrl },
            connectionString: platform.Storage.ConnectionString);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Feedback_on_a_measure_the_look_up_named_is_filed_read_back_and_heard_by_the_platform()
    {
        var unit = Subjects.NewUscc();
        await IngestAsync(_app, Penalty(unit));
        var (lookupId, measures) = await LookUpAsync(unit, Principals.Partner);
        Assert.Contains("art8.2.1", measures);

        var filed = await File(Principals.Partner, Body(lookupId, unit, "art8.2.1", note: "对其申请材料进行了重点审核", amount: 0));

        Assert.True(filed.Status == 201, filed.Body);
        var feedbackId = filed.Json.GetProperty("feedbackId").GetString()!;
        Assert.StartsWith("fb_", feedbackId);
        var ofSubject = await OfSubject(Principals.Admin, unit);
        var view = Assert.Single(ofSubject.Json.GetProperty("feedback").EnumerateArray());
        Assert.Equal((lookupId, "art8.2.1", "applied", "partner"), (view.GetProperty("lookupId").GetString(), view.GetProperty("measure").GetString(),
            view.GetProperty("handling").GetString(), view.GetProperty("filedBy").GetString()));
        Assert.Equal("对其申请材料进行了重点审核", view.GetProperty("note").GetString());
        var own = await OfSubject(Principals.Subject(unit), unit);
        Assert.Equal(lookupId, Assert.Single(own.Json.GetProperty("feedback").EnumerateArray()).GetProperty("lookupId").GetString());
        Assert.Equal(403, (await OfSubject(Principals.Partner, unit)).Status);
        Assert.Equal(403, (await OfSubject(Principals.Subject(Subjects.NewUscc()), unit)).Status);

        await PumpAsync(_app);
        var held = platform.Ledger.Events().Single(e => e.EventId == "feedback." + feedbackId);
        Assert.Equal("measure-feedback", held.Type);
        Assert.Equal(lookupId, held.Feedback!.Value.GetProperty("lookupId").GetString());
        Assert.Equal(unit, held.Feedback.Value.GetProperty("subjectId").GetString());
        Assert.Null(await OutboxRowAsync(_app, SubjectKeys.BucketOf(KeyOf(_app, unit)), "feedback." + feedbackId));
    }

    [Fact]
    public async Task Two_feedbacks_on_one_measure_at_once_give_one_201_and_one_409_and_one_platform_event()
    {
        var unit = Subjects.NewUscc();
        await IngestAsync(_app, Penalty(unit));
        var (lookupId, _) = await LookUpAsync(unit, Principals.Partner);

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => File(Principals.Partner, Body(lookupId, unit, "art8.2.1")))));

        Assert.Equal([201, 409, 409, 409], answers.Select(a => a.Status).Order());
        Assert.Single((await OfSubject(Principals.Admin, unit)).Json.GetProperty("feedback").EnumerateArray());
        await PumpAsync(_app);
        Assert.Single(platform.Ledger.Events(), e => e.Type == "measure-feedback" && e.Feedback!.Value.GetProperty("lookupId").GetString() == lookupId);
    }

    [Fact]
    public async Task A_screening_results_lookupId_takes_feedback_too()
    {
        var unit = Subjects.NewUscc();
        await IngestAsync(_app, Penalty(unit));
        var screening = await ApiCalls.Screening(_app, Principals.Partner, Business, [unit]);
        var result = Assert.Single(screening.Json.GetProperty("results").EnumerateArray());
        var lookupId = result.GetProperty("lookupId").GetString()!;
        var measure = result.GetProperty("reasons")[0].GetProperty("article").GetString()!;

        var filed = await File(Principals.Partner, Body(lookupId, unit, measure, handling: "exempted"));

        Assert.True(filed.Status == 201, filed.Body);
        var view = Assert.Single((await OfSubject(Principals.Admin, unit)).Json.GetProperty("feedback").EnumerateArray());
        Assert.Equal((lookupId, measure, "exempted"), (view.GetProperty("lookupId").GetString(), view.GetProperty("measure").GetString(), view.GetProperty("handling").GetString()));
    }

    [Fact]
    public async Task Each_wrong_feedback_has_its_code_and_writes_nothing()
    {
        var unit = Subjects.NewUscc();
        await IngestAsync(_app, Penalty(unit));
        var (lookupId, _) = await LookUpAsync(unit, Principals.Partner);
        var (otherLookup, _) = await LookUpAsync(unit, Principals.OtherPartner);
        var otherUnit = Subjects.NewUscc();
        await IngestAsync(_app, Penalty(otherUnit));
        var (lookupOfOther, _) = await LookUpAsync(otherUnit, Principals.Partner);

        async Task<(int, string)> Refused(JsonObject body, string? principal = null)
        {
            var answer = await File(principal ?? Principals.Partner, body);
            Assert.Contains(" / ", answer.Json.GetProperty("detail").GetString());
            return (answer.Status, answer.Json.GetProperty("code").GetString()!);
        }

        Assert.Equal((400, "invalid-lookup-id"), await Refused(Body("lk_nope", unit, "art8.2.1")));
        Assert.Equal((400, "invalid-handling"), await Refused(Body(lookupId, unit, "art8.2.1", handling: "done")));
        Assert.Equal((400, "missing-measure"), await Refused(Body(lookupId, unit, "")));
        Assert.Equal((400, "invalid-amount"), await Refused(Body(lookupId, unit, "art8.2.1", amount: -1)));
        Assert.Equal((400, "note-too-long"), await Refused(Body(lookupId, unit, "art8.2.1", note: new string('字', 501))));
        Assert.Equal((404, "lookup-not-found"), await Refused(Body("lk_0000000000000000000000000000000", unit, "art8.2.1")));
        // The look-up of another subject is not a look-up of this one.
        Assert.Equal((404, "lookup-not-found"), await Refused(Body(lookupOfOther, unit, "art8.2.1")));
        Assert.Equal((403, "lookup-not-yours"), await Refused(Body(otherLookup, unit, "art8.2.1")));
        Assert.Equal((403, "lookup-business-mismatch"), await Refused(Body(lookupId, unit, "art8.2.1", business: "youth-internship-base")));
        Assert.Equal((422, "measure-not-named"), await Refused(Body(lookupId, unit, "art9.1")));
        Assert.Equal((403, "forbidden"), await Refused(Body(lookupId, unit, "art8.2.1"), Principals.Subject(unit)));
        Assert.Equal(401, (await File(Principals.PartnerWithoutObjectId, Body(lookupId, unit, "art8.2.1"))).Status);
        Assert.Empty(await FeedbackRowsAsync(unit, lookupId));

        Assert.Equal(201, (await File(Principals.Partner, Body(lookupId, unit, "art8.2.1"))).Status);
        Assert.Equal((409, "feedback-already-given"), await Refused(Body(lookupId, unit, "art8.2.1", handling: "not-applied")));
        // Filed once, with its day row and its one event: the repeat wrote nothing.
        Assert.Equal(["g|", "o|", "s|"], (await FeedbackRowsAsync(unit, lookupId)).Select(r => r.RowKey[..2]).Order());
    }

    [Fact]
    public async Task The_summary_counts_look_ups_that_named_a_measure_the_feedback_on_them_and_what_was_done()
    {
        // A day of its own, so nothing else on this Azurite is counted.
        var day = new DateOnly(2026, 3, 17);
        await using var app = await CreditApp.StartAsync(day, new Dictionary<string, string?> { ["Platform:BaseUrl"] = platform.BaseUrl },
            connectionString: platform.Storage.ConnectionString);
        var (first, second, clean) = (Subjects.NewUscc(), Subjects.NewUscc(), Subjects.NewUscc());
        await IngestAsync(app, Penalty(first, decisionDate: "2026-03-01"));
        await IngestAsync(app, Penalty(second, decisionDate: "2026-03-01"));
        var (applied, _) = await LookUpAsync(first, Principals.Partner, app);
        await LookUpAsync(second, Principals.Partner, app);
        await LookUpAsync(clean, Principals.Partner, app);
        Assert.Equal(201, (await File(Principals.Partner, Body(applied, first, "art8.2.1"), app)).Status);

        var summary = await Summary(app, Principals.Admin, "from=2026-03-17&to=2026-03-17");

        Assert.True(summary.Status == 200, summary.Body);
        var row = Assert.Single(summary.Json.GetProperty("rows").EnumerateArray(), r => r.GetProperty("measure").GetString() == "art8.2.1");
        Assert.Equal(Business, row.GetProperty("business").GetString());
        Assert.Equal((2, 0, 2, 1, 1, 0, 0), (row.GetProperty("lookups").GetInt32(), row.GetProperty("restricted").GetInt32(), row.GetProperty("enhancedReview").GetInt32(),
            row.GetProperty("withFeedback").GetInt32(), row.GetProperty("applied").GetInt32(), row.GetProperty("notApplied").GetInt32(), row.GetProperty("exempted").GetInt32()));
        Assert.Equal(403, (await Summary(app, Principals.Partner, null)).Status);
        Assert.Equal("invalid-period", (await Summary(app, Principals.Admin, "from=2026-03-18&to=2026-03-17")).Json.GetProperty("code").GetString());
        Assert.Equal("invalid-date", (await Summary(app, Principals.Admin, "from=2026-3-1")).Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Every_look_up_is_logged_with_the_partners_object_id_and_its_lookupId()
    {
        var unit = Subjects.NewUscc();
        await IngestAsync(_app, Penalty(unit));
        var (lookupId, _) = await LookUpAsync(unit, Principals.Partner);
        await ApiCalls.Credit(_app, unit, Principals.OtherPartner);

        var entries = (await ApiCalls.AccessLog(_app, unit, Principals.Admin)).Json.GetProperty("entries").EnumerateArray().ToList();

        var restriction = Assert.Single(entries, e => e.GetProperty("route").GetString() == "GET /api/subjects/{id}/restrictions");
        Assert.Equal((Principals.PartnerObjectId, lookupId, "enhanced-review"),
            (restriction.GetProperty("objectId").GetString(), restriction.GetProperty("lookupId").GetString(), restriction.GetProperty("decision").GetString()));
        var credit = Assert.Single(entries, e => e.GetProperty("route").GetString() == "GET /api/subjects/{id}/credit");
        Assert.Equal(Principals.OtherPartnerObjectId, credit.GetProperty("objectId").GetString());
        // A partner the register cannot name is not let in at all.
        Assert.Equal(401, (await ApiCalls.Credit(_app, unit, Principals.PartnerWithoutObjectId)).Status);
    }

    private async Task<(string LookupId, string[] Measures)> LookUpAsync(string subject, string principal, CreditApp? app = null)
    {
        var answer = await ApiCalls.Restrictions(app ?? _app, subject, principal, "business=" + Business);
        Assert.True(answer.Status == 200, answer.Body);
        return (answer.Json.GetProperty("lookupId").GetString()!,
            [.. answer.Json.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("article").GetString()!)]);
    }

    private static JsonObject Body(string lookupId, string subject, string measure, string handling = "applied", string business = Business, string? note = null, decimal? amount = null)
    {
        var body = new JsonObject { ["lookupId"] = lookupId, ["subjectId"] = subject, ["business"] = business, ["measure"] = measure, ["handling"] = handling };
        if (note is not null)
        {
            body["note"] = note;
        }

        if (amount is not null)
        {
            body["amount"] = amount;
        }

        return body;
    }

    private async Task<HttpAnswer> File(string principal, JsonObject body, CreditApp? app = null)
    {
        app ??= _app;
        return HttpAnswer.Of(await app.Function<FileFeedbackFunction>().Run(
            app.Request("/api/feedback", principal: principal, method: "POST", body: body.ToJsonString()), CancellationToken.None));
    }

    private async Task<HttpAnswer> OfSubject(string principal, string subject) =>
        HttpAnswer.Of(await _app.Function<SubjectFeedbackFunction>().Run(_app.Request($"/api/subjects/{subject}/feedback", principal: principal), subject, CancellationToken.None));

    private static async Task<HttpAnswer> Summary(CreditApp app, string principal, string? query) =>
        HttpAnswer.Of(await app.Function<FeedbackSummaryFunction>().Run(app.Request("/api/feedback/summary", query, principal), CancellationToken.None));

    /// <summary>The rows feedback on this subject wrote: its own, its day-index row and its outbox row.</summary>
    private async Task<List<TableEntity>> FeedbackRowsAsync(string subject, string lookupId)
    {
        var key = KeyOf(_app, subject);
        var rows = new List<TableEntity>();
        await foreach (var row in _app.Table(TableNames.Records).QueryAsync<TableEntity>($"PartitionKey eq '{SubjectKeys.BucketOf(key)}'"))
        {
            var mine = row.RowKey.StartsWith($"s|{key}|f|", StringComparison.Ordinal)
                       || (row.RowKey.StartsWith("o|feedback.", StringComparison.Ordinal) && row.GetString("SubjectKey") == key)
                       || (row.RowKey.StartsWith("g|", StringComparison.Ordinal) && row.RowKey.Contains(lookupId, StringComparison.Ordinal));
            if (mine)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static Task<TableEntity?> OutboxRowAsync(CreditApp app, string partition, string eventId) => PlatformTestData.OutboxRowAsync(app, partition, eventId);
}
