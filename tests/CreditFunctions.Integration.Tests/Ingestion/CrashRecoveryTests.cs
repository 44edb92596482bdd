using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>
/// At-least-once delivery: the host redelivers a message whose function did not finish. Whatever storage call the
/// app died at, before or after it took effect, the redelivery must leave exactly the state of one delivery.
/// </summary>
public sealed class CrashRecoveryTests
{
    // Each mode reports to its own unit, so the unit's quality counters hold exactly this test's messages.
    private static string Source = "SH-DISTRICT-JINSHAN";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_crash_at_any_storage_call_then_a_redelivery_leaves_the_state_of_one_delivery(bool crashAfterTheCallTookEffect)
    {
        Source = crashAfterTheCallTookEffect ? "SH-DISTRICT-FENGXIAN" : "SH-DISTRICT-JINSHAN";
        var crash = new CrashingStorage();
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), configure: s => s.AddSingleton<HttpPipelinePolicy>(crash));
        var ingestor = app.Get<RecordIngestor>();
        // The first use creates tables and queues; those calls belong to no message.
        await ingestor.IngestAsync(Message().Json(), CancellationToken.None);
        crash.Count();
        var reference = Message();
        await ingestor.IngestAsync(reference.Json(), CancellationToken.None);
        var calls = crash.Calls;
        await AssertStateOfOneDelivery(app, reference);
        Assert.True(calls >= 6, $"a message of this shape makes several storage calls, got {calls}");

        for (var call = 1; call <= calls; call++)
        {
            var message = Message();
            crash.Arm(call, crashAfterTheCallTookEffect);
            var crashed = await Record.ExceptionAsync(() => ingestor.IngestAsync(message.Json(), CancellationToken.None));
            Assert.True(crashed is InjectedCrashException, $"call {call} of {calls}: expected the injected crash, got {crashed?.ToString() ?? "none"}; calls made {crash.Calls}");
            crash.Disarm();

            await ingestor.IngestAsync(message.Json(), CancellationToken.None);

            await AssertStateOfOneDelivery(app, message, $"crash at call {call} of {calls}");
        }

        // The unit's timeliness and rejection counters counted every message once, crashed or not: the warm-up, the
        // reference and one per crash point; three records arrived and one was rejected in each.
        var quality = await app.Get<UnitQualityStore>().ReadAsync(Source, CancellationToken.None);
        var messages = 2 + calls;
        Assert.Equal(3 * messages, quality.Months.Sum(m => m.Records));
        Assert.Equal(messages, quality.RejectionCounters.Single(r => r.Code == "invalid-subject-id").Count);
    }

    private sealed record Sent(RecordsMessage Message, string[] Published, string Excluded, string BadSourceRecordId);

    private static Sent _last = null!;

    /// <summary>Two published penalties, one excluded (summary procedure, art5.2), one with a bad subject id.</summary>
    /// <remarks>
    /// Every message makes the same storage calls, so "crash at call N" means the same step each time: its three
    /// subjects are in three different buckets, and its three records' locators in one shard.
    /// </remarks>
    private static RecordsMessage Message()
    {
        var units = DistinctBuckets(3);
        var published = new[] { units[0], units[1] };
        var excluded = RecordsMessage.AdminPenalty(units[2], SameShardId("EX-"));
        excluded["procedure"] = "summary";
        var bad = RecordsMessage.AdminPenalty("91350100M000100Y44", "BAD-" + Guid.NewGuid().ToString("N"));
        var records = published.Select(id => RecordsMessage.AdminPenalty(id, SameShardId("P-"))).ToArray();
        var message = RecordsMessage.From(Source).With(records[0], excluded, bad, records[1]);
        _last = new Sent(message, records.Select(r => r["sourceRecordId"]!.GetValue<string>()).ToArray(),
            excluded["sourceRecordId"]!.GetValue<string>(), bad["sourceRecordId"]!.GetValue<string>());
        Messages[message.MessageId] = _last;
        return message;
    }

    private static readonly Dictionary<string, Sent> Messages = [];

    private static string[] DistinctBuckets(int count)
    {
        var units = new Dictionary<string, string>();
        while (units.Count < count)
        {
            var unit = Subjects.NewUscc();
            units.TryAdd(SubjectKeys.BucketOf(unit), unit); // a unit's subject key is its USCC
        }

        return units.Values.ToArray();
    }

    private static string SameShardId(string prefix)
    {
        while (true)
        {
            var id = prefix + Guid.NewGuid().ToString("N");
            if (RecordIds.LocatorShardOf(RecordIds.For(Source, id)) == 0)
            {
                return id;
            }
        }
    }

    private static async Task AssertStateOfOneDelivery(CreditApp app, RecordsMessage message, string when = "reference run")
    {
        var sent = Messages[message.MessageId];
        var records = app.Get<RecordStore>();
        var table = app.Table(TableNames.Records);
        foreach (var (sourceRecordId, events) in sent.Published.Select(p => (p, 1)).Append((sent.Excluded, 0)))
        {
            var recordId = RecordIds.For(Source, sourceRecordId);
            var subjectKey = (await app.Get<RecordStore>().FindAsync(recordId, CancellationToken.None))?.SubjectKey;
            Assert.True(subjectKey is not null, $"{when}: locator of {sourceRecordId}");
            var stored = await records.GetAsync(subjectKey!, recordId, CancellationToken.None);
            Assert.True(stored is not null, $"{when}: record {sourceRecordId}");
            Assert.Equal(1, stored!.Record.Version);
            var history = await records.ReadHistoryAsync(subjectKey!, recordId, CancellationToken.None);
            Assert.True(history.Count == 1, $"{when}: {history.Count} history entries for {sourceRecordId}");
            Assert.True(HistoryChain.Verify(history), when);
            var (from, to) = RecordStore.Keys.OutboxRange(recordId);
            var outbox = table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter(
                $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey!)} and RowKey ge {from} and RowKey lt {to}"));
            var pending = 0;
            await foreach (var _ in outbox)
            {
                pending++;
            }

            Assert.True(pending == events, $"{when}: {pending} outbox rows for {sourceRecordId}, expected {events}");
        }

        var rejections = app.Table(TableNames.Rejections);
        var rejection = await rejections.GetEntityIfExistsAsync<TableEntity>(Source, $"{TableKeys.Escape(message.MessageId)}|0002");
        Assert.True(rejection.HasValue, $"{when}: the bad record's rejection");
        Assert.Equal("invalid-subject-id", rejection.Value!.GetString("Code"));
        Assert.True(await app.Get<MessageLedger>().WasAppliedAsync(Source, message.MessageId, CancellationToken.None), when);
        var again = await app.Get<RecordIngestor>().IngestAsync(message.Json(), CancellationToken.None);
        Assert.True(again.AlreadyApplied, when);
    }
}
