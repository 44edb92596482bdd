using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Lifecycle;

/// <summary>
/// A record is (source, sourceRecordId) wherever it points (contract v2 "A record's identity holds across versions"):
/// the defects found from outside, each shown fixed through the real functions on Azurite.
/// </summary>
public sealed class RecordIdentityTests
{
    private static async Task<IngestOutcome> Send(CreditApp app, RecordsMessage message) =>
        await app.Get<RecordIngestor>().IngestAsync(message.Json(), CancellationToken.None);

    private static async Task<HttpAnswer> RecordRoute(CreditApp app, string recordId, string principal) =>
        HttpAnswer.Of(await app.Function<RecordFunction>().Run(app.Request($"/api/records/{recordId}", principal: principal), recordId, CancellationToken.None));

    private static string[] ShownIds(HttpAnswer credit) =>
        credit.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("recordId").GetString()!).ToArray();

    [Fact]
    public async Task One_record_lives_under_one_subject_a_higher_version_moves_it_and_a_late_lower_one_is_stale()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var (a, b, c) = (Subjects.NewUscc(), Subjects.NewUscc(), Subjects.NewUscc());
        var sourceRecordId = $"mv-{Guid.NewGuid():N}";
        var recordId = RecordIds.For(Enforcement, sourceRecordId);
        await Send(app, RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(a, sourceRecordId, version: 1)));
        await Send(app, RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(b, sourceRecordId, version: 2)));
        var late = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(c, sourceRecordId, version: 1));
        var lateOutcome = await Send(app, late);

        Assert.DoesNotContain(recordId, ShownIds(await Credit(app, a)));
        Assert.Equal([recordId], ShownIds(await Credit(app, b)));
        Assert.DoesNotContain(recordId, ShownIds(await Credit(app, c)));
        Assert.Equal(1, lateOutcome.Rejected);
        var notice = await IngestionPathTests.FindNotice(app, late.MessageId);
        Assert.Equal("stale-version", notice.GetProperty("items")[0].GetProperty("code").GetString());

        // One record id, one history, usable at once by the subject it is under now.
        var detail = await RecordRoute(app, recordId, Principals.Subject(b));
        Assert.Equal(200, detail.Status);
        Assert.Equal(2, detail.Json.GetProperty("version").GetInt64());
        var history = detail.Json.GetProperty("history");
        Assert.True(history.GetProperty("verified").GetBoolean());
        Assert.Equal(["received", "moved"], history.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(403, (await RecordRoute(app, recordId, Principals.Subject(a))).Status);
        Assert.Equal(201, (await FileObjection(app, Principals.Subject(b), b, recordId)).Status);
        Assert.Equal(404, (await FileObjection(app, Principals.Subject(a), a, recordId)).Status);
    }

    [Fact]
    public async Task A_revoke_needs_only_its_identity_and_withdraws_the_record_wherever_it_is_creating_nothing_elsewhere()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var (a, wrong) = (Subjects.NewUscc(), Subjects.NewUscc());
        var sourceRecordId = $"rv-{Guid.NewGuid():N}";
        await Send(app, RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(a, sourceRecordId)));
        var naming = RecordsMessage.AdminPenalty(wrong, sourceRecordId, version: 2);
        naming["action"] = "revoke";
        naming["kind"] = "award";

        var outcome = await Send(app, RecordsMessage.From(Enforcement).With(naming));

        Assert.Equal((1, 0), (outcome.Stored, outcome.Rejected));
        Assert.Empty(ShownIds(await Credit(app, a)));
        var underWrong = await app.Get<RecordStore>().ReadSubjectAsync(KeyOf(app, wrong), CancellationToken.None);
        Assert.Empty(underWrong.Records);
        var stored = await app.Get<RecordStore>().FindAsync(RecordIds.For(Enforcement, sourceRecordId), CancellationToken.None);
        Assert.Equal(Domain.Records.RecordState.Revoked, stored!.Record.State);
        Assert.Equal(a, stored.Record.Subject.Value);

        // Identity and version alone are enough.
        var bare = new JsonObject { ["sourceRecordId"] = sourceRecordId, ["version"] = 3, ["action"] = "revoke" };
        Assert.Equal(1, (await Send(app, RecordsMessage.From(Enforcement).With(bare))).Stored);
    }

    [Fact]
    public async Task A_revoke_of_a_record_never_received_keeps_an_older_version_out_and_stores_nothing_under_any_subject()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var sourceRecordId = $"rv-{Guid.NewGuid():N}";
        var revoke = new JsonObject { ["sourceRecordId"] = sourceRecordId, ["version"] = 2, ["action"] = "revoke" };
        await Send(app, RecordsMessage.From(Enforcement).With(revoke));

        var late = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, sourceRecordId, version: 1));
        var lateOutcome = await Send(app, late);
        var newer = await Send(app, RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit, sourceRecordId, version: 3)));

        Assert.Equal(1, lateOutcome.Rejected);
        Assert.Equal("stale-version", (await IngestionPathTests.FindNotice(app, late.MessageId)).GetProperty("items")[0].GetProperty("code").GetString());
        Assert.Equal(1, newer.Stored);
        Assert.Equal([RecordIds.For(Enforcement, sourceRecordId)], ShownIds(await Credit(app, unit)));
    }

    [Fact]
    public async Task The_second_record_of_one_identity_in_a_message_is_refused_duplicate_in_message_and_the_first_is_taken()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var (first, second) = (Subjects.NewUscc(), Subjects.NewUscc());
        var sourceRecordId = $"dup-{Guid.NewGuid():N}";
        var message = RecordsMessage.From(Enforcement).With(
            RecordsMessage.AdminPenalty(first, sourceRecordId, version: 1),
            RecordsMessage.AdminPenalty(second, sourceRecordId, version: 2));

        var outcome = await Send(app, message);

        Assert.Equal((1, 1), (outcome.Stored, outcome.Rejected));
        Assert.Equal([RecordIds.For(Enforcement, sourceRecordId)], ShownIds(await Credit(app, first)));
        Assert.Empty(ShownIds(await Credit(app, second)));
        var item = (await IngestionPathTests.FindNotice(app, message.MessageId)).GetProperty("items")[0];
        Assert.Equal("duplicate-in-message", item.GetProperty("code").GetString());
        Assert.Equal(1, item.GetProperty("recordIndex").GetInt32());
        var kept = await IngestionPathTests.FindRejection(app, Enforcement, e => e.GetString("MessageId") == message.MessageId);
        Assert.Equal("duplicate-in-message", kept.GetString("Code"));
    }

    [Fact]
    public async Task Concurrent_messages_of_bad_records_each_keep_their_own_rejections()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        // 100 records keep a signed message under the queue's 64 KiB (150 made it message-too-large once messages were signed).
        const int messages = 24, records = 100;
        var sent = Enumerable.Range(0, messages).Select(m => RecordsMessage.From(Enforcement).With(Enumerable.Range(0, records).Select(i =>
        {
            var bad = RecordsMessage.AdminPenalty(Subjects.NewUscc(), $"bad-{m}-{i}-{Guid.NewGuid():N}");
            bad["kind"] = $"no-such-kind-{m}";
            return bad;
        }).ToArray())).ToList();

        var outcomes = await Task.WhenAll(sent.Select(m => Task.Run(() => Send(app, m))));

        Assert.All(outcomes, o => Assert.Equal(records, o.Rejected));
        var table = app.Table(TableNames.Rejections);
        foreach (var (message, m) in sent.Select((message, m) => (message, m)))
        {
            var rows = new List<TableEntity>();
            await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Enforcement} and MessageId eq {message.MessageId}")))
            {
                rows.Add(row);
            }

            Assert.Equal(records, rows.Count);
            // Each rejection is filed under the message that carried it, with that message's own body.
            Assert.All(rows, r => Assert.Contains($"no-such-kind-{m}\"", LargeText.Read(r, "Body")));
        }
    }

    [Fact]
    public async Task A_record_a_credit_answer_shows_is_at_once_usable_by_its_subject_whatever_storage_call_a_crash_fell_after()
    {
        var crash = new CrashingStorage();
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), configure: s => s.AddSingleton<HttpPipelinePolicy>(crash));
        await Send(app, RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(Subjects.NewUscc())));
        crash.Count();
        await Send(app, RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(Subjects.NewUscc())));
        var calls = crash.Calls;

        for (var call = 1; call <= calls; call++)
        {
            var unit = Subjects.NewUscc();
            var message = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(unit));
            crash.Arm(call, afterSend: true);
            await Record.ExceptionAsync(() => Send(app, message));
            crash.Disarm();

            foreach (var recordId in ShownIds(await Credit(app, unit)))
            {
                Assert.Equal(200, (await RecordRoute(app, recordId, Principals.Subject(unit))).Status);
                Assert.Equal(201, (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Status);
            }
        }
    }

    [Fact]
    public async Task A_record_stored_expired_on_arrival_is_told_to_its_sender_and_is_not_a_rejection()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2026, 11, 26));
        var message = RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(Subjects.NewUscc(), decisionDate: "2023-06-01"));

        var outcome = await Send(app, message);

        Assert.Equal((1, 0), (outcome.Stored, outcome.Rejected));
        var notice = await IngestionPathTests.FindNotice(app, message.MessageId);
        Assert.Empty(notice.GetProperty("items").EnumerateArray());
        var warning = Assert.Single(notice.GetProperty("warnings").EnumerateArray());
        Assert.Equal("expired-on-arrival", warning.GetProperty("code").GetString());
        Assert.Contains("2026-06-01", warning.GetProperty("message").GetProperty("en").GetString());
    }
}
