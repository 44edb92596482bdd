using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Watches;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Platform;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.PlatformSimulator;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;
using static CreditFunctions.Integration.Tests.Watches.WatchKit;

namespace CreditFunctions.Integration.Tests.Watches;

/// <summary>
/// Callbacks of watches against the simulator's webhook endpoint, through the real deliverer on a private Azurite: each
/// change is POSTed signed with the watch's secret, oldest first; a receiver that fails or never answers gets it again
/// with backoff, never dropped, and receives every change once by its cursor; a stalled delivery is found again.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookTests(PlatformFixture platform) : IAsyncLifetime
{
    private CreditApp _app = null!;

    private WebhookReceiver Hooks => PlatformSimulatorApp.Hooks(platform.Simulator);

    public async Task InitializeAsync()
    {
        Hooks.Chaos.Set(ChaosSettings.Healthy);
        _app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = platform.BaseUrl,
            ["Watches:CallbackTimeout"] = "00:00:02",
            ["Watches:BackoffBase"] = "00:00:05",
        }, connectionString: platform.Storage.ConnectionString);
        await PumpAsync(_app);
        await TakeDeliveryNoticesAsync(_app);
    }

    public async Task DisposeAsync()
    {
        Hooks.Chaos.Set(ChaosSettings.Healthy);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Each_change_is_posted_signed_with_the_watchs_secret_and_the_receiver_can_check_it()
    {
        var hook = NewHook();
        var unit = Subjects.NewUscc();
        var (watchId, _, secret) = await WatchAsync(_app, [unit], business: "hrss-business", callbackUrl: HookUrl(hook));
        Assert.NotNull(secret);
        Hooks.SetSecret(hook, secret!);
        var recordId = await IngestAsync(_app, Penalty(unit));
        await PumpAsync(_app);

        // The fan-out told the deliverer, delayed past the settle window.
        // (Other tests' retries may show up on the queue too: the one naming this watch is the one.)
        var notice = await NoticeNamingAsync(watchId, "the delivery notice");
        _app.Clock.Advance(TimeSpan.FromSeconds(6));
        await _app.Function<WatchDeliveryFunction>().Run(notice, CancellationToken.None);

        var log = Hooks.Log(hook);
        var callback = Assert.Single(log.Callbacks);
        Assert.True(callback.SignatureValid);
        Assert.Equal("record-listed", callback.Body.GetProperty("change").GetString());
        Assert.Equal(recordId, callback.Body.GetProperty("recordId").GetString());
        Assert.Equal(watchId, callback.Body.GetProperty("watchId").GetString());
        Assert.Equal("enhanced-review", callback.Body.GetProperty("decision").GetString());
        var watch = await Get(_app, Principals.Partner, watchId);
        Assert.Equal(callback.Cursor, watch.Json.GetProperty("delivery").GetProperty("deliveredCursor").GetString());
        // The feed is the same change under the same cursor: the source of truth.
        Assert.Equal(callback.Cursor, Assert.Single(await FeedAsync(_app, watchId)).GetProperty("cursor").GetString());
        Assert.Equal(1, log.Posts);
    }

    [Fact]
    public async Task A_receiver_that_fails_gets_each_change_again_with_backoff_in_order_and_every_change_arrives_once()
    {
        var hook = NewHook();
        var subjects = Enumerable.Range(0, 6).Select(_ => Subjects.NewUscc()).ToList();
        var (watchId, _, secret) = await WatchAsync(_app, subjects, callbackUrl: HookUrl(hook));
        Hooks.SetSecret(hook, secret!);
        var deliverer = _app.Get<WebhookDeliverer>();
        foreach (var subject in subjects)
        {
            await IngestAsync(_app, Penalty(subject));
        }

        await PumpAsync(_app);
        _app.Clock.Advance(TimeSpan.FromSeconds(6));

        Hooks.Chaos.Set(new ChaosSettings(FailureRate: 1));
        var failed = await deliverer.DeliverAsync(watchId, CancellationToken.None);
        Assert.True(failed.Failed);
        var state = (await Get(_app, Principals.Partner, watchId)).Json.GetProperty("delivery");
        Assert.Equal(1, state.GetProperty("attempts").GetInt32());
        Assert.Equal("HTTP 503", state.GetProperty("lastFailure").GetString());
        // Backing off: a notice now changes nothing, the retry is due later.
        Assert.True((await deliverer.DeliverAsync(watchId, CancellationToken.None)).Skipped);
        // Each failure waits longer than the one before (5 s doubling, at most 30 minutes), and nothing gives up.
        var due = state.GetProperty("nextAttemptAt").GetDateTimeOffset();
        var waits = new List<TimeSpan>();
        for (var attempt = 2; attempt <= 12; attempt++)
        {
            _app.Clock.SetUtcNow(due);
            Assert.True((await deliverer.DeliverAsync(watchId, CancellationToken.None)).Failed);
            var next = (await Get(_app, Principals.Partner, watchId)).Json.GetProperty("delivery");
            Assert.Equal(attempt, next.GetProperty("attempts").GetInt32());
            var nextDue = next.GetProperty("nextAttemptAt").GetDateTimeOffset();
            waits.Add(nextDue - due);
            due = nextDue;
        }

        Assert.True(waits[1] > waits[0] && waits[4] > waits[3], string.Join(", ", waits));
        Assert.True(waits[^1] <= TimeSpan.FromMinutes(30) * 1.25, $"capped: {waits[^1]}");

        // Half the callbacks fail, some are taken but never answered: retried until every change is acknowledged.
        Hooks.Chaos.Set(new ChaosSettings(FailureRate: 0.4, TimeoutRate: 0.15));
        for (var run = 0; run < 60 && Hooks.Log(hook).Distinct < subjects.Count; run++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(40));
            await deliverer.DeliverAsync(watchId, CancellationToken.None);
        }

        Hooks.Chaos.Set(ChaosSettings.Healthy);
        _app.Clock.Advance(TimeSpan.FromMinutes(40));
        await deliverer.DeliverAsync(watchId, CancellationToken.None);

        var log = Hooks.Log(hook);
        Assert.Equal(subjects.Count, log.Distinct);
        // Retries are signed as the first attempt was.
        Assert.All(log.Callbacks, c => Assert.True(c.SignatureValid));
        Assert.Equal(subjects.Order(), log.Callbacks.Select(c => c.Body.GetProperty("subjectId").GetString()!).Order());
        var cursors = log.Callbacks.Select(c => c.Cursor).ToList();
        Assert.Equal(cursors.Order(StringComparer.Ordinal), cursors);
        Assert.True(log.Posts > subjects.Count, $"{log.Posts} posts: the chaos should have forced retries");
        var delivered = (await Get(_app, Principals.Partner, watchId)).Json.GetProperty("delivery");
        Assert.Equal(cursors[^1], delivered.GetProperty("deliveredCursor").GetString());
        Assert.Equal(0, delivered.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task A_failed_delivery_sends_its_own_retry_notice_and_a_stalled_one_is_found_by_reconciliation()
    {
        var hook = NewHook();
        var unit = Subjects.NewUscc();
        var (watchId, _, _) = await WatchAsync(_app, [unit], callbackUrl: HookUrl(hook));
        await IngestAsync(_app, Penalty(unit));
        await PumpAsync(_app);
        await NoticeNamingAsync(watchId, "the delivery notice");
        _app.Clock.Advance(TimeSpan.FromSeconds(6));
        Hooks.Chaos.Set(new ChaosSettings(FailureRate: 1));

        await _app.Get<WebhookDeliverer>().DeliverAsync(watchId, CancellationToken.None);

        // The retry is a delayed notice (backoff 5 s ± 20 %): not visible yet, then there.
        Assert.DoesNotContain(await TakeDeliveryNoticesAsync(_app), n => n.Contains(watchId, StringComparison.Ordinal));
        await NoticeNamingAsync(watchId, "the retry notice");

        // Lost (taken and dropped): once the retry is overdue, reconciliation notifies again.
        Assert.Equal(0, await _app.Get<WebhookDeliverer>().ReconcileAsync(CancellationToken.None));
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.True(await _app.Get<WebhookDeliverer>().ReconcileAsync(CancellationToken.None) >= 1);
        Assert.Contains(await TakeDeliveryNoticesAsync(_app), n => n.Contains(watchId, StringComparison.Ordinal));

        Hooks.Chaos.Set(ChaosSettings.Healthy);
        await _app.Get<WebhookDeliverer>().DeliverAsync(watchId, CancellationToken.None);
        Assert.Equal(1, Hooks.Log(hook).Distinct);
    }

    [Fact]
    public void Callbacks_reach_public_addresses_only_and_loopback_only_in_local_development()
    {
        Assert.True(WebhookClient.IsCallable(IPAddress.Parse("203.0.113.7"), allowLoopback: false));
        Assert.True(WebhookClient.IsCallable(IPAddress.Parse("2001:db8::1"), allowLoopback: false));
        Assert.True(WebhookClient.IsCallable(IPAddress.Parse("64:ff9b::cb00:7107"), allowLoopback: false)); // NAT64 of 203.0.113.7
        // IPv4 inside IPv6 (NAT64, 6to4, IPv4-compatible) is judged as the IPv4 address; Azure's host endpoint is never a partner.
        foreach (var inside in new[] { "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "fe80::1", "fd00::1", "::ffff:10.0.0.1",
                     "64:ff9b::a9fe:a9fe", "2002:0a00:0001::1", "::10.0.0.1", "168.63.129.16", "198.18.0.1", "192.0.0.8" })
        {
            Assert.False(WebhookClient.IsCallable(IPAddress.Parse(inside), allowLoopback: true), inside);
        }

        Assert.False(WebhookClient.IsCallable(IPAddress.Loopback, allowLoopback: false));
        Assert.True(WebhookClient.IsCallable(IPAddress.Loopback, allowLoopback: true));
        Assert.True(WebhookSignature.Verify("{}"u8, "s3cret", WebhookSignature.Of("{}"u8, "s3cret")));
        Assert.False(WebhookSignature.Verify("{ }"u8, "s3cret", WebhookSignature.Of("{}"u8, "s3cret")));
    }

    [Fact]
    public async Task A_watch_deleted_halfway_by_a_crash_is_called_no_more_and_its_rows_are_removed_by_the_next_delivery()
    {
        var subject = Subjects.NewUscc();
        var (watchId, _, _) = await WatchAsync(_app, [subject], callbackUrl: $"{platform.BaseUrl}/hooks/{Guid.NewGuid():N}");
        // What DeleteWatchAsync writes first; the crash comes before the rest.
        var table = _app.Table(TableNames.Watches);
        var row = (await table.GetEntityAsync<TableEntity>("w|" + watchId, "watch")).Value;
        row["Deleted"] = true;
        await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace);

        var run = await _app.Get<WebhookDeliverer>().DeliverAsync(watchId, CancellationToken.None);

        Assert.True(run.Skipped);
        Assert.Null(await _app.Get<WatchStore>().DeliveryAsync(watchId, CancellationToken.None));
        Assert.Empty(await _app.Get<WatchStore>().WatchesOfAsync(_app.Get<SubjectKeys>().KeyFor(new SubjectId(SubjectType.Unit, subject)), CancellationToken.None));
    }

    [Fact]
    public async Task A_run_stops_before_its_lease_would_end_and_the_next_run_goes_on_from_there()
    {
        // A lease shorter than one callback's timeout: each run may post once, then must hand on (before, one run posted
        // all three while its lease had long run out, and a second deliverer could start from the same cursor).
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = platform.BaseUrl,
            ["Watches:CallbackTimeout"] = "00:00:02",
            ["Watches:Lease"] = "00:00:01",
        }, connectionString: platform.Storage.ConnectionString);
        var hook = NewHook();
        var units = new[] { Subjects.NewUscc(), Subjects.NewUscc(), Subjects.NewUscc() };
        var (watchId, _, _) = await WatchAsync(app, units, callbackUrl: HookUrl(hook));
        foreach (var unit in units)
        {
            await IngestAsync(app, Penalty(unit));
        }

        await PumpAsync(app);
        app.Clock.Advance(TimeSpan.FromSeconds(6));
        var deliverer = app.Get<WebhookDeliverer>();

        var runs = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            runs.Add((await deliverer.DeliverAsync(watchId, CancellationToken.None)).Delivered);
        }

        Assert.Equal([1, 1, 1], runs);
        Assert.Equal(3, Hooks.Log(hook).Distinct);
        Assert.Equal(3, Hooks.Log(hook).Posts);
    }

    private async Task<string> NoticeNamingAsync(string watchId, string what)
    {
        var seen = new List<string>();
        await Eventually(async () =>
        {
            seen.AddRange(await TakeDeliveryNoticesAsync(_app));
            return seen.Any(n => n.Contains(watchId, StringComparison.Ordinal));
        }, found => found, what);
        return seen.First(n => n.Contains(watchId, StringComparison.Ordinal));
    }

    private static string NewHook() => "h" + Guid.NewGuid().ToString("N")[..12];

    private string HookUrl(string hook) => $"{platform.BaseUrl}/hooks/{hook}";

    private static Task<T> Eventually<T>(Func<Task<T>> probe, Func<T, bool> done, string what) =>
        CreditFunctions.Testing.Eventually.UntilAsync(probe, done, what);
}
