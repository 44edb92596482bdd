using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Api;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Rekey;
using CreditFunctions.Testing;
using Microsoft.Extensions.DependencyInjection;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Rekey;

/// <summary>
/// The re-keying migration (infra/Rekey) on a private Azurite: a register written under one pseudonym key answers the
/// same under the new key once the tool has run, with the app stopped in between; nothing live is left under the old
/// key; a second run changes nothing; a run cut short anywhere is finished by the next.
/// </summary>
public sealed class RekeyMigrationTests
{
    private const string NewKey = "the-next-pseudonym-key-for-the-rekey-tests-0123456789";
    private const string YouthBase = "business=youth-internship-base";
    private static readonly Uri OldSecret = new("https://credit-test.vault.azure.cn/secrets/pseudonym-key/0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    private static readonly Uri NewSecret = new("https://credit-test.vault.azure.cn/secrets/pseudonym-key-next/1a2b3c4d5e6f70819293a4b5c6d7e8f9");

    /// <summary>The tables that hold no subject key, and why; every other table is re-keyed by its owner.</summary>
    private static readonly Dictionary<string, string> WithoutSubjectKeys = new()
    {
        [TableNames.Rejections] = "messages kept verbatim, keyed by source and message id",
        [TableNames.Idempotency] = "message ids by source",
        [TableNames.UnitQuality] = "counters by unit code",
        [TableNames.Freshness] = "counters by source",
    };

    [Fact]
    public async Task Every_table_that_can_hold_a_subject_key_has_an_owner_that_re_keys_it()
    {
        await using var app = await CreditApp.StartAsync();
        var rekeyed = app.Services.GetServices<ISubjectKeyHolder>().SelectMany(h => h.RekeyTables).ToList();

        Assert.Equal(rekeyed.Count, rekeyed.Distinct().Count());
        Assert.Empty(rekeyed.Intersect(WithoutSubjectKeys.Keys));
        Assert.Equal(TableNames.All.Order(), rekeyed.Concat(WithoutSubjectKeys.Keys).Order());
    }

    [Fact]
    public async Task After_re_keying_the_app_on_the_new_key_answers_as_before_and_the_old_key_holds_nothing()
    {
        using var azurite = AzuriteServer.Start();
        var (person, unit, stranger, watchedOnly) = (Subjects.NewIdNumber(), Subjects.NewUscc(), Subjects.NewIdNumber(), Subjects.NewIdNumber());
        string penalty, listing, objectionId;
        JsonElement personBefore, unitBefore;
        int logBefore;
        IReadOnlyList<string> historyBefore;
        string watchId;
        await using (var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), connectionString: azurite.ConnectionString))
        {
            penalty = await IngestAsync(app, PenaltyOf(person));
            listing = await IngestAsync(app, CourtListing(person), "court");
            await IngestAsync(app, Penalty(unit));
            Assert.Null(await app.Get<SubjectProfileIngestor>().IngestAsync(TestKeys.Sign(UnitProfile(unit, person).ToJsonString()), CancellationToken.None));
            objectionId = (await FileObjection(app, Principals.Subject(person), person, penalty)).Json.GetProperty("objectionId").GetString()!;

            personBefore = (await ApiCalls.Credit(app, person, Principals.Partner)).Json;
            Assert.Equal(200, (await ApiCalls.Credit(app, person, Principals.Subject(person))).Status);
            unitBefore = (await ApiCalls.Credit(app, unit, Principals.Partner)).Json;
            var restricted = await ApiCalls.Restrictions(app, unit, Principals.Partner, YouthBase);
            Assert.Equal("restricted", restricted.Json.GetProperty("decision").GetString());
            // Looked up, never listed: no ID number is stored for this one's access-log entry.
            Assert.Equal(200, (await ApiCalls.Credit(app, stranger, Principals.Partner)).Status);
            logBefore = (await ApiCalls.AccessLog(app, person, Principals.Subject(person))).Json.GetProperty("entries").GetArrayLength();
            historyBefore = HistoryActions(await ApiCalls.Record(app, penalty, Principals.Subject(person)));
            Assert.True(logBefore >= 2, $"{logBefore} access-log entries");
            // A partner watches the person and someone the register holds nothing about: the watch keeps the ID numbers
            // it was given, so that one too is found under its new key afterwards.
            (watchId, _, _) = await Watches.WatchKit.WatchAsync(app, [person, watchedOnly]);
        }

