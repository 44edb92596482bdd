using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>art12: every credit, restriction and screening look-up is logged; the subject and admins can read who looked.</summary>
public sealed class AccessLogTests
{
    [Fact]
    public async Task Look_ups_are_listed_newest_first_with_who_and_what_business()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();

        await ApiCalls.Credit(app, unit, Principals.Partner);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApiCalls.Restrictions(app, unit, Principals.Admin, "business=government-procurement");
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApiCalls.Screening(app, Principals.Partner, "tendering-bidding", [unit, Subjects.NewUscc()]);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ApiCalls.Credit(app, unit, Principals.Subject(unit));

        var answer = await ApiCalls.AccessLog(app, unit, Principals.Subject(unit));

        Assert.Equal(200, answer.Status);
        var entries = answer.Json.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(
            ["GET /api/subjects/{id}/credit", "POST /api/screenings", "GET /api/subjects/{id}/restrictions", "GET /api/subjects/{id}/credit"],
            entries.Select(e => e.GetProperty("route").GetString()));
        Assert.Equal(["subject", "partner", "admin", "partner"], entries.Select(e => e.GetProperty("role").GetString()));
        Assert.True(entries[0].GetProperty("self").GetBoolean());
        Assert.False(entries[1].GetProperty("self").GetBoolean());
        Assert.Equal("tendering-bidding", entries[1].GetProperty("business").GetString());
        Assert.Equal("government-procurement", entries[2].GetProperty("business").GetString());
        Assert.False(entries[3].TryGetProperty("business", out _));
        var times = entries.Select(e => e.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);

        var limited = await ApiCalls.AccessLog(app, unit, Principals.Admin, "limit=2");
        Assert.Equal(2, limited.Json.GetProperty("entries").GetArrayLength());
        Assert.Equal("invalid-limit", (await ApiCalls.AccessLog(app, unit, Principals.Admin, "limit=0")).Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_refused_look_up_is_not_logged()
    {
        await using var app = await CreditApp.StartAsync();
        var unit = Subjects.NewUscc();

        await ApiCalls.Credit(app, unit, Principals.Subject(Subjects.NewUscc()));
        await ApiCalls.Restrictions(app, unit, Principals.Partner, "business=space-travel");

        var answer = await ApiCalls.AccessLog(app, unit, Principals.Admin);
        Assert.Empty(answer.Json.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task An_individual_subject_caller_is_stored_by_its_pseudonymous_key_only()
    {
        await using var app = await CreditApp.StartAsync();
        var person = Subjects.NewIdNumber();

        await ApiCalls.Credit(app, person, Principals.Subject(person));
        await ApiCalls.Credit(app, person, Principals.Partner);

        var key = app.Get<SubjectKeys>().KeyFor(new SubjectId(SubjectType.Individual, person));
        var rows = new List<TableEntity>();
        await foreach (var row in app.Table(TableNames.AccessLog).QueryAsync<TableEntity>(e => e.PartitionKey == SubjectKeys.BucketOf(key)))
        {
            if (row.RowKey.StartsWith(key + "|", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.GetString("CallerKey") == key);
        Assert.All(rows, r => Assert.DoesNotContain(person, string.Join('|', r.Select(p => $"{p.Key}={p.Value}"))));
        var answer = await ApiCalls.AccessLog(app, person, Principals.Subject(person));
        Assert.Equal(person, answer.Json.GetProperty("subjectId").GetString());
        Assert.DoesNotContain(person, (await ApiCalls.AccessLog(app, person, Principals.Admin)).Body);
    }

    [Fact]
    public async Task A_credit_look_up_costs_two_storage_requests_the_read_and_the_log()
    {
        await using var app = await CreditApp.StartAsync();
        var unit = Subjects.NewUscc();
        await ApiCalls.Credit(app, Subjects.NewUscc(), Principals.Partner); // provisions the tables once per process
        var counter = app.Get<StorageRequestCounter>();

        counter.Reset();
        var answer = await ApiCalls.Credit(app, unit, Principals.Partner);

        Assert.Equal(200, answer.Status);
        Assert.Equal(2, counter.Requests);
    }

    [Fact]
    public async Task A_screening_logs_each_subject_once_in_one_transaction_per_bucket()
    {
        await using var app = await CreditApp.StartAsync();
        var subjects = Enumerable.Range(0, 100).Select(_ => Subjects.NewUscc()).ToList();
        await ApiCalls.Credit(app, Subjects.NewUscc(), Principals.Partner);
        var counter = app.Get<StorageRequestCounter>();
        var buckets = subjects.Select(s => SubjectKeys.BucketOf(s)).Distinct().Count();

        counter.Reset();
        var answer = await ApiCalls.Screening(app, Principals.Partner, "tendering-bidding", subjects);

        Assert.Equal(200, answer.Status);
        // 100 reads (units without a profile have no legal representative to read) and one log batch per bucket.
        Assert.Equal(100 + buckets, counter.Requests);
        foreach (var subject in subjects.Take(3))
        {
            var log = await ApiCalls.AccessLog(app, subject, Principals.Admin);
            Assert.Equal("POST /api/screenings", Assert.Single(log.Json.GetProperty("entries").EnumerateArray()).GetProperty("route").GetString());
        }
    }
}
