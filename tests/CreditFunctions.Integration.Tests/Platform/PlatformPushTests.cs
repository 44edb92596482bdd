using System.Net.Http.Json;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.PlatformSimulator;
using CreditFunctions.Testing;
using static CreditFunctions.Integration.Tests.Platform.PlatformTestData;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>
/// The push function on Azurite against the platform simulator: acknowledged events leave the outbox, a failure is
/// retried by a delayed notice and never lost, and a record's events reach the platform in version order.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformPushTests(PlatformFixture platform) : IAsyncLifetime
{
    private CreditApp _app = null!;

    public async Task InitializeAsync()
    {
        platform.Chaos.Set(ChaosSettings.Healthy);
        _app = await CreditApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = platform.BaseUrl,
            ["Platform:Timeout"] = "00:00:05",
            ["Platform:BackoffBase"] = "00:00:05",
        }, connectionString: platform.Storage.ConnectionString);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task An_acknowledged_event_is_at_the_platform_and_its_outbox_row_is_deleted()
    {
        var record = await IngestPenaltyAsync(_app);
        var eventId = PublishId(record);
        Assert.NotNull(await OutboxRowAsync(_app, record.Partition, eventId));

        await _app.Function<PlatformPushFunction>().Run(Notice(new OutboxPointer(record.Partition, eventId)), CancellationToken.None);

        var held = platform.Ledger.Latest(record.RecordId);
        Assert.NotNull(held);
        Assert.Equal(eventId, held.EventId);
        Assert.Equal("publish", held.Type);
        Assert.Equal(1, held.Version);
        Assert.Equal(record.RecordId, held.Record!.Value.GetProperty("recordId").GetString());
        Assert.Equal("general", held.Record.Value.GetProperty("classification").GetString());
        Assert.False(held.HadBearerToken);
        Assert.Null(await OutboxRowAsync(_app, record.Partition, eventId));
    }

    [Fact]
    public async Task A_409_from_the_platform_counts_as_acknowledged()
    {
        var record = await IngestPenaltyAsync(_app);
        var eventId = PublishId(record);
        var row = await OutboxRowAsync(_app, record.Partition, eventId);
        using var http = new HttpClient();
        var first = await http.PostAsync($"{platform.BaseUrl}/credit-events",
            new StringContent(row!.GetString("Payload"), System.Text.Encoding.UTF8, "application/json"));
        Assert.True(first.IsSuccessStatusCode);
        var duplicates = platform.Ledger.Stats().Duplicates;

        await _app.Function<PlatformPushFunction>().Run(Notice(new OutboxPointer(record.Partition, eventId)), CancellationToken.None);

        Assert.Equal(duplicates + 1, platform.Ledger.Stats().Duplicates);
        Assert.Null(await OutboxRowAsync(_app, record.Partition, eventId));
    }

    [Fact]
    public async Task A_500_leaves_the_row_and_re_notifies_with_a_delay_until_the_platform_takes_it()
    {
        var record = await IngestPenaltyAsync(_app);
        var eventId = PublishId(record);
        var pointer = new OutboxPointer(record.Partition, eventId);
        await TakeNoticesNamingAsync(_app, eventId);
        platform.Chaos.Set(new ChaosSettings(FailureRate: 1));

        await _app.Function<PlatformPushFunction>().Run(Notice(pointer), CancellationToken.None);

        var row = await OutboxRowAsync(_app, record.Partition, eventId);
        Assert.NotNull(row);
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Equal("HTTP 500", row.GetString("LastFailure"));
        Assert.Null(platform.Ledger.Latest(record.RecordId));
        // The retry notice is on the queue but not yet visible (backoff 5 s ± 20 %), so nothing is poisoned and
        // nothing spins; it shows up once its delay has passed.
        Assert.Empty(await TakeNoticesNamingAsync(_app, eventId));
        var queue = _app.Queue(PlatformOutbox.QueueName);
        Assert.True((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount >= 1);
        var retries = await Eventually.UntilAsync(() => TakeNoticesNamingAsync(_app, eventId), found => found.Count > 0, "the delayed retry notice");

        platform.Chaos.Set(ChaosSettings.Healthy);
        await _app.Function<PlatformPushFunction>().Run(Assert.Single(retries), CancellationToken.None);

        Assert.Equal(eventId, platform.Ledger.Latest(record.RecordId)?.EventId);
        Assert.Null(await OutboxRowAsync(_app, record.Partition, eventId));
    }

    [Fact]
    public async Task A_timeout_is_a_failed_attempt_and_the_retry_is_recognised_as_a_repeat()
    {
        await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = platform.BaseUrl,
            ["Platform:Timeout"] = "00:00:01",
            ["Platform:BackoffBase"] = "00:00:05",
        }, connectionString: platform.Storage.ConnectionString);
        var record = await IngestPenaltyAsync(app);
        var eventId = PublishId(record);
        var pointer = new OutboxPointer(record.Partition, eventId);
        platform.Chaos.Set(new ChaosSettings(TimeoutRate: 1));

        await app.Function<PlatformPushFunction>().Run(Notice(pointer), CancellationToken.None);

        var row = await OutboxRowAsync(app, record.Partition, eventId);
        Assert.NotNull(row);
        Assert.StartsWith("no answer within", row.GetString("LastFailure"));
        platform.Chaos.Set(ChaosSettings.Healthy);
        var duplicates = platform.Ledger.Stats().Duplicates;

        await app.Function<PlatformPushFunction>().Run(Notice(pointer), CancellationToken.None);

        Assert.Equal(duplicates + 1, platform.Ledger.Stats().Duplicates);
        Assert.Null(await OutboxRowAsync(app, record.Partition, eventId));
    }

    [Fact]
    public async Task A_records_pending_events_are_posted_oldest_first_whichever_the_notice_names()
    {
        var record = await IngestPenaltyAsync(_app, versions: [1, 2, 3]);
        var newest = PublishId(record, 3);

        await _app.Function<PlatformPushFunction>().Run(Notice(new OutboxPointer(record.Partition, newest)), CancellationToken.None);

        var received = platform.Ledger.Events().Where(e => e.RecordId == record.RecordId).Select(e => e.Version).ToList();
        Assert.Equal([1L, 2L, 3L], received);
        Assert.Equal(3, platform.Ledger.Latest(record.RecordId)?.Version);
        foreach (var version in new long[] { 1, 2, 3 })
        {
            Assert.Null(await OutboxRowAsync(_app, record.Partition, PublishId(record, version)));
        }
    }

    [Fact]
    public async Task A_failure_holds_back_the_records_later_events_so_none_overtakes_it()
    {
        var record = await IngestPenaltyAsync(_app, versions: [1, 2]);
        platform.Chaos.Set(new ChaosSettings(FailureRate: 1));

        await _app.Function<PlatformPushFunction>().Run(Notice(new OutboxPointer(record.Partition, PublishId(record, 2))), CancellationToken.None);

        Assert.Null(platform.Ledger.Latest(record.RecordId));
        Assert.Equal(1, (await OutboxRowAsync(_app, record.Partition, PublishId(record, 1)))?.GetInt32("Attempts"));
        Assert.Equal(0, (await OutboxRowAsync(_app, record.Partition, PublishId(record, 2)))?.GetInt32("Attempts"));
    }

    [Fact]
    public async Task A_notice_that_is_not_a_notice_throws_so_the_host_poisons_it()
    {
        await Assert.ThrowsAnyAsync<Exception>(() => _app.Function<PlatformPushFunction>().Run("not json", CancellationToken.None));
        await Assert.ThrowsAsync<InvalidDataException>(() => _app.Function<PlatformPushFunction>().Run("{}", CancellationToken.None));
    }

    [Fact]
    public async Task The_simulator_keeps_the_newer_version_when_an_older_one_arrives_late()
    {
        var record = await IngestPenaltyAsync(_app, versions: [1, 2]);
        var v1 = await OutboxRowAsync(_app, record.Partition, PublishId(record, 1));
        var v2 = await OutboxRowAsync(_app, record.Partition, PublishId(record, 2));
        using var http = new HttpClient();

        var newer = await http.PostAsync($"{platform.BaseUrl}/credit-events", new StringContent(v2!.GetString("Payload"), System.Text.Encoding.UTF8, "application/json"));
        var older = await http.PostAsync($"{platform.BaseUrl}/credit-events", new StringContent(v1!.GetString("Payload"), System.Text.Encoding.UTF8, "application/json"));

        Assert.True(newer.IsSuccessStatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Conflict, older.StatusCode);
        var latest = await http.GetFromJsonAsync($"{platform.BaseUrl}/records/{record.RecordId}", SimulatorJson.Default.ReceivedEvent);
        Assert.Equal(2, latest?.Version);
    }
}