        // The app is stopped. A wrong old key is refused before anything is written.
        var wrong = await Rekey(azurite, "--old-key", "not-the-key-the-register-was-written-with", "--new-key", NewKey);
        Assert.Equal(3, wrong.Exit);
        Assert.Contains("rekey-wrong-old-key", wrong.Error);

        var dry = await Rekey(azurite, "--old-key", CreditApp.PseudonymKey, "--new-key-file", KeyFile(NewKey + "\n"), "--dry-run");
        Assert.Equal(0, dry.Exit);
        Assert.Equal("dry-run", dry.Report.GetProperty("outcome").GetString());
        Assert.True(Table(dry.Report, TableNames.Records).GetProperty("moved").GetInt64() > 0);
        Assert.NotEmpty(await RowsNaming(azurite, OldKeyOf(person)));

        var first = await Rekey(azurite, "--old-key-uri", OldSecret.ToString(), "--new-key-uri", NewSecret.ToString());
        Assert.True(first.Exit == 0, first.Error);
        Assert.Equal("done", first.Report.GetProperty("outcome").GetString());
        Assert.True(first.Report.GetProperty("checkPassed").GetBoolean());
        // The key file's line break is not part of the key: the dry run used the very key the URI gave.
        Assert.Equal(dry.Report.GetProperty("newKey").GetString(), first.Report.GetProperty("newKey").GetString());
        foreach (var table in new[] { TableNames.Records, TableNames.RecordLocators, TableNames.AccessLog, TableNames.Objections })
        {
            var t = Table(first.Report, table);
            Assert.True(t.GetProperty("moved").GetInt64() + t.GetProperty("updated").GetInt64() > 0, $"{table}: {t}");
        }

        Assert.True(Table(first.Report, TableNames.AccessLog).GetProperty("unknown").GetInt64() >= 1);
        Assert.Empty(await RowsNaming(azurite, OldKeyOf(person)));

        // Run twice: the same result, nothing more to move.
        var second = await Rekey(azurite, "--old-key-uri", OldSecret.ToString(), "--new-key-uri", NewSecret.ToString());
        Assert.True(second.Exit == 0, second.Error);
        Assert.Equal("done", second.Report.GetProperty("outcome").GetString());
        foreach (var t in second.Report.GetProperty("tables").EnumerateArray())
        {
            Assert.Equal(0, t.GetProperty("moved").GetInt64() + t.GetProperty("updated").GetInt64() + t.GetProperty("conflicts").GetInt64());
        }

