using CreditFunctions.App.Contracts;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Objections;

/// <summary>Deadlines in working days of the State Council's notices, and the sweep that escalates overdue objections once.</summary>
public sealed class ObjectionDeadlineTests
{
    [Fact]
    public async Task Filed_before_the_Spring_Festival_holiday_the_due_date_skips_it_and_counts_the_make_up_Saturday()
    {
        // 2026: 02-14 (Saturday) is a make-up working day, 02-15 to 02-23 are off.
        await using var app = await CreditApp.StartAsync(new DateOnly(2026, 2, 13));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit, "2026-02-10"));

        var filed = await FileObjection(app, Principals.Subject(unit), unit, recordId);

        Assert.Equal(201, filed.Status);
        // Working days after Friday 02-13: 02-14 (make-up), 02-24, 02-25, 02-26, 02-27.
        Assert.Equal("2026-02-27", filed.Json.GetProperty("dueOn").GetString());
    }

    [Fact]
    public async Task An_overdue_objection_is_flagged_and_escalated_once_however_often_the_sweep_runs()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2026, 2, 13));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit, "2026-02-10"));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;
        var sweep = app.Get<ObjectionSweep>();

        app.SetToday(new DateOnly(2026, 2, 27));
        await sweep.RunAsync(CancellationToken.None);
        var onTheDay = await GetObjection(app, Principals.Subject(unit), objectionId);
        app.SetToday(new DateOnly(2026, 3, 2));
        await app.Function<ObjectionSweepFunction>().Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        await sweep.RunAsync(CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromHours(1));
        await sweep.RunAsync(CancellationToken.None);

        Assert.False(onTheDay.Json.GetProperty("overdue").GetBoolean());
        var escalations = await Mailbox.About(app, QueueNames.Escalations, "objectionId", objectionId);
        var escalation = Assert.Single(escalations);
        Assert.Equal("credit-escalation/v1", escalation.GetProperty("schema").GetString());
        Assert.Equal("2026-02-27", escalation.GetProperty("decideBy").GetString());
        Assert.Equal(Enforcement, escalation.GetProperty("unit").GetString());
        var seen = (await GetObjection(app, Principals.Subject(unit), objectionId)).Json;
        Assert.True(seen.GetProperty("overdue").GetBoolean());
        Assert.Equal(JsonValueKindString, seen.GetProperty("escalatedAt").ValueKind);
        var history = await History(app, unit, recordId);
        Assert.Single(history, h => h.Action == "objection-escalated" && h.Actor == "system:objection-sweep");
        Assert.True(HistoryChain.Verify(history));
    }

    [Fact]
    public async Task A_decision_removes_the_objection_from_what_the_sweep_reads()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;
        await DecideObjection(app, Principals.Unit(Enforcement), objectionId, new System.Text.Json.Nodes.JsonObject { ["outcome"] = "upheld", ["reason"] = "事实清楚" });

        var overdue = await app.Get<CreditFunctions.App.Cases.CaseTable<StoredObjection>>().OverdueAsync(new DateOnly(2024, 12, 31), CancellationToken.None);

        Assert.DoesNotContain(objectionId, overdue);
        var pending = await ListObjections(app, Principals.Unit(Enforcement), "status=pending");
        Assert.DoesNotContain(pending.Json.GetProperty("objections").EnumerateArray(), o => o.GetProperty("objectionId").GetString() == objectionId);
    }

    private const System.Text.Json.JsonValueKind JsonValueKindString = System.Text.Json.JsonValueKind.String;
}
