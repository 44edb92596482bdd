using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>GET /api/records/{recordId}: the record, its history, whether the chain verifies, and who sees what.</summary>
public sealed class RecordRouteTests
{
    private const string Enforcement = "SH-HRSS-ENFORCEMENT";

    [Fact]
    public async Task A_record_comes_with_its_history_which_verifies_until_an_entry_is_changed()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var sourceRecordId = $"AP-{Guid.NewGuid():N}";
        var ingestor = app.Get<RecordIngestor>();
        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, sourceRecordId)).Json(), CancellationToken.None);
        var corrected = RecordsMessage.AdminPenalty(unit, sourceRecordId, version: 2);
        corrected["summary"] = "更正后的摘要";
        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(corrected).Json(), CancellationToken.None);
        var recordId = RecordIds.For(Enforcement, sourceRecordId);

        var answer = await ApiCalls.Record(app, recordId, Principals.Unit(Enforcement));

        Assert.Equal(200, answer.Status);
        var json = answer.Json;
        Assert.Equal(recordId, json.GetProperty("recordId").GetString());
        Assert.Equal(2, json.GetProperty("version").GetInt64());
        Assert.Equal("更正后的摘要", json.GetProperty("summary").GetString());
        Assert.Equal("active", json.GetProperty("state").GetString());
        Assert.True(json.GetProperty("history").GetProperty("verified").GetBoolean());
        var entries = json.GetProperty("history").GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([1, 2], entries.Select(e => e.GetProperty("sequence").GetInt32()));
        Assert.Equal([1L, 2L], entries.Select(e => e.GetProperty("version").GetInt64()));

        // Someone edits the first history entry in storage: the chain no longer verifies, and the answer says so.
        var key = app.Get<SubjectKeys>().KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit));
        var table = app.Table(TableNames.Records);
        var first = (await table.GetEntityAsync<TableEntity>(SubjectKeys.BucketOf(key), RecordStore.Keys.HistoryRow(key, recordId, 1))).Value;
        first["Actor"] = "someone-else";
        await table.UpdateEntityAsync(first, first.ETag, TableUpdateMode.Merge);

        var tampered = await ApiCalls.Record(app, recordId, Principals.Admin);
        Assert.False(tampered.Json.GetProperty("history").GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_bad_id_is_400_an_unknown_one_404_and_a_subject_cannot_probe_for_existence()
    {
        await using var app = await CreditApp.StartAsync();
        var unknown = RecordIds.For(Enforcement, $"nothing-{Guid.NewGuid():N}");

        var bad = await ApiCalls.Record(app, "not-a-record-id", Principals.Admin);
        var missingForAdmin = await ApiCalls.Record(app, unknown, Principals.Admin);
        var missingForUnit = await ApiCalls.Record(app, unknown, Principals.Unit(Enforcement));
        var missingForSubject = await ApiCalls.Record(app, unknown, Principals.Subject(Subjects.NewUscc()));

        Assert.Equal(400, bad.Status);
        Assert.Equal("invalid-record-id", bad.Json.GetProperty("code").GetString());
        Assert.Equal(404, missingForAdmin.Status);
        Assert.Equal("record-not-found", missingForAdmin.Json.GetProperty("code").GetString());
        Assert.Equal(404, missingForUnit.Status);
        Assert.Equal(403, missingForSubject.Status);
    }

    [Fact]
    public async Task An_individuals_id_on_a_record_is_full_for_the_individual_and_the_submitting_unit_and_masked_for_an_admin()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var person = Subjects.NewIdNumber();
        var sourceRecordId = $"AP-{Guid.NewGuid():N}";
        var record = RecordsMessage.AdminPenalty(Subjects.NewUscc(), sourceRecordId);
        record["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "张三" };
        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(Enforcement).With(record).Json(), CancellationToken.None);
        var recordId = RecordIds.For(Enforcement, sourceRecordId);

        var self = await ApiCalls.Record(app, recordId, Principals.Subject(person));
        var unit = await ApiCalls.Record(app, recordId, Principals.Unit(Enforcement));
        var admin = await ApiCalls.Record(app, recordId, Principals.Admin);

        Assert.Equal(person, self.Json.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(person, unit.Json.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal(200, admin.Status);
        Assert.DoesNotContain(person, admin.Body);
        Assert.Equal($"{person[..6]}********{person[14..]}", admin.Json.GetProperty("subject").GetProperty("id").GetString());
    }
}