        await using (var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), new Dictionary<string, string?> { ["Pseudonym:Key"] = NewKey }, azurite.ConnectionString))
        {
            var personAfter = (await ApiCalls.Credit(app, person, Principals.Partner)).Json;
            Assert.Equal(personBefore.GetProperty("status").GetString(), personAfter.GetProperty("status").GetString());
            Assert.Equal(RecordIds(personBefore), RecordIds(personAfter));
            Assert.Contains(personAfter.GetProperty("records").EnumerateArray(), r => r.GetProperty("recordId").GetString() == penalty && r.GetProperty("underObjection").GetBoolean());
            var unitAfter = (await ApiCalls.Credit(app, unit, Principals.Partner)).Json;
            Assert.Equal(RecordIds(unitBefore), RecordIds(unitAfter));

            // art9.2.2 from the unit's copies of its representative's records, now under the representative's new key.
            var restricted = await ApiCalls.Restrictions(app, unit, Principals.Partner, YouthBase);
            Assert.Equal("restricted", restricted.Json.GetProperty("decision").GetString());
            Assert.Contains(restricted.Json.GetProperty("reasons").EnumerateArray(), r =>
                r.GetProperty("article").GetString() == "art9.2.2" && r.GetProperty("recordIds").EnumerateArray().Any(id => id.GetString() == listing));

            Assert.Equal(historyBefore, HistoryActions(await ApiCalls.Record(app, penalty, Principals.Subject(person))));
            Assert.True((await ApiCalls.AccessLog(app, person, Principals.Subject(person))).Json.GetProperty("entries").GetArrayLength() >= logBefore);

            var objection = await GetObjection(app, Principals.Subject(person), objectionId);
            Assert.Equal(200, objection.Status);
            Assert.Equal("pending", objection.Json.GetProperty("status").GetString());
            // And the workflow goes on: the unit decides, the record's mark is lifted.
            var decided = await DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "upheld", ["reason"] = "经复核，处罚事实清楚" });
            Assert.True(decided.Status == 200, decided.Body);
            Assert.False((await ShownRecord(app, person, penalty))!.Value.GetProperty("underObjection").GetBoolean());

            var watched = await Watches.WatchKit.Get(app, Principals.Partner, watchId);
            Assert.True(watched.Status == 200, watched.Body);
            Assert.Equal(new[] { person, watchedOnly }.Order(), watched.Json.GetProperty("subjects").EnumerateArray().Select(e => e.GetString()!).Order());
            var firstPenalty = await IngestAsync(app, PenaltyOf(watchedOnly));
            await Watches.WatchKit.PumpAsync(app);
            Assert.Contains(await Watches.WatchKit.FeedAsync(app, watchId), c =>
                c.GetProperty("subjectId").GetString() == watchedOnly && c.GetProperty("recordId").GetString() == firstPenalty);
        }

        Assert.Empty(await RowsNaming(azurite, OldKeyOf(person)));
    }

    [Fact]
    public async Task A_run_cut_short_anywhere_is_finished_by_the_next()
    {
        using var azurite = AzuriteServer.Start();
        var (person, unit) = (Subjects.NewIdNumber(), Subjects.NewUscc());
        string penalty;
        await using (var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), connectionString: azurite.ConnectionString))
        {
            penalty = await IngestAsync(app, PenaltyOf(person));
            await IngestAsync(app, CourtListing(person), "court");
            Assert.Null(await app.Get<SubjectProfileIngestor>().IngestAsync(TestKeys.Sign(UnitProfile(unit, person).ToJsonString()), CancellationToken.None));
            await FileObjection(app, Principals.Subject(person), person, penalty);
            await ApiCalls.Credit(app, person, Principals.Subject(person));
        }

        var crash = new CrashingStorage();
        crash.Count();
        var dry = await Rekey(azurite, crash, "--old-key", CreditApp.PseudonymKey, "--new-key", NewKey, "--dry-run");
        Assert.Equal(0, dry.Exit);
        var calls = crash.Calls;

        // Cut short at every few requests, before or after a request was answered (learning, moving, the progress, the
        // check), each run going on from where the last stopped, until one gets to the end.
        Run? finished = null;
        var crashes = 0;
        var step = Math.Max(5, calls / 3);
        for (var (at, round) = (step, 0); finished is null; at += step, round++)
        {
            Assert.True(round < 60, "the runs never got to the end");
            crash.Arm(at, afterSend: round % 2 == 1);
            try
            {
                finished = await Rekey(azurite, crash, "--old-key", CreditApp.PseudonymKey, "--new-key", NewKey);
            }
            catch (InjectedCrashException)
            {
                // The process died there; the next run goes on.
                crashes++;
            }
        }

        crash.Disarm();
        Assert.True(crashes >= 4, $"{crashes} runs cut short");
        Assert.True(finished.Exit == 0, finished.Error);
        Assert.True(finished.Report.GetProperty("checkPassed").GetBoolean());
        Assert.Empty(await RowsNaming(azurite, OldKeyOf(person)));

        await using (var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), new Dictionary<string, string?> { ["Pseudonym:Key"] = NewKey }, azurite.ConnectionString))
        {
            Assert.Equal(2, (await ApiCalls.Credit(app, person, Principals.Partner)).Json.GetProperty("records").GetArrayLength());
            Assert.Equal("restricted", (await ApiCalls.Restrictions(app, unit, Principals.Partner, YouthBase)).Json.GetProperty("decision").GetString());
            Assert.True((await ShownRecord(app, person, penalty))!.Value.GetProperty("underObjection").GetBoolean());
        }
    }

    [Fact]
    public async Task Bad_usage_and_the_same_key_twice_are_refused_with_their_codes()
    {
        var none = await Rekey(AzuriteServer.Shared);
        Assert.Equal(2, none.Exit);
        Assert.Contains("rekey-usage", none.Error);

        var help = new StringWriter();
        Assert.Equal(0, await RekeyCommand.RunAsync(["--help"], help, new StringWriter(), CancellationToken.None));
        Assert.Contains("--old-key-uri", help.ToString());

        var notAUri = await Rekey(AzuriteServer.Shared, "--old-key-uri", "pseudonym-key", "--new-key", NewKey);
        Assert.Equal(2, notAUri.Exit);
        Assert.Contains("https://<vault>/secrets/<name>/<version>", notAUri.Error);

        var missing = await Rekey(AzuriteServer.Shared, "--old-key-file", "/nonexistent/old.key", "--new-key", NewKey);
        Assert.Equal(2, missing.Exit);
        Assert.Contains("rekey-key-unreadable", missing.Error);

        var tooShort = await Rekey(AzuriteServer.Shared, "--old-key", "short", "--new-key", NewKey);
        Assert.Equal(2, tooShort.Exit);
        Assert.Contains("rekey-key-too-short", tooShort.Error);

        var same = await Rekey(AzuriteServer.Shared, "--old-key", NewKey, "--new-key-file", KeyFile(NewKey));
        Assert.Equal(3, same.Exit);
        Assert.Contains("rekey-same-key", same.Error);
        Assert.Contains("旧密钥与新密钥相同", same.Error);
    }

    private sealed record Run(int Exit, JsonElement Report, string Error);

    private static Task<Run> Rekey(AzuriteServer azurite, params string[] args) => Rekey(azurite, null, args);

    private static async Task<Run> Rekey(AzuriteServer azurite, CrashingStorage? crash, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        string[] all = args.Length == 0 ? [] : [.. args, "--storage", azurite.ConnectionString];
        var exit = await RekeyCommand.RunAsync(all, output, error, CancellationToken.None,
            readSecret: (uri, _) => Task.FromResult(uri == OldSecret ? CreditApp.PseudonymKey : uri == NewSecret ? NewKey : throw new Azure.RequestFailedException(404, "SecretNotFound")),
            configure: crash is null ? null : services => services.AddSingleton<HttpPipelinePolicy>(crash));
        var text = output.ToString();
        var report = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new Run(exit, report, error.ToString());
    }

    private static JsonElement Table(JsonElement report, string table) =>
        report.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("table").GetString() == table);

    private static string KeyFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rekey-{Guid.NewGuid():N}.key");
        File.WriteAllText(path, content);
        return path;
    }

    private static string OldKeyOf(string idNumber) =>
        new SubjectPseudonymizer(CreditApp.PseudonymKey).KeyFor(new SubjectId(SubjectType.Individual, idNumber));

    /// <summary>Every row of every table whose keys or string properties contain <paramref name="subjectKey"/>.</summary>
    private static async Task<List<string>> RowsNaming(AzuriteServer azurite, string subjectKey)
    {
        var found = new List<string>();
        var service = new TableServiceClient(azurite.ConnectionString);
        foreach (var table in TableNames.All)
        {
            await foreach (var row in service.GetTableClient(table).QueryAsync<TableEntity>())
            {
                if (row.Any(p => p.Value is string text && text.Contains(subjectKey, StringComparison.Ordinal)))
                {
                    found.Add($"{table} {row.PartitionKey} {row.RowKey}");
                }
            }
        }

        return found;
    }

    private static List<string> RecordIds(JsonElement credit) =>
        [.. credit.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("recordId").GetString()!).Order(StringComparer.Ordinal)];

    private static List<string> HistoryActions(HttpAnswer record)
    {
        Assert.True(record.Status == 200, record.Body);
        Assert.True(record.Json.GetProperty("history").GetProperty("verified").GetBoolean());
        return [.. record.Json.GetProperty("history").GetProperty("entries").EnumerateArray().Select(h => h.GetProperty("action").GetString()!)];
    }

    private static JsonObject PenaltyOf(string person)
    {
        var record = Penalty(Subjects.NewUscc());
        record["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "张三" };
        return record;
    }

    private static JsonObject CourtListing(string person) => new()
    {
        ["sourceRecordId"] = $"COURT-{Guid.NewGuid():N}",
        ["version"] = 1,
        ["action"] = "upsert",
        ["kind"] = "court-dishonest-debtor",
        ["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "张三" },
        ["decisionDate"] = "2024-03-01",
        ["decisionNumber"] = "(2024)沪0101执123号",
    };

    private static JsonObject UnitProfile(string unit, string person) => new()
    {
        ["schema"] = "subject-profile/v1",
        ["messageId"] = $"profile-{Guid.NewGuid():N}",
        ["source"] = "SH-HRSS",
        ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = unit, ["name"] = "上海某某青年实训有限公司", ["legalRepresentativeId"] = person },
    };
}
