using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>UnitQuality and Freshness: concurrent writers keep every count; the quality route and health show them.</summary>
public sealed class QualityAndFreshnessTests
{
    [Fact]
    public async Task Concurrent_arrival_and_rejection_writers_lose_no_count()
    {
        await using var app = await CreditApp.StartAsync();
        var store = app.Get<UnitQualityStore>();
        var unit = $"TEST-{Guid.NewGuid():N}";
        (DateOnly, DateOnly, int)[] arrivals =
        [
            (new DateOnly(2024, 5, 6), new DateOnly(2024, 5, 8), 2),
            (new DateOnly(2024, 4, 1), new DateOnly(2024, 5, 20), 31),
            (new DateOnly(2024, 5, 20), new DateOnly(2024, 6, 3), 10),
        ];

        await Task.WhenAll(Enumerable.Range(0, 8).SelectMany(_ => new[]
        {
            store.RecordArrivalsAsync(unit, arrivals),
            store.RecordRejectionsAsync(unit, new Dictionary<string, int> { ["invalid-date"] = 2, ["stale-version"] = 1 }),
        }));

        var stored = await store.ReadAsync(unit);
        Assert.Equal(["2024-06", "2024-05"], stored.Months.Select(m => m.Month));
        var may = stored.Months[1];
        Assert.Equal((16L, 8L, 0L, 0L, 8L, 8 * 33L, 31L), (may.Records, may.Lag0To7, may.Lag8To15, may.Lag16To30, may.LagOver30, may.WorkingDaysTotal, may.MaxWorkingDays));
        Assert.Equal((8L, 8L), (stored.Months[0].Records, stored.Months[0].Lag8To15));
        Assert.Equal(16, stored.RejectionCounters.Single(r => r.Code == "invalid-date").Count);
        Assert.Equal(8, stored.RejectionCounters.Single(r => r.Code == "stale-version").Count);
    }

    [Fact]
    public async Task The_quality_route_shows_timeliness_and_the_units_rejections_by_code()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        const string unit = "SH-DISTRICT-CHONGMING";
        var bad = RecordsMessage.AdminPenalty(Subjects.NewUscc());
        bad["subject"] = new JsonObject { ["type"] = "unit", ["id"] = "91350100M000100Y44" };
        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(unit).With(bad).Json(), CancellationToken.None);
        await app.Get<UnitQualityStore>().RecordArrivalsAsync(unit, [(new DateOnly(2024, 5, 30), new DateOnly(2024, 6, 3), 2)]);

        var answer = await ApiCalls.Quality(app, unit, Principals.Unit(unit));
        var invalid = await ApiCalls.Quality(app, "SH-NOWHERE", Principals.Admin);

        Assert.Equal(200, answer.Status);
        var json = answer.Json;
        Assert.Contains(json.GetProperty("rejections").GetProperty("byCode").EnumerateArray(),
            r => r.GetProperty("code").GetString() == "invalid-subject-id" && r.GetProperty("count").GetInt64() >= 1);
        var june = json.GetProperty("timeliness").GetProperty("months").EnumerateArray().First(m => m.GetProperty("month").GetString() == "2024-06");
        Assert.True(june.GetProperty("lag0To7").GetInt64() >= 1);
        Assert.True(json.GetProperty("timeliness").GetProperty("total").GetProperty("records").GetInt64() >= 1);
        Assert.Equal((400, "invalid-unit"), (invalid.Status, invalid.Json.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task A_whole_message_refused_counts_for_its_unit_once_however_often_it_is_delivered()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        const string unit = "SH-DISTRICT-QINGPU";
        var before = await RejectionTotal(app, unit);
        // A records message with no records, and a subject profile with no subject: refused as a whole, each twice.
        var empty = CreditFunctions.Testing.TestKeys.Sign($$"""{"schema":"credit-records/v1","messageId":"empty-{{Guid.NewGuid():N}}","source":"{{unit}}","records":[]}""");
        var profile = CreditFunctions.Testing.TestKeys.Sign($$"""{"schema":"subject-profile/v1","messageId":"profile-{{Guid.NewGuid():N}}","source":"{{unit}}"}""");
        for (var delivery = 0; delivery < 2; delivery++)
        {
            Assert.NotNull((await app.Get<RecordIngestor>().IngestAsync(empty, CancellationToken.None)).MessageRejection);
            Assert.NotNull(await app.Get<SubjectProfileIngestor>().IngestAsync(profile, CancellationToken.None));
        }

        Assert.Equal(before + 2, await RejectionTotal(app, unit));
    }

    private static async Task<long> RejectionTotal(CreditApp app, string unit)
    {
        var answer = await ApiCalls.Quality(app, unit, Principals.Unit(unit));
        Assert.Equal(200, answer.Status);
        return answer.Json.GetProperty("rejections").GetProperty("total").GetInt64();
    }

    [Fact]
    public async Task Health_shows_each_sources_last_arrival_and_active_counts_kept_by_concurrent_writers()
    {
        await using var app = await CreditApp.StartAsync();
        var store = app.Get<SourceFreshnessStore>();
        var source = $"TEST-{Guid.NewGuid():N}";
        var latest = new DateTimeOffset(2024, 6, 3, 9, 0, 0, TimeSpan.FromHours(8));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => store.RecordArrivalAsync(
            source, latest.AddMinutes(-i), new Dictionary<string, int> { ["admin-penalty"] = 2, ["wage-arrears-list"] = i % 2 == 0 ? 1 : -1 })));

        var health = HttpAnswer.Of(await app.Function<HealthFunction>().Run(app.Request("/api/health"), CancellationToken.None));
        var mine = health.Json.GetProperty("freshness").EnumerateArray().Single(f => f.GetProperty("source").GetString() == source);
        Assert.Equal(latest, mine.GetProperty("lastRecordAt").GetDateTimeOffset());
        Assert.Equal(20, mine.GetProperty("activeByKind").GetProperty("admin-penalty").GetInt64());
        Assert.Equal(0, mine.GetProperty("activeByKind").GetProperty("wage-arrears-list").GetInt64());
    }
}
