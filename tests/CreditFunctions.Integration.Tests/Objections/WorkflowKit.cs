using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Repairs;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Objections;

/// <summary>The calls the objection and repair tests make: records in through ingestion, everything else through the HTTP function classes.</summary>
internal static class WorkflowKit
{
    public const string Enforcement = "SH-HRSS-ENFORCEMENT";
    public const string Center = "SH-CREDIT-CENTER";

    public static string CenterPrincipal => ClientPrincipalReader.Encode(Roles.Center);

    /// <summary>Ingests one record from <paramref name="source"/> as an upstream unit would; returns its record id.</summary>
    public static async Task<string> IngestAsync(CreditApp app, JsonObject record, string source = Enforcement)
    {
        var outcome = await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(source).With(record).Json(), CancellationToken.None);
        Assert.Equal(1, outcome.Stored);
        return RecordIds.For(source, record["sourceRecordId"]!.GetValue<string>());
    }

    public static async Task<HttpAnswer> FileObjection(CreditApp app, string? principal, string subjectId, string recordId, string? reason = "处罚决定书认定的事实有误 / the facts are wrong", string[]? evidence = null)
    {
        var body = new JsonObject { ["subjectId"] = subjectId, ["recordId"] = recordId, ["reason"] = reason };
        if (evidence is not null)
        {
            body["evidence"] = new JsonArray(evidence.Select(e => (JsonNode)e).ToArray());
        }

        return HttpAnswer.Of(await app.Function<FileObjectionFunction>().Run(
            app.Request("/api/objections", principal: principal, method: "POST", body: body.ToJsonString()), CancellationToken.None));
    }

    public static async Task<HttpAnswer> DecideObjection(CreditApp app, string? principal, string objectionId, JsonObject body) =>
        HttpAnswer.Of(await app.Function<DecideObjectionFunction>().Run(
            app.Request($"/api/objections/{objectionId}/decision", principal: principal, method: "POST", body: body.ToJsonString()), objectionId, CancellationToken.None));

    public static async Task<HttpAnswer> GetObjection(CreditApp app, string? principal, string objectionId) =>
        HttpAnswer.Of(await app.Function<GetObjectionFunction>().Run(app.Request($"/api/objections/{objectionId}", principal: principal), objectionId, CancellationToken.None));

    public static async Task<HttpAnswer> ListObjections(CreditApp app, string? principal, string? query = null) =>
        HttpAnswer.Of(await app.Function<ListObjectionsFunction>().Run(app.Request("/api/objections", query, principal), CancellationToken.None));

    public static async Task<HttpAnswer> FileRepair(CreditApp app, string? principal, JsonObject body) =>
        HttpAnswer.Of(await app.Function<FileRepairFunction>().Run(
            app.Request("/api/repairs", principal: principal, method: "POST", body: body.ToJsonString()), CancellationToken.None));

    public static async Task<HttpAnswer> DecideRepair(CreditApp app, string? principal, string repairId, JsonObject body) =>
        HttpAnswer.Of(await app.Function<DecideRepairFunction>().Run(
            app.Request($"/api/repairs/{repairId}/decision", principal: principal, method: "POST", body: body.ToJsonString()), repairId, CancellationToken.None));

    public static async Task<HttpAnswer> GetRepair(CreditApp app, string? principal, string repairId) =>
        HttpAnswer.Of(await app.Function<GetRepairFunction>().Run(app.Request($"/api/repairs/{repairId}", principal: principal), repairId, CancellationToken.None));

    public static Task<HttpAnswer> Credit(CreditApp app, string subjectId, string? principal = null) =>
        IngestionPathTests.Credit(app, subjectId, principal ?? Principals.Partner);

    /// <summary>The record as the credit route shows it, or null when it is not shown.</summary>
    public static async Task<JsonElement?> ShownRecord(CreditApp app, string subjectId, string recordId)
    {
        var answer = await Credit(app, subjectId);
        Assert.Equal(200, answer.Status);
        foreach (var record in answer.Json.GetProperty("records").EnumerateArray())
        {
            if (record.GetProperty("recordId").GetString() == recordId)
            {
                return record;
            }
        }

        return null;
    }

    public static string KeyOf(CreditApp app, string subjectId) =>
        app.Get<SubjectKeys>().KeyFor(SubjectId.TryParse(subjectId, new DateOnly(2030, 1, 1), out var id, out _) ? id : throw new ArgumentException(subjectId));

    public static Task<IReadOnlyList<HistoryEntry>> History(CreditApp app, string subjectId, string recordId) =>
        app.Get<RecordStore>().ReadHistoryAsync(KeyOf(app, subjectId), recordId, CancellationToken.None);

    /// <summary>The record's platform events still in the outbox (they stay until the push acknowledges them).</summary>
    public static async Task<IReadOnlyList<PlatformEvent>> Outbox(CreditApp app, string subjectId, string recordId)
    {
        var (from, to) = RecordStore.Keys.OutboxRange(recordId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SubjectKeys.BucketOf(KeyOf(app, subjectId))} and RowKey ge {from} and RowKey lt {to}");
        var events = new List<PlatformEvent>();
        await foreach (var row in app.Table(TableNames.Records).QueryAsync<TableEntity>(filter))
        {
            events.Add(System.Text.Json.JsonSerializer.Deserialize(row.GetString("Payload"), CreditFunctions.App.Json.AppJson.Web.PlatformEvent)!);
        }

        return events;
    }

    public static JsonObject Penalty(string unitId, string decisionDate = "2024-04-30") => RecordsMessage.AdminPenalty(unitId, decisionDate: decisionDate);
}
