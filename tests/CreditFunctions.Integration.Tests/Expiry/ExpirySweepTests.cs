using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Expiry;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Integration.Tests.Platform;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using static CreditFunctions.Integration.Tests.Platform.PlatformTestData;

namespace CreditFunctions.Integration.Tests.Expiry;

/// <summary>
/// The daily sweep through the real timer function on a private Azurite, with a clock the tests move: a record
/// leaves publication on its expiresOn day (not the day before) and a withdraw event goes to the outbox; missed
/// days are caught up; a second run changes nothing; a day with nothing to expire costs 32 storage requests.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ExpirySweepTests(PlatformFixture platform) : IAsyncLifetime
{
    private CreditApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), connectionString: platform.Storage.ConnectionString);
        // The sweep's state is one entity for the whole register; each test starts as if the sweep had never run.
        await _app.Table(TableNames.Records).CreateIfNotExistsAsync();
        await _app.Table(TableNames.Records).DeleteEntityAsync(RecordStore.Keys.SweepPartition, RecordStore.Keys.SweepRow);
        _app.Get<RecordStore>().ForgetLastSwept();
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_record_is_withdrawn_on_its_expiresOn_day_and_not_the_day_before()
    {
        var record = await IngestPenaltyAsync(_app, decisionDate: "2024-04-30");
        var expiresOn = (await Stored(record)).ExpiresOn!.Value;
        Assert.Equal(new DateOnly(2027, 4, 30), expiresOn);

        _app.SetToday(expiresOn.AddDays(-1));
        await Sweep();
        Assert.Equal(RecordState.Active, (await Stored(record)).State);
        Assert.Equal("general-dishonesty", await Status(record.Unit));

        AtSweepTime(expiresOn);
        await Sweep();

        Assert.Equal(RecordState.Expired, (await Stored(record)).State);
        Assert.Equal("no-record", await Status(record.Unit));
        var last = (await _app.Get<RecordStore>().ReadHistoryAsync(record.SubjectKey, record.RecordId, CancellationToken.None))[^1];
        Assert.Equal(("expired", "expiry-sweep"), (last.Action, last.Actor));
        var withdraw = await OutboxRowAsync(_app, record.Partition, PlatformEvent.IdFor(record.RecordId, 1, PlatformEventTypes.Withdraw));
        Assert.NotNull(withdraw);
        Assert.Contains("\"state\":\"expired\"", withdraw.GetString("Payload"));
        Assert.Null(await IndexRow(record, expiresOn));
    }

    [Fact]
    public async Task Days_missed_while_the_sweep_did_not_run_are_caught_up_by_the_next_run()
    {
        var records = new[]
        {
            await IngestPenaltyAsync(_app, decisionDate: "2024-03-10"),
            await IngestPenaltyAsync(_app, decisionDate: "2024-03-11"),
            await IngestPenaltyAsync(_app, decisionDate: "2024-03-12"),
        };
        _app.SetToday(new DateOnly(2027, 3, 9));
        await Sweep();
        Assert.All(await Task.WhenAll(records.Select(Stored)), r => Assert.Equal(RecordState.Active, r.State));

        // Three days without a sweep (an outage, a deployment): the next run does 10, 11 and 12 March.
        AtSweepTime(new DateOnly(2027, 3, 12));
        var result = await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);

        Assert.Equal((new DateOnly(2027, 3, 10), new DateOnly(2027, 3, 12)), (result.From, result.Through));
        Assert.All(await Task.WhenAll(records.Select(Stored)), r => Assert.Equal(RecordState.Expired, r.State));
        Assert.True(result.Expired >= 3);
    }

    [Fact]
    public async Task A_second_run_changes_nothing()
    {
        var record = await IngestPenaltyAsync(_app, decisionDate: "2024-05-20");
        AtSweepTime(new DateOnly(2027, 5, 20));
        var first = await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);
        var historyAfterFirst = await _app.Get<RecordStore>().ReadHistoryAsync(record.SubjectKey, record.RecordId, CancellationToken.None);

        var again = await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);
        _app.SetToday(new DateOnly(2027, 5, 21));
        var nextDay = await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);

        Assert.True(first.Expired >= 1);
        Assert.Equal(0, again.Expired);
        Assert.Equal(0, nextDay.Expired);
        var history = await _app.Get<RecordStore>().ReadHistoryAsync(record.SubjectKey, record.RecordId, CancellationToken.None);
        Assert.Equal(historyAfterFirst.Count, history.Count);
        Assert.Single(history, h => h.Action == "expired");
    }

    [Fact]
    public async Task A_day_with_nothing_to_expire_costs_at_most_one_query_per_bucket()
    {
        _app.SetToday(new DateOnly(2031, 1, 5));
        await Sweep();
        _app.SetToday(new DateOnly(2031, 1, 6));
        var counter = _app.Get<StorageRequestCounter>();

        counter.Reset();
        var result = await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);

        Assert.Equal(0, result.Expired);
        Assert.InRange(counter.Requests, 1, 32);
    }

    [Fact]
    public async Task An_index_row_whose_record_has_moved_on_is_skipped_and_the_newer_date_is_kept()
    {
        var record = await IngestPenaltyAsync(_app, decisionDate: "2024-02-10");
        // Version 2 corrects the decision date; its period (and index row) moves ten days later.
        var corrected = await ReingestAsync(record, version: 2, decisionDate: "2024-02-20");
        Assert.Equal(new DateOnly(2027, 2, 20), corrected.ExpiresOn);
        // A leftover index row for the old date (as a crash-free store never leaves, but the sweep must not trust it).
        await _app.Table(TableNames.Records).UpsertEntityAsync(new TableEntity(record.Partition, RecordStore.Keys.ExpiryRow(new DateOnly(2027, 2, 10), record.RecordId))
        {
            ["SubjectKey"] = record.SubjectKey,
            ["Version"] = 1L,
        });

        AtSweepTime(new DateOnly(2027, 2, 10));
        var onOldDate = await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);
        Assert.True(onOldDate.Skipped >= 1);
        Assert.Equal(RecordState.Active, (await Stored(record)).State);

        AtSweepTime(new DateOnly(2027, 2, 20));
        await Sweep();
        Assert.Equal(RecordState.Expired, (await Stored(record)).State);
    }

    [Fact]
    public async Task A_revoked_record_has_no_index_row_left_and_is_not_touched()
    {
        var record = await IngestPenaltyAsync(_app, decisionDate: "2024-01-15");
        await RevokeAsync(record, version: 2);
        Assert.Null(await IndexRow(record, new DateOnly(2027, 1, 15)));

        AtSweepTime(new DateOnly(2027, 1, 15));
        await Sweep();

        var stored = await Stored(record);
        Assert.Equal(RecordState.Revoked, stored.State);
        var history = await _app.Get<RecordStore>().ReadHistoryAsync(record.SubjectKey, record.RecordId, CancellationToken.None);
        Assert.DoesNotContain(history, h => h.Action == "expired");
    }

    [Fact]
    public void The_schedule_is_just_after_midnight_in_China_written_in_UTC()
    {
        var next = NCrontab.CrontabSchedule.Parse(ExpirySweepFunction.Schedule, new NCrontab.CrontabSchedule.ParseOptions { IncludingSeconds = true })
            .GetNextOccurrence(new DateTime(2027, 4, 29, 12, 0, 0, DateTimeKind.Utc));
        var inChina = new DateTimeOffset(next, TimeSpan.Zero).ToOffset(TimeSpan.FromHours(8));
        Assert.Equal(new DateTime(2027, 4, 30, 0, 5, 0), inChina.DateTime);
    }

    private void AtSweepTime(DateOnly day) =>
        _app.Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(new TimeOnly(0, 5)), TimeSpan.FromHours(8)));

    private Task Sweep() => _app.Function<ExpirySweepFunction>().Run(new TimerInfo(), CancellationToken.None);

    private async Task<CreditRecord> Stored(Ingested record) =>
        (await _app.Get<RecordStore>().GetAsync(record.SubjectKey, record.RecordId, CancellationToken.None))!.Record;

    private async Task<TableEntity?> IndexRow(Ingested record, DateOnly day)
    {
        var row = await _app.Table(TableNames.Records).GetEntityIfExistsAsync<TableEntity>(record.Partition, RecordStore.Keys.ExpiryRow(day, record.RecordId));
        return row.HasValue ? row.Value : null;
    }

    private async Task<string?> Status(string unit)
    {
        var result = await _app.Function<CreditFunction>().Run(
            _app.Request($"/api/subjects/{unit}/credit", principal: Principals.Partner), unit, CancellationToken.None);
        return HttpAnswer.Of(result).Json.GetProperty("status").GetString();
    }

    private async Task<CreditRecord> ReingestAsync(Ingested record, int version, string decisionDate)
    {
        var sourceRecordId = (await Stored(record)).SourceRecordId;
        var message = RecordsMessage.From(Source).With(RecordsMessage.AdminPenalty(record.Unit, sourceRecordId, version, decisionDate));
        await _app.Function<App.Ingestion.IngestFunction>().Run(message.Json(), CancellationToken.None);
        return await Stored(record);
    }

    private async Task RevokeAsync(Ingested record, int version)
    {
        var sourceRecordId = (await Stored(record)).SourceRecordId;
        var revoke = RecordsMessage.AdminPenalty(record.Unit, sourceRecordId, version);
        revoke["action"] = "revoke";
        await _app.Function<App.Ingestion.IngestFunction>().Run(RecordsMessage.From(Source).With(revoke).Json(), CancellationToken.None);
    }
}
