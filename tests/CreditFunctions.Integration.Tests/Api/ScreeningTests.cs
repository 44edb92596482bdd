using System.Text.Json.Nodes;
using CreditFunctions.App.Ingestion;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>POST /api/screenings: up to 100 subjects × one business type; a bad id fails alone.</summary>
public sealed class ScreeningTests
{
    [Fact]
    public async Task Each_subject_gets_its_status_and_decision_and_a_bad_id_fails_alone_in_request_order()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var penalised = Subjects.NewUscc();
        var clean = Subjects.NewUscc();
        var person = Subjects.NewIdNumber();
        var list = RecordsMessage.AdminPenalty(penalised);
        list["kind"] = "wage-arrears-list";
        list["severity"] = "serious";
        list["listingEndDate"] = "2027-04-30";
        list.Remove("procedure");
        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(list).Json(), CancellationToken.None);

        var answer = await ApiCalls.Screening(app, Principals.Partner, "government-procurement",
            [penalised, "91350100M000100Y44", clean, person, penalised]);

        Assert.Equal(200, answer.Status);
        var results = answer.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(5, results.Count);
        Assert.Equal([0, 1, 2, 3, 4], results.Select(r => r.GetProperty("index").GetInt32()));
        Assert.Equal("serious-dishonesty", results[0].GetProperty("status").GetString());
        Assert.Equal("restricted", results[0].GetProperty("decision").GetString());
        Assert.NotEmpty(results[0].GetProperty("reasons").EnumerateArray());
        Assert.Equal("invalid-subject-id", results[1].GetProperty("problem").GetProperty("code").GetString());
        Assert.False(results[1].TryGetProperty("status", out _));
        Assert.Equal("no-record", results[2].GetProperty("status").GetString());
        Assert.Equal("allowed", results[2].GetProperty("decision").GetString());
        Assert.Empty(results[2].GetProperty("reasons").EnumerateArray());
        // A partner sees an individual's ID number masked.
        Assert.Equal($"{person[..6]}********{person[14..]}", results[3].GetProperty("subjectId").GetString());
        Assert.DoesNotContain(person, answer.Body);
        Assert.Equal(results[0].GetProperty("decision").GetString(), results[4].GetProperty("decision").GetString());
    }

    [Fact]
    public async Task More_than_100_subjects_an_unknown_business_or_a_broken_body_is_400_with_its_code()
    {
        await using var app = await CreditApp.StartAsync();
        var many = Enumerable.Range(0, 101).Select(_ => Subjects.NewUscc()).ToList();

        var tooMany = await ApiCalls.Screening(app, Principals.Partner, "government-procurement", many);
        var unknown = await ApiCalls.Screening(app, Principals.Partner, "space-travel", [Subjects.NewUscc()]);
        var none = await ApiCalls.Screening(app, Principals.Partner, "government-procurement", []);
        var broken = await ApiCalls.Screening(app, Principals.Partner, "{\"business\":");
        var noBusiness = await ApiCalls.Screening(app, Principals.Partner, new JsonObject { ["subjects"] = new JsonArray("x") }.ToJsonString());

        Assert.Equal((400, "too-many-subjects"), (tooMany.Status, tooMany.Json.GetProperty("code").GetString()));
        Assert.Equal((400, "unknown-business-type"), (unknown.Status, unknown.Json.GetProperty("code").GetString()));
        Assert.Equal((400, "missing-subjects"), (none.Status, none.Json.GetProperty("code").GetString()));
        Assert.Equal((400, "invalid-json"), (broken.Status, broken.Json.GetProperty("code").GetString()));
        Assert.Equal((400, "missing-business"), (noBusiness.Status, noBusiness.Json.GetProperty("code").GetString()));
        Assert.Contains("100", tooMany.Json.GetProperty("zh").GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Exactly_100_subjects_are_screened()
    {
        await using var app = await CreditApp.StartAsync();
        var hundred = Enumerable.Range(0, 100).Select(_ => Subjects.NewUscc()).ToList();

        var answer = await ApiCalls.Screening(app, Principals.Admin, "government-procurement", hundred);

        Assert.Equal(200, answer.Status);
        Assert.Equal(hundred, answer.Json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("subjectId").GetString()));
    }

    [Fact]
    public async Task A_screenings_status_leaves_out_dishonesty_past_its_query_period_as_the_credit_route_does()
    {
        // Decided 2019-01-02 (NDRC 〔2019〕527, general: shown for a year); queryable for 5 years, until 2024-01-02.
        await using var app = await CreditApp.StartAsync(new DateOnly(2019, 1, 10));
        var unit = Subjects.NewUscc();
        await app.Get<RecordIngestor>().IngestAsync(
            RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(RecordsMessage.AdminPenalty(unit, decisionDate: "2019-01-02")).Json(), CancellationToken.None);
        app.SetToday(new DateOnly(2024, 6, 3));

        // Asked about a day when it was shown: past its query period a partner is told nothing of it.
        var screened = await ApiCalls.Screening(app, Principals.Partner, "hrss-business", [unit], "asOf=2019-06-01");
        var credit = await IngestionPathTests.Credit(app, unit, Principals.Partner, "asOf=2019-06-01");

        var result = Assert.Single(screened.Json.GetProperty("results").EnumerateArray());
        Assert.Equal("no-record", credit.Json.GetProperty("status").GetString());
        Assert.Equal(credit.Json.GetProperty("status").GetString(), result.GetProperty("status").GetString());
        Assert.Equal("allowed", result.GetProperty("decision").GetString());
    }
}
