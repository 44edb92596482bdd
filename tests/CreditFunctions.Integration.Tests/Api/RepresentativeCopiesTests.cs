using System.Text.Json.Nodes;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// art9.2.2: a unit whose legal representative is a dishonest judgment debtor may not be a youth internship base. The
/// unit's partition keeps copies of its representative's records, so the check costs 2 storage requests (read and
/// access log) like any other, whichever order the listing and the unit's profile arrive in, and however they race.
/// </summary>
public sealed class RepresentativeCopiesTests
{
    private const string YouthBase = "business=youth-internship-base";

    [Fact]
    public async Task A_unit_named_after_its_representative_was_listed_is_restricted_in_two_requests()
    {
        await using var app = await CreditApp.StartAsync();
        var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
        var listing = await Ingest(app, "court", CourtListing(person));
        await Ingest(app, "SH-HRSS", Profile(unit, person));

        var (answer, requests) = await CountedRestrictions(app, unit);

        Assert.Equal("restricted", answer.GetProperty("decision").GetString());
        Assert.Contains(answer.GetProperty("reasons").EnumerateArray(), r =>
            r.GetProperty("article").GetString() == "art9.2.2" && r.GetProperty("recordIds").EnumerateArray().Any(id => id.GetString() == listing));
        Assert.Equal(2, requests);

        // A screening answers the unit from the same copies: one read per subject, plus the log.
        var counter = app.Get<StorageRequestCounter>();
        counter.Reset();
        var screening = await ApiCalls.Screening(app, Principals.Partner, "youth-internship-base", [unit]);
        Assert.Equal("restricted", screening.Json.GetProperty("results")[0].GetProperty("decision").GetString());
        Assert.Equal(2, counter.Requests);
    }

