using System.Text.Json;
using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests;

/// <summary>
/// The path of a record from the credit-ingest queue to the credit answer, through the real function classes on a
/// real Azurite: an administrative penalty is stored and shown; bad input is kept verbatim with its reason.
/// </summary>
public sealed class IngestionPathTests
{
    private const string Enforcement = "SH-HRSS-ENFORCEMENT";

    [Fact]
    public async Task An_admin_penalty_from_the_queue_is_stored_and_returned_by_the_credit_route()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var message = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, "AP-2024-123"));

        await app.Function<IngestFunction>().Run(message.Json(), CancellationToken.None);

        var answer = await Credit(app, unit, Principals.Partner);
        Assert.Equal(200, answer.Status);
        var json = answer.Json;
        Assert.Equal("general-dishonesty", json.GetProperty("status").GetString());
        Assert.Equal(unit, json.GetProperty("subject").GetProperty("id").GetString());
        Assert.Equal("上海某某建筑工程有限公司", json.GetProperty("subject").GetProperty("name").GetString());
        var record = Assert.Single(json.GetProperty("records").EnumerateArray());
        Assert.Equal("admin-penalty", record.GetProperty("kind").GetString());
        Assert.Equal("2024-04-30", record.GetProperty("decisionDate").GetString());
        Assert.Equal("沪人社监罚〔2024〕123号", record.GetProperty("decisionNumber").GetString());
        Assert.Equal(RecordIds.For(Enforcement, "AP-2024-123"), record.GetProperty("recordId").GetString());
        Assert.False(record.GetProperty("underObjection").GetBoolean());
        Assert.Contains(json.GetProperty("measures").EnumerateArray(), m => m.GetProperty("article").GetString() == "art8.2.1");
    }

    [Fact]
    public async Task A_message_that_is_not_json_is_kept_verbatim_in_rejections_and_the_sender_is_told()
    {
        await using var app = await CreditApp.StartAsync();
        // The seed file's double encoding: bytes that are text, but not JSON.
        var body = "?。ㄒ唬?{\"schema\": credit-records/v1 " + Guid.NewGuid();

        await app.Function<IngestFunction>().Run(body, CancellationToken.None);

        var rejection = await FindRejection(app, RejectionLedger.UnknownSource, e => LargeText.Read(e, "Body") == body);
        Assert.Equal("invalid-json", rejection.GetString("Code"));
        Assert.Contains("JSON", rejection.GetString("En"));
        Assert.False(string.IsNullOrWhiteSpace(rejection.GetString("Zh")));
    }

    [Fact]
    public async Task An_envelope_of_an_unknown_schema_is_rejected_with_its_reason_and_a_notice()
    {
        await using var app = await CreditApp.StartAsync();
        var messageId = $"msg-{Guid.NewGuid():N}";
        var body = $$"""{"schema":"credit-records/v9","messageId":"{{messageId}}","source":"{{Enforcement}}","records":[]}""";

        // Signed by its source, as every message must be: the schema is checked once the sender is proven.
        var signed = CreditFunctions.Testing.TestKeys.SignIfPossible(body);
        await app.Function<IngestFunction>().Run(signed, CancellationToken.None);

        var rejection = await FindRejection(app, Enforcement, e => e.GetString("MessageId") == messageId);
        Assert.Equal("unknown-schema", rejection.GetString("Code"));
        Assert.Equal(signed, LargeText.Read(rejection, "Body"));
        var notice = await FindNotice(app, messageId);
        Assert.Equal("unknown-schema", notice.GetProperty("items")[0].GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_bad_record_among_good_ones_is_rejected_alone()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var good1 = Subjects.NewUscc();
        var good2 = Subjects.NewUscc();
        var badId = good1[..17] + (good1[17] == '0' ? '1' : '0');
        var bad = RecordsMessage.AdminPenalty(badId);
        var message = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(good1), bad, RecordsMessage.AdminPenalty(good2));

        var outcome = await app.Get<RecordIngestor>().IngestAsync(message.Json(), CancellationToken.None);

        Assert.Equal(2, outcome.Stored);
        Assert.Equal(1, outcome.Rejected);
        Assert.Equal("general-dishonesty", (await Credit(app, good1, Principals.Partner)).Json.GetProperty("status").GetString());
        Assert.Equal("general-dishonesty", (await Credit(app, good2, Principals.Partner)).Json.GetProperty("status").GetString());
        var rejection = await FindRejection(app, Enforcement, e => e.GetString("MessageId") == message.MessageId);
        Assert.Equal("invalid-subject-id", rejection.GetString("Code"));
        Assert.Equal(1, rejection.GetInt32("RecordIndex"));
        var sent = JsonDocument.Parse(message.Envelope()).RootElement.GetProperty("records")[1].GetRawText();
        Assert.Equal(sent, LargeText.Read(rejection, "Body"));
    }

    [Fact]
    public async Task The_same_message_delivered_twice_changes_nothing()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var message = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, "AP-TWICE"));
        var ingestor = app.Get<RecordIngestor>();

        var first = await ingestor.IngestAsync(message.Json(), CancellationToken.None);
        var second = await ingestor.IngestAsync(message.Json(), CancellationToken.None);

        Assert.Equal(1, first.Stored);
        Assert.True(second.AlreadyApplied);
        var history = await History(app, unit, RecordIds.For(Enforcement, "AP-TWICE"));
        Assert.Single(history);
    }

    [Fact]
    public async Task A_higher_version_supersedes_and_an_equal_or_lower_one_is_reported_as_stale()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var ingestor = app.Get<RecordIngestor>();
        var v2 = RecordsMessage.AdminPenalty(unit, "AP-V", version: 2, decisionDate: "2024-05-10");
        var v1 = RecordsMessage.AdminPenalty(unit, "AP-V", version: 1, decisionDate: "2024-04-01");
        var v3 = RecordsMessage.AdminPenalty(unit, "AP-V", version: 3, decisionDate: "2024-05-20");

        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(v2).Json(), CancellationToken.None);
        var staleMessage = RecordsMessage.From(Enforcement).With(v1);
        var stale = await ingestor.IngestAsync(staleMessage.Json(), CancellationToken.None);
        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(v3).Json(), CancellationToken.None);

        Assert.Equal(1, stale.Rejected);
        Assert.Equal("stale-version", (await FindRejection(app, Enforcement, e => e.GetString("MessageId") == staleMessage.MessageId)).GetString("Code"));
        var record = Assert.Single((await Credit(app, unit, Principals.Partner)).Json.GetProperty("records").EnumerateArray());
        Assert.Equal("2024-05-20", record.GetProperty("decisionDate").GetString());
        var history = await History(app, unit, RecordIds.For(Enforcement, "AP-V"));
        Assert.Equal(["received", "superseded"], history.Select(h => h.Action));
        Assert.True(HistoryChain.Verify(history));
    }

    [Fact]
    public async Task A_revoked_record_leaves_the_credit_answer_and_stays_revoked_against_older_versions()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var ingestor = app.Get<RecordIngestor>();
        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, "AP-R")).Json(), CancellationToken.None);
        var revoke = RecordsMessage.AdminPenalty(unit, "AP-R", version: 2);
        revoke["action"] = "revoke";

        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(revoke).Json(), CancellationToken.None);
        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, "AP-R", version: 1)).Json(), CancellationToken.None);

        var json = (await Credit(app, unit, Principals.Partner)).Json;
        Assert.Equal("no-record", json.GetProperty("status").GetString());
        Assert.Empty(json.GetProperty("records").EnumerateArray());
    }

    [Fact]
    public async Task Two_workers_racing_on_one_record_lose_no_update()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var ingestor = app.Get<RecordIngestor>();
        var messages = Enumerable.Range(1, 6)
            .Select(v => RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, "AP-RACE", version: v)).Json())
            .ToList();

        await Task.WhenAll(messages.Select(m => Task.Run(() => ingestor.IngestAsync(m, CancellationToken.None))));

        var store = app.Get<RecordStore>();
        var key = app.Get<SubjectKeys>().KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit));
        var stored = await store.GetAsync(key, RecordIds.For(Enforcement, "AP-RACE"), CancellationToken.None);
        Assert.Equal(6, stored!.Record.Version);
        var history = await History(app, unit, RecordIds.For(Enforcement, "AP-RACE"));
        Assert.True(HistoryChain.Verify(history));
        Assert.Equal(history.Count, history.Select(h => h.Version).Distinct().Count());
    }

    [Fact]
    public async Task A_record_sent_after_its_period_ended_is_kept_as_expired_and_never_published()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2026, 11, 26));
        var unit = Subjects.NewUscc();
        // Decided 2023-06-01 under NDRC Order No. 58: shown until 2026-06-01 at most.
        var late = RecordsMessage.AdminPenalty(unit, "AP-LATE", decisionDate: "2023-06-01");

        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(Enforcement).With(late).Json(), CancellationToken.None);

        var key = app.Get<SubjectKeys>().KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit));
        var stored = await app.Get<RecordStore>().GetAsync(key, RecordIds.For(Enforcement, "AP-LATE"), CancellationToken.None);
        Assert.Equal(Domain.Records.RecordState.Expired, stored!.Record.State);
        Assert.Equal("no-record", (await Credit(app, unit, Principals.Partner)).Json.GetProperty("status").GetString());
        Assert.Equal("general-dishonesty", (await Credit(app, unit, Principals.Partner, "asOf=2024-01-02")).Json.GetProperty("status").GetString());
        var outbox = app.Table(TableNames.Records).QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(key)} and RowKey ge {"o|" + stored.Record.RecordId} and RowKey lt {"o|" + stored.Record.RecordId + "~"}"));
        await foreach (var row in outbox)
        {
            Assert.Fail($"a record never shown must not be published: {row.RowKey}");
        }
    }

    internal static async Task<HttpAnswer> Credit(CreditApp app, string id, string? principal, string? query = null) =>
        HttpAnswer.Of(await app.Function<CreditFunction>().Run(app.Request($"/api/subjects/{id}/credit", query, principal), id, CancellationToken.None));

    private static async Task<IReadOnlyList<HistoryEntry>> History(CreditApp app, string unit, string recordId)
    {
        var key = app.Get<SubjectKeys>().KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit));
        return await app.Get<RecordStore>().ReadHistoryAsync(key, recordId, CancellationToken.None);
    }

    internal static async Task<TableEntity> FindRejection(CreditApp app, string partition, Func<TableEntity, bool> match)
    {
        var table = app.Table(TableNames.Rejections);
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
        {
            if (match(entity))
            {
                return entity;
            }
        }

        throw new Xunit.Sdk.XunitException($"No rejection found in partition {partition}");
    }

    internal static async Task<JsonElement> FindNotice(CreditApp app, string messageId)
    {
        // Every test shares the notice queue and a peek sees only its first 32 messages: receive through the queue
        // instead (each message hidden for a while, then visible again to whoever looks next).
        var queue = app.Queue(QueueNames.IngestRejected);
        for (var round = 0; round < 200; round++)
        {
            var messages = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(20))).Value;
            if (messages.Length == 0)
            {
                break;
            }

            foreach (var message in messages)
            {
                var json = JsonDocument.Parse(message.Body.ToString()).RootElement;
                if (json.TryGetProperty("messageId", out var id) && id.GetString() == messageId)
                {
                    return json;
                }
            }
        }

        throw new Xunit.Sdk.XunitException($"No rejection notice for {messageId} on {QueueNames.IngestRejected}");
    }
}
