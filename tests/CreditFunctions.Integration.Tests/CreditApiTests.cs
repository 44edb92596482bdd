using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests;

/// <summary>The credit, restriction, catalogue and health routes: who may ask, what bad input gets, what is shown.</summary>
public sealed class CreditApiTests
{
    [Fact]
    public async Task No_identity_is_401_and_a_bad_subject_id_or_date_is_400_with_a_stable_code()
    {
        await using var app = await CreditApp.StartAsync();
        var unit = Subjects.NewUscc();

        var anonymous = await IngestionPathTests.Credit(app, unit, principal: null);
        var badId = await IngestionPathTests.Credit(app, "91350100M000100Y44", Principals.Partner);
        var badDate = await IngestionPathTests.Credit(app, unit, Principals.Partner, "asOf=2024-02-30");

        Assert.Equal(401, anonymous.Status);
        Assert.Equal("unauthenticated", anonymous.Json.GetProperty("code").GetString());
        Assert.Equal(400, badId.Status);
        Assert.StartsWith("application/problem+json", badId.ContentType);
        Assert.Equal("invalid-subject-id", badId.Json.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(badId.Json.GetProperty("zh").GetProperty("detail").GetString()));
        Assert.Equal(400, badDate.Status);
        Assert.Equal("invalid-date", badDate.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_header_is_not_trusted_unless_configured()
    {
        await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:TrustClientPrincipal"] = "false" });

        var answer = await IngestionPathTests.Credit(app, Subjects.NewUscc(), Principals.Admin);

        Assert.Equal(401, answer.Status);
    }

    [Fact]
    public async Task A_subject_may_read_its_own_credit_but_not_another_subjects()
    {
        await using var app = await CreditApp.StartAsync();
        var me = Subjects.NewUscc();
        var other = Subjects.NewUscc();

        Assert.Equal(200, (await IngestionPathTests.Credit(app, me, Principals.Subject(me))).Status);
        Assert.Equal(403, (await IngestionPathTests.Credit(app, other, Principals.Subject(me))).Status);
        Assert.Equal(403, (await IngestionPathTests.Credit(app, other, ClientPrincipalReader.Encode(Roles.Center))).Status);
    }

    [Fact]
    public async Task An_individuals_id_is_masked_for_a_partner_and_shown_to_the_individual_and_the_submitting_unit()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var person = Subjects.NewIdNumber();
        var record = RecordsMessage.AdminPenalty(Subjects.NewUscc());
        record["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "张三" };
        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(record).Json(), CancellationToken.None);

        var partner = await IngestionPathTests.Credit(app, person, Principals.Partner);
        var self = await IngestionPathTests.Credit(app, person, Principals.Subject(person));
        var unit = await IngestionPathTests.Credit(app, person, Principals.Unit("SH-HRSS-ENFORCEMENT"));
        var otherUnit = await IngestionPathTests.Credit(app, person, Principals.Unit("SH-EMPLOYMENT"));

        Assert.Equal($"{person[..6]}********{person[14..]}", partner.Json.GetProperty("subject").GetProperty("id").GetString());
        Assert.DoesNotContain(person, partner.Body);
        Assert.Equal(person, self.Json.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(person, unit.Json.GetProperty("subject").GetProperty("id").GetString());
        Assert.DoesNotContain(person, otherUnit.Body);
        Assert.Equal("general-dishonesty", partner.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Regs_art35_past_its_query_period_dishonesty_is_history_only_an_administrator_sees()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2026, 11, 26));
        var unit = Subjects.NewUscc();
        // Decided 2019-01-10: queryable until 2024-01-09, five years from the decision.
        var old = RecordsMessage.AdminPenalty(unit, decisionDate: "2019-01-10");
        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(old).Json(), CancellationToken.None);

        var partner = await IngestionPathTests.Credit(app, unit, Principals.Partner, "asOf=2019-06-01");
        var admin = await IngestionPathTests.Credit(app, unit, Principals.Admin, "asOf=2019-06-01");

        Assert.Equal("no-record", partner.Json.GetProperty("status").GetString());
        Assert.Empty(partner.Json.GetProperty("records").EnumerateArray());
        Assert.Equal("general-dishonesty", admin.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_subject_with_no_records_has_no_record_status()
    {
        await using var app = await CreditApp.StartAsync();

        var answer = await IngestionPathTests.Credit(app, Subjects.NewUscc(), Principals.Partner);

        Assert.Equal(200, answer.Status);
        Assert.Equal("no-record", answer.Json.GetProperty("status").GetString());
        Assert.Empty(answer.Json.GetProperty("measures").EnumerateArray());
    }

    [Fact]
    public async Task Health_says_storage_answers_and_503_when_it_does_not()
    {
        await using var app = await CreditApp.StartAsync();
        await using var broken = await CreditApp.StartAsync(connectionString:
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            "BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;");

        var healthy = HttpAnswer.Of(await app.Function<HealthFunction>().Run(app.Request("/api/health"), CancellationToken.None));
        var unhealthy = HttpAnswer.Of(await broken.Function<HealthFunction>().Run(broken.Request("/api/health"), CancellationToken.None));

        Assert.Equal(200, healthy.Status);
        Assert.True(healthy.Json.GetProperty("storage").GetProperty("tables").GetBoolean());
        Assert.Equal(503, unhealthy.Status);
        Assert.Equal("unhealthy", unhealthy.Json.GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_catalogue_in_force_is_served_by_date()
    {
        await using var app = await CreditApp.StartAsync();

        var in2024 = HttpAnswer.Of(await app.Function<CatalogueFunction>().Run(app.Request("/api/catalogue", "asOf=2024-01-01")));
        var in2026 = HttpAnswer.Of(await app.Function<CatalogueFunction>().Run(app.Request("/api/catalogue", "asOf=2026-04-01")));
        var bad = HttpAnswer.Of(await app.Function<CatalogueFunction>().Run(app.Request("/api/catalogue", "asOf=tomorrow")));

        Assert.Equal("2023-09-01", in2024.Json.GetProperty("version").GetString());
        Assert.Equal("2026-04-01", in2026.Json.GetProperty("version").GetString());
        Assert.Equal(400, bad.Status);
    }

    [Fact]
    public async Task A_restriction_check_names_an_unknown_business_type_as_a_400()
    {
        await using var app = await CreditApp.StartAsync();
        var unit = Subjects.NewUscc();

        var answer = HttpAnswer.Of(await app.Function<RestrictionFunction>().Run(
            app.Request($"/api/subjects/{unit}/restrictions", "business=space-travel", Principals.Partner), unit, CancellationToken.None));

        Assert.Equal(400, answer.Status);
        Assert.Equal("unknown-business-type", answer.Json.GetProperty("code").GetString());
    }
}