    [Fact]
    public async Task A_representative_listed_after_the_unit_named_it_reaches_the_unit_s_copies()
    {
        await using var app = await CreditApp.StartAsync();
        var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
        await Ingest(app, "SH-HRSS", Profile(unit, person));
        Assert.Equal("allowed", (await CountedRestrictions(app, unit)).Answer.GetProperty("decision").GetString());

        // Two listings in two messages: the second finds the representation row and takes the read-decide-write path.
        await Ingest(app, "court", CourtListing(person));
        var second = await Ingest(app, "court", CourtListing(person));

        var (answer, requests) = await CountedRestrictions(app, unit);
        Assert.Equal("restricted", answer.GetProperty("decision").GetString());
        Assert.Contains(answer.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("recordIds").EnumerateArray().Any(id => id.GetString() == second));
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_revoked_listing_lifts_the_restriction_through_the_copy()
    {
        await using var app = await CreditApp.StartAsync();
        var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
        var sourceRecordId = $"COURT-{Guid.NewGuid():N}";
        await Ingest(app, "court", CourtListing(person, sourceRecordId));
        await Ingest(app, "SH-HRSS", Profile(unit, person));
        Assert.Equal("restricted", (await CountedRestrictions(app, unit)).Answer.GetProperty("decision").GetString());

        var revoke = CourtListing(person, sourceRecordId, version: 2);
        revoke["action"] = "revoke";
        await Ingest(app, "court", revoke);

        var (answer, requests) = await CountedRestrictions(app, unit);
        Assert.Equal("allowed", answer.GetProperty("decision").GetString());
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_copy_stops_counting_after_its_listing_ends_with_no_write_at_expiry()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
        var listing = CourtListing(person);
        listing["listingEndDate"] = "2024-06-30";
        await Ingest(app, "court", listing);
        await Ingest(app, "SH-HRSS", Profile(unit, person));
        Assert.Equal("restricted", (await CountedRestrictions(app, unit)).Answer.GetProperty("decision").GetString());

        // The expiry sweep does not refresh copies (it passes refreshCopies: false): the copy's own dates end it.
        app.SetToday(new DateOnly(2024, 7, 1));
        await app.Get<App.Expiry.ExpirySweeper>().RunAsync(CancellationToken.None);

        var (answer, requests) = await CountedRestrictions(app, unit);
        Assert.Equal("allowed", answer.GetProperty("decision").GetString());
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_new_representative_replaces_the_former_one_s_copies()
    {
        await using var app = await CreditApp.StartAsync();
        var (unit, listed, clean) = (Subjects.NewUscc(), Subjects.NewIdNumber(), Subjects.NewIdNumber());
        await Ingest(app, "court", CourtListing(listed));
        await Ingest(app, "SH-HRSS", Profile(unit, listed));
        Assert.Equal("restricted", (await CountedRestrictions(app, unit)).Answer.GetProperty("decision").GetString());

        await Ingest(app, "SH-HRSS", Profile(unit, clean));

        var (answer, requests) = await CountedRestrictions(app, unit);
        Assert.Equal("allowed", answer.GetProperty("decision").GetString());
        Assert.Equal(2, requests);
        var stored = await app.Get<SubjectDirectory>().ReadAsync(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit), CancellationToken.None);
        Assert.Empty(stored.RepresentativeCopies);
    }

    [Fact]
    public async Task A_unit_record_naming_its_representative_links_the_copies_too()
    {
        await using var app = await CreditApp.StartAsync();
        var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
        await Ingest(app, "court", CourtListing(person));
        var penalty = RecordsMessage.AdminPenalty(unit);
        ((JsonObject)penalty["subject"]!)["legalRepresentativeId"] = person;
        await Ingest(app, "SH-HRSS-ENFORCEMENT", penalty);

        var (answer, requests) = await CountedRestrictions(app, unit);
        Assert.Equal("restricted", answer.GetProperty("decision").GetString());
        Assert.Equal(2, requests);
    }

    [Fact]
    public async Task A_unit_system_naming_the_representative_on_every_record_pays_the_link_check_once_in_a_while()
    {
        await using var app = await CreditApp.StartAsync();
        var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
        var counter = app.Get<StorageRequestCounter>();
        async Task<long> Requests(JsonObject record)
        {
            counter.Reset();
            await Ingest(app, "SH-HRSS-ENFORCEMENT", record);
            return counter.Requests;
        }

        JsonObject Naming() => WithRepresentative(RecordsMessage.AdminPenalty(unit), person);
        await Requests(Naming()); // links the unit
        var withoutRepresentative = await Requests(RecordsMessage.AdminPenalty(Subjects.NewUscc()));

        Assert.Equal(withoutRepresentative, await Requests(Naming()));
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(withoutRepresentative + 1, await Requests(Naming())); // one query: still linked
    }

    private static JsonObject WithRepresentative(JsonObject record, string person)
    {
        ((JsonObject)record["subject"]!)["legalRepresentativeId"] = person;
        return record;
    }

    [Fact]
    public async Task Listings_and_links_racing_leave_every_unit_with_its_representative_s_listings()
    {
        await using var app = await CreditApp.StartAsync();
        var pairs = Enumerable.Range(0, 32).Select(_ => (Unit: Subjects.NewUscc(), Person: Subjects.NewIdNumber())).ToList();
        // Each person gets a first listing before the race, so the racing listing is a read-decide-write of a known
        // individual (the path that must meet the link), and one racing listing, sent at the same moment as the profile.
        foreach (var (_, person) in pairs)
        {
            await Ingest(app, "court", CourtListing(person));
        }

        var racing = new Dictionary<string, string>();
        await Parallel.ForEachAsync(pairs, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (pair, _) =>
        {
            var listing = Ingest(app, "court", CourtListing(pair.Person));
            var profile = Ingest(app, "SH-HRSS", Profile(pair.Unit, pair.Person));
            await Task.WhenAll(listing, profile);
            lock (racing)
            {
                racing[pair.Unit] = listing.Result;
            }
        });

        foreach (var (unit, _) in pairs)
        {
            var stored = await app.Get<SubjectDirectory>().ReadAsync(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit), CancellationToken.None);
            Assert.Equal(stored.Profile!.LegalRepresentativeKey, stored.Profile.MirroredFrom);
            Assert.Equal(2, stored.RepresentativeCopies.Count);
            Assert.Contains(stored.RepresentativeCopies, c => c.Record.RecordId == racing[unit] && c.Record.State == RecordState.Active);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_crash_at_any_storage_call_of_a_link_or_a_listing_is_finished_by_the_redelivery(bool crashAfterTheCallTookEffect)
    {
        var crash = new CrashingStorage();
        await using var app = await CreditApp.StartAsync(configure: s => s.AddSingleton<Azure.Core.Pipeline.HttpPipelinePolicy>(crash));
        await Ingest(app, "court", CourtListing(Subjects.NewIdNumber())); // tables and queues exist before counting

        // Each scenario: what is there before, then the message that crashes and is delivered again.
        var scenarios = new (string Name, Func<string, string, Task> Before, Func<string, string, JsonObject> Crashing, string Source)[]
        {
            ("link", (_, person) => Ingest(app, "court", CourtListing(person)), (unit, person) => Profile(unit, person), "SH-HRSS"),
            ("listing", async (unit, person) =>
            {
                await Ingest(app, "court", CourtListing(person));
                await Ingest(app, "SH-HRSS", Profile(unit, person));
            }, (_, person) => CourtListing(person), "court"),
        };

        foreach (var (name, before, crashing, source) in scenarios)
        {
            var (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
            await before(unit, person);
            crash.Count();
            await Send(app, source, crashing(unit, person));
            var calls = crash.Calls;
            for (var call = 1; call <= calls; call++)
            {
                (unit, person) = (Subjects.NewUscc(), Subjects.NewIdNumber());
                await before(unit, person);
                var message = crashing(unit, person);
                crash.Arm(call, crashAfterTheCallTookEffect);
                var crashed = await Record.ExceptionAsync(() => Send(app, source, message));
                crash.Disarm();
                Assert.True(crashed is InjectedCrashException, $"{name}, call {call} of {calls}: {crashed?.Message ?? "no crash"}");

                await Send(app, source, message);

                var stored = await app.Get<SubjectDirectory>().ReadAsync(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit), CancellationToken.None);
                Assert.True(stored.Profile?.MirroredFrom == stored.Profile?.LegalRepresentativeKey, $"{name}, crash at call {call}: link not finished");
                Assert.True(stored.RepresentativeCopies.Count == (name == "listing" ? 2 : 1), $"{name}, crash at call {call}: {stored.RepresentativeCopies.Count} copies");
            }
        }
    }

    [Fact]
    public async Task A_known_individual_in_a_bulk_message_costs_only_its_own_records_a_read()
    {
        await using var app = await CreditApp.StartAsync();
        var keys = app.Get<SubjectKeys>();
        var known = Subjects.NewIdNumber();
        await Ingest(app, "court", CourtListing(known));
        // Twenty new individuals in the known one's bucket: one transaction, which fails on the known one's
        // representation row; the twenty are tried again as new, and only the known one is read and written alone.
        var bucket = SubjectKeys.BucketOf(keys.KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Individual, known)));
        var others = new List<string>();
        while (others.Count < 20)
        {
            var person = Subjects.NewIdNumber();
            if (SubjectKeys.BucketOf(keys.KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Individual, person))) == bucket)
            {
                others.Add(person);
            }
        }

        var message = RecordsMessage.From("court").With([.. others.Select(p => CourtListing(p)), CourtListing(known)]);
        var counter = app.Get<StorageRequestCounter>();
        counter.Reset();
        var outcome = await app.Get<RecordIngestor>().IngestAsync(message.Json(), CancellationToken.None);
        var requests = counter.Requests;

        Assert.Equal(21, outcome.Stored);
        // Sending all 21 the read-decide-write way would be at least 42 requests for the records alone.
        Assert.True(requests <= 25, $"{requests} storage requests for the message");
    }

    private static async Task Send(CreditApp app, string source, JsonObject item)
    {
        if (item["schema"] is not null)
        {
            await app.Get<SubjectProfileIngestor>().IngestAsync(CreditFunctions.Testing.TestKeys.Sign(item.ToJsonString()), CancellationToken.None);
            return;
        }

        await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(source).WithMessageId($"m-{item["sourceRecordId"]}").With(item).Json(), CancellationToken.None);
    }

    private static async Task<(System.Text.Json.JsonElement Answer, long Requests)> CountedRestrictions(CreditApp app, string unit)
    {
        await ApiCalls.Credit(app, Subjects.NewUscc(), Principals.Partner); // provisions the tables once per process
        var counter = app.Get<StorageRequestCounter>();
        counter.Reset();
        var answer = await ApiCalls.Restrictions(app, unit, Principals.Partner, YouthBase);
        var requests = counter.Requests;
        Assert.Equal(200, answer.Status);
        return (answer.Json, requests);
    }

    /// <summary>Ingests one record (or a profile) and returns the record id.</summary>
    private static async Task<string> Ingest(CreditApp app, string source, JsonObject item)
    {
        if (item["schema"] is not null)
        {
            Assert.Null(await app.Get<SubjectProfileIngestor>().IngestAsync(CreditFunctions.Testing.TestKeys.Sign(item.ToJsonString()), CancellationToken.None));
            return "";
        }

        var outcome = await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(source).With(item).Json(), CancellationToken.None);
        Assert.True(outcome.Stored == 1, $"stored {outcome.Stored}, unchanged {outcome.Unchanged}, rejected {outcome.Rejected}");
        return RecordIds.For(source, item["sourceRecordId"]!.GetValue<string>());
    }

    private static JsonObject CourtListing(string person, string? sourceRecordId = null, int version = 1) => new()
    {
        ["sourceRecordId"] = sourceRecordId ?? $"COURT-{Guid.NewGuid():N}",
        ["version"] = version,
        ["action"] = "upsert",
        ["kind"] = "court-dishonest-debtor",
        ["subject"] = new JsonObject { ["type"] = "individual", ["id"] = person, ["name"] = "失信被执行人" },
        ["decisionDate"] = "2024-03-01",
        ["decisionNumber"] = "(2024)沪0101执123号",
    };

    private static JsonObject Profile(string unit, string person) => new()
    {
        ["schema"] = "subject-profile/v1",
        ["messageId"] = $"profile-{Guid.NewGuid():N}",
        ["source"] = "SH-HRSS",
        ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = unit, ["name"] = "上海某某青年实训有限公司", ["legalRepresentativeId"] = person },
    };
}
