using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>
/// The Rejections table's newest-first index (docs/table-design.md, "Rejections"): one index row per transaction of
/// rejection rows, in that transaction, so the unit's newest rejections are one range query and the write costs what it
/// did; and the rejections-per-month counter the quality route charts.
/// </summary>
public sealed class RejectionIndexTests
{
    private static RejectedItem Item(int? index, string body, string code = "invalid-field") =>
        new(index, index is null ? null : $"SR-{index}", body, new IngestRejection(code, $"第 {index} 条有误", $"Record {index} is wrong", "severity"));

    [Fact]
    public async Task The_newest_rejections_come_first_each_once_with_reason_and_body_as_received()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var ledger = app.Get<RejectionLedger>();
        var unit = $"TEST-{Guid.NewGuid():N}";

        await ledger.RecordAsync(unit, "m-1", [Item(null, "not json at all", "invalid-json")], [], CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ledger.RecordAsync(unit, "m-2", [Item(0, """{"kind":"admin-penalty","severity":"grave"}"""), Item(3, """{"kind":"award"}""")], [], CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ledger.RecordAsync(unit, "m-3", [Item(7, """{"subject":{"name":"上海某某有限公司"}}""", "missing-field")], [], CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        // m-2 delivered again (a crash before the queue message was deleted): its rows are overwritten, and it is shown once.
        await ledger.RecordAsync(unit, "m-2", [Item(0, """{"kind":"admin-penalty","severity":"grave"}"""), Item(3, """{"kind":"award"}""")], [], CancellationToken.None);

        var all = await ledger.ReadRecentAsync(unit, 10, CancellationToken.None);
        var two = await ledger.ReadRecentAsync(unit, 2, CancellationToken.None);

        Assert.Equal(["m-2#0", "m-2#3", "m-3#7", "m-1#"], all.Items.Select(r => $"{r.MessageId}#{r.RecordIndex}"));
        Assert.False(all.More);
        Assert.Equal("""{"subject":{"name":"上海某某有限公司"}}""", all.Items[2].Body);
        Assert.Equal(("missing-field", "第 7 条有误", "Record 7 is wrong", "SR-7"), (all.Items[2].Code, all.Items[2].Zh, all.Items[2].En, all.Items[2].SourceRecordId));
        Assert.Equal(("invalid-json", "not json at all", (int?)null), (all.Items[3].Code, all.Items[3].Body, all.Items[3].RecordIndex));
        Assert.True(all.Items[0].RejectedAt > all.Items[2].RejectedAt);
        Assert.Equal(2, two.Items.Count);
        Assert.True(two.More);
    }

    [Fact]
    public async Task A_large_rejection_is_read_whole_and_bodies_too_large_for_the_index_come_from_their_rows()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var ledger = app.Get<RejectionLedger>();
        var unit = $"TEST-{Guid.NewGuid():N}";
        // 150 items: two transactions (99 + 51), each with its index row; 3,000-character bodies exceed what an index row copies.
        var items = Enumerable.Range(0, 150).Select(i => Item(i, $"{{\"n\":{i},\"pad\":\"{new string('x', 3000)}\"}}")).ToList();

        await ledger.RecordAsync(unit, "big", items, [], CancellationToken.None);
        var read = await ledger.ReadRecentAsync(unit, 200, CancellationToken.None);

        Assert.Equal(Enumerable.Range(0, 150), read.Items.Select(r => r.RecordIndex!.Value));
        Assert.Equal(items.Select(i => i.Body), read.Items.Select(r => r.Body));
    }

    [Fact]
    public async Task The_index_rides_in_the_rejection_rows_transaction_so_the_write_costs_no_more_requests()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var ledger = app.Get<RejectionLedger>();
        var counter = app.Get<StorageRequestCounter>();
        await ledger.RecordAsync($"TEST-{Guid.NewGuid():N}", "warm-up", [Item(null, "x")], [], CancellationToken.None);

        async Task<long> Cost(int items)
        {
            counter.Reset();
            await ledger.RecordAsync($"TEST-{Guid.NewGuid():N}", $"m-{items}", Enumerable.Range(0, items).Select(i => Item(i, "{}")).ToList(), [], CancellationToken.None);
            return counter.Requests;
        }

        var one = await Cost(1);
        var ninetyNine = await Cost(99);
        var oneFifty = await Cost(150);

        // One transaction of rejection rows (with its index row), the counters' reads and transaction, the notice.
        Assert.Equal(one, ninetyNine);
        Assert.Equal(one + 1, oneFifty);
    }

    [Fact]
    public async Task Rejections_are_counted_by_month_once_per_message()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 5, 31));
        var ledger = app.Get<RejectionLedger>();
        var store = app.Get<UnitQualityStore>();
        var unit = $"TEST-{Guid.NewGuid():N}";

        await ledger.RecordAsync(unit, "may-1", [Item(0, "{}"), Item(1, "{}", "missing-field")], [], CancellationToken.None);
        await ledger.RecordAsync(unit, "may-1", [Item(0, "{}"), Item(1, "{}", "missing-field")], [], CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromDays(1)); // 2024-06-01, China time
        await ledger.RecordAsync(unit, "june-1", [Item(null, "x", "invalid-json")], [], CancellationToken.None);

        var stored = await store.ReadAsync(unit);

        Assert.Equal([("2024-06", 1L), ("2024-05", 2L)], stored.RejectionMonths.Select(m => (m.Month, m.Count)));
        Assert.Equal(3, stored.RejectionCounters.Sum(c => c.Count));
    }
}
