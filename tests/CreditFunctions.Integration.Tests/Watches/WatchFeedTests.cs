using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Expiry;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Watches;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Platform;
using CreditFunctions.Integration.Tests.Support;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;
using static CreditFunctions.Integration.Tests.Watches.WatchKit;

namespace CreditFunctions.Integration.Tests.Watches;

/// <summary>
/// Watches through the real functions on a private Azurite (the outbox queue is driven here as the host drives it): every
/// change of a watched subject reaches the feed once, oldest first — a new record, a new version, an objection opened and
/// closed, a repair, a revoke, an expiry by the sweep — with the subject's status and the decision for the watch's
/// business; a subject nobody watches costs no feed row; only the partner that made a watch sees it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WatchFeedTests(PlatformFixture platform) : IAsyncLifetime
{
    private CreditApp _app = null!;

    public async Task InitializeAsync()
    {
        _app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = platform.BaseUrl,
        }, connectionString: platform.Storage.ConnectionString);
        await PumpAsync(_app);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_new_record_of_a_watched_subject_is_in_the_feed_with_status_and_decision_and_an_unwatched_one_is_not()
    {
        var (watched, other) = (Subjects.NewUscc(), Subjects.NewUscc());
        var (watchId, cursor, secret) = await WatchAsync(_app, [watched], business: "hrss-business");
        Assert.Null(secret);

        var recordId = await IngestAsync(_app, Penalty(watched));
        await IngestAsync(_app, Penalty(other));
        await PumpAsync(_app);

        var answer = await Changes(_app, Principals.Partner, watchId);
        Assert.Equal(200, answer.Status);
        // Within the settle window nothing is shown yet: a reader never passes a change still being written.
        Assert.Empty(answer.Json.GetProperty("changes").EnumerateArray());
        Assert.Equal(cursor, answer.Json.GetProperty("next").GetString());

        var feed = await FeedAsync(_app, watchId);
        var change = Assert.Single(feed);
        Assert.Equal("record-listed", change.GetProperty("change").GetString());
        Assert.Equal(watched, change.GetProperty("subjectId").GetString());
        Assert.Equal(recordId, change.GetProperty("recordId").GetString());
        Assert.Equal("general-dishonesty", change.GetProperty("status").GetString());
        Assert.Equal("enhanced-review", change.GetProperty("decision").GetString());
        Assert.True(string.CompareOrdinal(change.GetProperty("cursor").GetString(), cursor) > 0);

        // Asking after the last cursor: nothing new.
        Assert.Empty(await FeedAsync(_app, watchId, change.GetProperty("cursor").GetString()));
    }

    [Fact]
    public async Task Every_kind_of_change_arrives_once_oldest_first_even_when_a_notice_is_handled_twice()
    {
        var unit = Subjects.NewUscc();
        var (watchId, _, _) = await WatchAsync(_app, [unit]);
        var record = Penalty(unit);
        var recordId = await IngestAsync(_app, record);

        // The same outbox notice twice (a redelivery): the change is in the feed once.
        var queue = _app.Queue(App.Platform.PlatformOutbox.QueueName);
        var notices = (await queue.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
        Assert.NotEmpty(notices);
        foreach (var notice in notices)
        {
            await _app.Function<App.Platform.PlatformPushFunction>().Run(notice.Body.ToString(), CancellationToken.None);
            await _app.Function<App.Platform.PlatformPushFunction>().Run(notice.Body.ToString(), CancellationToken.None);
            await queue.DeleteMessageAsync(notice.MessageId, notice.PopReceipt);
        }

        // A new version, then an objection the unit upholds, then a repair, each step pumped as the host would.
        var second = (JsonObject)record.DeepClone();
        second["version"] = 2;
        second["summary"] = "未按规定支付劳动者工资（更正）";
        await IngestAsync(_app, second);
        await PumpAsync(_app);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var objection = await FileObjection(_app, Principals.Subject(unit), unit, recordId);
        Assert.Equal(201, objection.Status);
        await PumpAsync(_app);
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        var upheld = await DecideObjection(_app, Principals.Unit(Enforcement), objection.Json.GetProperty("objectionId").GetString()!,
            new JsonObject { ["outcome"] = "upheld", ["reason"] = "经复核，处罚事实清楚" });
        Assert.Equal(200, upheld.Status);
        await PumpAsync(_app);
        _app.SetToday(new DateOnly(2024, 8, 1));
        var repair = await FileRepair(_app, Principals.Subject(unit), Repairs.RepairWorkflowTests.Application(unit, recordId));
        Assert.Equal(201, repair.Status);
        Assert.Equal(200, (await DecideRepair(_app, Principals.Unit(Enforcement), repair.Json.GetProperty("repairId").GetString()!,
            new JsonObject { ["outcome"] = "approved" })).Status);
        await PumpAsync(_app);

        var feed = await FeedAsync(_app, watchId);

        Assert.Equal(["record-listed", "record-changed", "objection-opened", "objection-closed", "repaired"], ChangeKinds(feed));
        Assert.All(feed, c => Assert.Equal(recordId, c.GetProperty("recordId").GetString()));
        Assert.Equal("no-record", feed[^1].GetProperty("status").GetString());
        var cursors = feed.Select(c => c.GetProperty("cursor").GetString()!).ToList();
        Assert.Equal(cursors.Order(StringComparer.Ordinal), cursors);
        Assert.Equal(cursors.Count, cursors.Distinct().Count());
        // Every change row was taken off once every feed had it.
        Assert.Empty(await ChangeRowsAsync(unit));
    }

    [Fact]
    public async Task A_revoke_and_an_expiry_by_the_sweep_reach_the_feed()
    {
        var (revoked, expiring) = (Subjects.NewUscc(), Subjects.NewUscc());
        var (watchId, _, _) = await WatchAsync(_app, [revoked, expiring]);
        var toRevoke = Penalty(revoked);
        await IngestAsync(_app, toRevoke);
        await IngestAsync(_app, Penalty(expiring, decisionDate: "2024-06-03"));
        await PumpAsync(_app);
        var revoke = new JsonObject { ["sourceRecordId"] = toRevoke["sourceRecordId"]!.GetValue<string>(), ["version"] = 2, ["action"] = "revoke" };
        await _app.Get<App.Ingestion.RecordIngestor>().IngestAsync(RecordsMessage.From(Enforcement).With(revoke).Json(), CancellationToken.None);
        await PumpAsync(_app);

        // The penalty decided 2024-06-03 is shown for three years: on its last day's sweep it expires.
        await _app.Table(TableNames.Records).DeleteEntityAsync(RecordStore.Keys.SweepPartition, RecordStore.Keys.SweepRow);
        _app.Get<RecordStore>().ForgetLastSwept();
        _app.Clock.SetUtcNow(new DateTimeOffset(2027, 6, 3, 0, 30, 0, TimeSpan.FromHours(8)));
        await _app.Get<ExpirySweeper>().RunAsync(CancellationToken.None);
        await PumpAsync(_app);

        var feed = await FeedAsync(_app, watchId);

        Assert.Equal(["record-listed", "record-listed", "record-withdrawn", "record-expired"], ChangeKinds(feed));
        Assert.Equal(revoked, feed[2].GetProperty("subjectId").GetString());
        Assert.Equal(expiring, feed[3].GetProperty("subjectId").GetString());
        Assert.Equal("no-record", feed[3].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Subjects_added_are_followed_from_then_on_and_removed_ones_no_longer()
    {
        var (first, second) = (Subjects.NewUscc(), Subjects.NewUscc());
        var (watchId, _, _) = await WatchAsync(_app, [first]);

        var changed = await ChangeSubjects(_app, Principals.Partner, watchId, [second, second], [first]);
        Assert.Equal(200, changed.Status);
        Assert.Equal((1, 1, 1), (changed.Json.GetProperty("subjectCount").GetInt32(), changed.Json.GetProperty("added").GetInt32(), changed.Json.GetProperty("removed").GetInt32()));
        await IngestAsync(_app, Penalty(first));
        await IngestAsync(_app, Penalty(second));
        await PumpAsync(_app);

        var change = Assert.Single(await FeedAsync(_app, watchId));
        Assert.Equal(second, change.GetProperty("subjectId").GetString());
        var watch = await Get(_app, Principals.Partner, watchId);
        Assert.Equal([second], watch.Json.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(1, watch.Json.GetProperty("subjectCount").GetInt32());
    }

    [Fact]
    public async Task Reading_the_feed_page_by_page_after_each_next_gives_every_change_once_oldest_first()
    {
        var units = Enumerable.Range(0, 5).Select(_ => Subjects.NewUscc()).ToList();
        var (watchId, cursor, _) = await WatchAsync(_app, units);
        foreach (var unit in units)
        {
            await IngestAsync(_app, Penalty(unit));
            await PumpAsync(_app);
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(6));
        var read = new List<JsonElement>();
        var pages = 0;
        while (true)
        {
            var page = await Changes(_app, Principals.Partner, watchId, cursor, 2);
            Assert.True(page.Status == 200, page.Body);
            read.AddRange(page.Json.GetProperty("changes").EnumerateArray());
            cursor = page.Json.GetProperty("next").GetString()!;
            pages++;
            if (!page.Json.GetProperty("more").GetBoolean())
            {
                break;
            }
        }

        Assert.Equal(3, pages);
        Assert.Equal(units, read.Select(c => c.GetProperty("subjectId").GetString()));
        var cursors = read.Select(c => c.GetProperty("cursor").GetString()!).ToList();
        Assert.Equal(cursors.Order(StringComparer.Ordinal), cursors);
        Assert.Equal(cursors.Count, cursors.Distinct().Count());
        Assert.Empty((await Changes(_app, Principals.Partner, watchId, cursor, 2)).Json.GetProperty("changes").EnumerateArray());
    }

    [Fact]
    public async Task Of_two_changes_of_a_watch_at_once_the_loser_is_refused_having_followed_nothing()
    {
        var (first, second, third) = (Subjects.NewUscc(), Subjects.NewUscc(), Subjects.NewUscc());
        var (watchId, _, _) = await WatchAsync(_app, [first]);
        var store = _app.Get<WatchStore>();
        var keys = _app.Get<SubjectKeys>();
        var read = (await store.GetAsync(watchId, CancellationToken.None))!;
        WatchedSubject Of(string id) => new(keys.KeyFor(new SubjectId(SubjectType.Unit, id)), "unit", id);

        Assert.NotNull(await store.ChangeSubjectsAsync(read, [Of(second)], [], 2, CancellationToken.None));
        // The same read, now stale: a second request that raced the first.
        Assert.Null(await store.ChangeSubjectsAsync(read, [Of(third)], [], 2, CancellationToken.None));

        Assert.Single(await store.WatchesOfAsync(keys.KeyFor(new SubjectId(SubjectType.Unit, second)), CancellationToken.None));
        Assert.Empty(await store.WatchesOfAsync(keys.KeyFor(new SubjectId(SubjectType.Unit, third)), CancellationToken.None));
        Assert.DoesNotContain(third, (await Get(_app, Principals.Partner, watchId)).Json.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Only_the_partner_that_made_a_watch_sees_it_and_a_deleted_watch_is_gone_with_its_feed()
    {
        var unit = Subjects.NewUscc();
        var (watchId, _, _) = await WatchAsync(_app, [unit]);

        foreach (var principal in new[] { Principals.OtherPartner })
        {
            Assert.Equal("watch-not-found", (await Get(_app, principal, watchId)).Json.GetProperty("code").GetString());
            Assert.Equal(404, (await Changes(_app, principal, watchId)).Status);
            Assert.Equal(404, (await ChangeSubjects(_app, principal, watchId, [Subjects.NewUscc()], [])).Status);
            Assert.Equal(404, (await Delete(_app, principal, watchId)).Status);
        }

        // The foreign requests changed nothing.
        var mine = await Get(_app, Principals.Partner, watchId);
        Assert.Equal([unit], mine.Json.GetProperty("subjects").EnumerateArray().Select(s => s.GetString()));

        Assert.Equal(401, (await Get(_app, Principals.PartnerWithoutObjectId, watchId)).Status);
        Assert.Equal(403, (await Get(_app, Principals.Admin, watchId)).Status);
        Assert.Equal(404, (await Get(_app, Principals.Partner, "wat_aaaaaaaaaaaaaaaaaaaa")).Status);
        Assert.Equal(404, (await Get(_app, Principals.Partner, "not-a-watch")).Status);

        Assert.Equal(204, (await Delete(_app, Principals.Partner, watchId)).Status);
        await IngestAsync(_app, Penalty(unit));
        await PumpAsync(_app);

        Assert.Equal(404, (await Get(_app, Principals.Partner, watchId)).Status);
        Assert.Equal(404, (await Changes(_app, Principals.Partner, watchId)).Status);
        Assert.Empty(await RowsAsync($"PartitionKey eq 'f|{watchId}'"));
        Assert.Empty(await _app.Get<App.Watches.WatchStore>().WatchesOfAsync(KeyOf(_app, unit), CancellationToken.None));
    }

    [Fact]
    public async Task Reading_the_feed_is_logged_as_a_look_up_of_each_subject_in_it_with_the_partners_object_id()
    {
        var unit = Subjects.NewUscc();
        var (watchId, _, _) = await WatchAsync(_app, [unit], business: "hrss-business");
        await IngestAsync(_app, Penalty(unit));
        await PumpAsync(_app);

        Assert.Single(await FeedAsync(_app, watchId));

        var log = HttpAnswer.Of(await _app.Function<AccessLogFunction>().Run(
            _app.Request($"/api/subjects/{unit}/access-log", principal: Principals.Admin), unit, CancellationToken.None));
        var entry = Assert.Single(log.Json.GetProperty("entries").EnumerateArray(), e => e.GetProperty("route").GetString() == "GET /api/watches/{id}/changes");
        Assert.Equal(Principals.PartnerObjectId, entry.GetProperty("objectId").GetString());
        Assert.Equal("hrss-business", entry.GetProperty("business").GetString());
    }

    [Fact]
    public async Task Bad_watches_are_refused_with_their_codes_and_leave_nothing_behind()
    {
        var unit = Subjects.NewUscc();
        var tooMany = Enumerable.Range(0, 1001).Select(_ => Subjects.NewUscc()).ToList();
        var before = (await RowsAsync($"PartitionKey eq 's|{SubjectKeys.BucketOf(KeyOf(_app, unit))}'")).Count;

        async Task<string> Refused(JsonObject body)
        {
            var answer = await Create(_app, Principals.Partner, body);
            Assert.True(answer.Status == 400, answer.Body);
            Assert.Contains(" / ", answer.Json.GetProperty("detail").GetString());
            return answer.Json.GetProperty("code").GetString()!;
        }

        Assert.Equal("too-many-subjects", await Refused(Body(tooMany)));
        // Nothing of the refused watch is in the fan-out's index, in any subject's bucket.
        Assert.Empty(await _app.Get<WatchStore>().WatchesOfAsync(KeyOf(_app, tooMany[0]), CancellationToken.None));
        Assert.Empty(await _app.Get<WatchStore>().WatchesOfAsync(KeyOf(_app, tooMany[^1]), CancellationToken.None));
        Assert.Equal("missing-subjects", await Refused(Body([])));
        Assert.Equal("invalid-subject-id", await Refused(Body([unit, "91310110666007217X"])));
        Assert.Equal("unknown-business-type", await Refused(Body([unit], business: "hrss")));
        Assert.Equal("invalid-callback-url", await Refused(Body([unit], callbackUrl: "http://partner.example.cn/hook")));
        Assert.Equal("invalid-callback-url", await Refused(Body([unit], callbackUrl: "ftp://partner.example.cn/hook")));
        Assert.Equal("invalid-callback-url", await Refused(Body([unit], callbackUrl: "https://user:pw@partner.example.cn/hook")));
        Assert.Equal(401, (await Create(_app, Principals.PartnerWithoutObjectId, Body([unit]))).Status);
        Assert.Equal(403, (await Create(_app, Principals.Admin, Body([unit]))).Status);
        Assert.Equal(before, (await RowsAsync($"PartitionKey eq 's|{SubjectKeys.BucketOf(KeyOf(_app, unit))}'")).Count);

        var (watchId, _, _) = await WatchAsync(_app, [unit]);
        var grow = await ChangeSubjects(_app, Principals.Partner, watchId, [.. tooMany.Take(1000)], []);
        Assert.Equal("too-many-subjects", grow.Json.GetProperty("code").GetString());
        Assert.Empty(await _app.Get<WatchStore>().WatchesOfAsync(KeyOf(_app, tooMany[0]), CancellationToken.None));
        Assert.Equal(1, (await Get(_app, Principals.Partner, watchId)).Json.GetProperty("subjectCount").GetInt32());
        Assert.Equal("invalid-cursor", (await Changes(_app, Principals.Partner, watchId, "yesterday")).Json.GetProperty("code").GetString());
        Assert.Equal("invalid-limit", (await Changes(_app, Principals.Partner, watchId, limit: 0)).Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Plain_http_callbacks_are_taken_only_to_the_loopback_address_in_local_development()
    {
        var unit = Subjects.NewUscc();
        var local = await Create(_app, Principals.Partner, Body([unit], callbackUrl: "http://127.0.0.1:7072/hooks/demo"));
        Assert.Equal(201, local.Status);
        Assert.False(string.IsNullOrEmpty(local.Json.GetProperty("secret").GetString()));

        await using var azure = await CreditApp.StartAsync(settings: new Dictionary<string, string?> { ["Watches:AllowLoopbackHttp"] = "false" },
            connectionString: platform.Storage.ConnectionString);
        var refused = await Create(azure, Principals.Partner, Body([unit], callbackUrl: "http://127.0.0.1:7072/hooks/demo"));
        Assert.Equal("invalid-callback-url", refused.Json.GetProperty("code").GetString());
        Assert.Equal(201, (await Create(azure, Principals.Partner, Body([unit], callbackUrl: "https://partner.example.cn/hook"))).Status);
    }

    private async Task<List<TableEntity>> ChangeRowsAsync(string subjectId)
    {
        var partition = SubjectKeys.BucketOf(KeyOf(_app, subjectId));
        var rows = new List<TableEntity>();
        await foreach (var row in _app.Table(TableNames.Records).QueryAsync<TableEntity>($"PartitionKey eq '{partition}' and RowKey ge 'c|' and RowKey lt 'c}}'"))
        {
            if (row.GetString("SubjectId") == subjectId)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private async Task<List<TableEntity>> RowsAsync(string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _app.Table(TableNames.Watches).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
