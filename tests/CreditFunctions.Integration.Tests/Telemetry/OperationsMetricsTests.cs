using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Expiry;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Maintenance;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Telemetry;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Azure.Functions.Worker;
using M = CreditFunctions.App.Telemetry.OperationsMetrics;

namespace CreditFunctions.Integration.Tests.Telemetry;

/// <summary>
/// The metrics the deployment's alerts and workbook read (bicep/README.md, "What the app reports"), by name and
/// dimension, from the code paths that report them; and how they reach Application Insights.
/// </summary>
public sealed class OperationsMetricsTests
{
    private const string Enforcement = "SH-HRSS-ENFORCEMENT";

    [Fact]
    public void The_names_and_dimensions_are_the_ones_the_deployment_reads()
    {
        Assert.Equal(
            ["Lookups", "OutboxOldestAgeSeconds", "PoisonMessages", "RecordsAccepted", "RecordsRejected", "SweepCompleted"],
            M.Dimensions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["queue"], M.Dimensions["PoisonMessages"]);
        Assert.Empty(M.Dimensions["OutboxOldestAgeSeconds"]);
        Assert.Equal(["sweep"], M.Dimensions["SweepCompleted"]);
        Assert.Equal(["source"], M.Dimensions["RecordsAccepted"]);
        Assert.Equal(["unit", "code"], M.Dimensions["RecordsRejected"]);
        Assert.Equal(["route", "role"], M.Dimensions["Lookups"]);
        Assert.Equal(["credit-ingest-poison", "credit-subjects-poison", "credit-platform-outbox-poison", "watch-deliveries-poison"], M.PoisonQueues);
    }

    [Fact]
    public async Task Ingestion_reports_records_accepted_per_source_and_rejected_per_unit_and_code()
    {
        await using var app = await CreditApp.StartAsync();
        using var capture = new MetricCapture();
        var ingestor = app.Get<RecordIngestor>();
        var good = RecordsMessage.AdminPenalty(Subjects.NewUscc());
        var bad = RecordsMessage.AdminPenalty(Subjects.NewUscc());
        bad["decisionDate"] = "2024-02-30";

        await ingestor.IngestAsync(RecordsMessage.From(Enforcement).With(good, RecordsMessage.AdminPenalty(Subjects.NewUscc()), bad).Json(), CancellationToken.None);
        await ingestor.IngestAsync("not json", CancellationToken.None);
        await ingestor.IngestAsync(RecordsMessage.From("SOMEONE-" + Subjects.NewIdNumber()).With(RecordsMessage.AdminPenalty(Subjects.NewUscc())).Json(), CancellationToken.None);

        var accepted = Assert.Single(capture.Of(M.RecordsAcceptedName));
        Assert.Equal(2, accepted.Value);
        Assert.Equal(Enforcement, accepted["source"]);
        var rejected = capture.Of(M.RecordsRejectedName);
        Assert.Contains(rejected, m => m["unit"] == Enforcement && m["code"] == "invalid-date" && m.Value == 1);
        Assert.Contains(rejected, m => m["unit"] == RejectionLedger.UnknownSource && m["code"] == "invalid-json" && m.Value == 1);
        // A source the catalogue does not know is not a dimension value: whatever a sender writes there stays out.
        Assert.All(rejected, m => Assert.Contains(m["unit"], new[] { Enforcement, RejectionLedger.UnknownSource }));
        Assert.Equal(3, rejected.Count);
    }

    [Fact]
    public async Task A_look_up_counts_once_per_subject_by_route_template_and_role_never_by_id()
    {
        await using var app = await CreditApp.StartAsync();
        using var capture = new MetricCapture();
        var person = Subjects.NewIdNumber();
        var unit = Subjects.NewUscc();

        await IngestionPathTests.Credit(app, person, Principals.Partner);
        HttpAnswer.Of(await app.Function<RestrictionFunction>().Run(
            app.Request($"/api/subjects/{unit}/restrictions", "business=tendering-bidding", Principals.Partner), unit, CancellationToken.None));
        HttpAnswer.Of(await app.Function<ScreeningFunction>().Run(
            app.Request("/api/screenings", principal: Principals.Partner, method: "POST",
                body: $$"""{"business":"tendering-bidding","subjects":["{{person}}","{{unit}}"]}"""),
            CancellationToken.None));
        await IngestionPathTests.Credit(app, person, Principals.Subject(person));

        var lookups = capture.Of(M.LookupsName);
        Assert.Equal(5, lookups.Count);
        Assert.Equal(1, lookups.Count(m => m["route"] == "subjects/{id}/credit" && m["role"] == "partner"));
        Assert.Equal(1, lookups.Count(m => m["route"] == "subjects/{id}/credit" && m["role"] == "subject"));
        Assert.Equal(1, lookups.Count(m => m["route"] == "subjects/{id}/restrictions" && m["role"] == "partner"));
        Assert.Equal(2, lookups.Count(m => m["route"] == "screenings" && m["role"] == "partner"));
        Assert.All(lookups, m => Assert.Equal(1, m.Value));
        Assert.All(capture.All.SelectMany(m => m.Tags.Values), v => Assert.DoesNotContain(person, v ?? ""));
    }

    [Fact]
    public async Task Each_sweep_reports_its_completion_and_a_failed_one_does_not()
    {
        await using var app = await CreditApp.StartAsync();
        using var capture = new MetricCapture();

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => app.Function<ExpirySweepFunction>().Run(new TimerInfo(), cancelled.Token));
        await app.Function<ExpirySweepFunction>().Run(new TimerInfo(), CancellationToken.None);
        await app.Function<ObjectionSweepFunction>().Run(new TimerInfo(), CancellationToken.None);
        await app.Function<TallyMarkerPruneFunction>().Run(new TimerInfo(), CancellationToken.None);

        var sweeps = capture.Of(M.SweepCompletedName);
        Assert.Equal(["expiry", "objections", "tally-prune"], sweeps.Select(s => s["sweep"]));
        Assert.All(sweeps, s => Assert.Equal(1, s.Value));
    }

    [Fact]
    public async Task The_gauges_report_every_poison_queue_zero_included_and_the_oldest_pending_outbox_event()
    {
        // An Azurite of its own: the shared one holds other tests' poison messages and outbox rows.
        using var azurite = AzuriteServer.Start();
        await using var app = await CreditApp.StartAsync(connectionString: azurite.ConnectionString);
        using var capture = new MetricCapture();
        var gauges = app.Function<OperationsGaugesFunction>();

        await gauges.Run(new TimerInfo(), CancellationToken.None);
        var poison = app.Queue("credit-ingest-poison");
        await poison.CreateIfNotExistsAsync();
        await poison.SendMessageAsync("{}");
        await poison.SendMessageAsync("{}");
        await app.Get<RecordIngestor>().IngestAsync(
            RecordsMessage.From(Enforcement).With(RecordsMessage.AdminPenalty(Subjects.NewUscc())).Json(), CancellationToken.None);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await gauges.Run(new TimerInfo(), CancellationToken.None);

        var runs = capture.Of(M.PoisonMessagesName).Chunk(M.PoisonQueues.Count).ToList();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, run => Assert.Equal(M.PoisonQueues, run.Select(m => m["queue"])));
        Assert.All(runs[0], m => Assert.Equal(0, m.Value));
        Assert.Equal([2, .. Enumerable.Repeat(0.0, M.PoisonQueues.Count - 1)], runs[1].Select(m => m.Value));
        Assert.Equal([0, 600], capture.Of(M.OutboxOldestAgeSecondsName).Select(m => m.Value));
    }

    [Fact]
    public async Task In_Application_Insights_each_metric_is_a_customMetrics_series_with_its_dimensions()
    {
        var channel = new CapturingChannel();
        using var configuration = new TelemetryConfiguration
        {
            ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000",
            TelemetryChannel = channel,
        };
        var client = new TelemetryClient(configuration);
        using var metrics = new ApplicationInsightsMetrics(client);
        var source = $"TEST-{Guid.NewGuid():N}";

        await metrics.StartAsync(CancellationToken.None);
        M.RecordsAccepted(source, 3);
        M.RecordsAccepted(source, 4);
        M.RecordsRejected(source, "stale-version", 2);
        M.PoisonMessages("credit-ingest-poison", 5);
        M.OutboxOldestAge(TimeSpan.FromSeconds(42.4));
        await metrics.StopAsync(CancellationToken.None);

        var sent = channel.Items.OfType<MetricTelemetry>().ToList();
        var accepted = Assert.Single(sent, m => m.Name == "RecordsAccepted" && Prop(m, "source") == source);
        Assert.Equal(7, accepted.Sum);
        Assert.Equal(2, accepted.Count);
        var rejected = Assert.Single(sent, m => m.Name == "RecordsRejected" && Prop(m, "unit") == source);
        Assert.Equal("stale-version", rejected.Properties["code"]);
        Assert.Equal(2, rejected.Sum);
        Assert.Contains(sent, m => m.Name == "PoisonMessages" && Prop(m, "queue") == "credit-ingest-poison" && m.Max == 5);
        Assert.Contains(sent, m => m.Name == "OutboxOldestAgeSeconds" && m.Max == 42);
    }

    private static string? Prop(MetricTelemetry metric, string name) => metric.Properties.TryGetValue(name, out var value) ? value : null;

    private sealed class CapturingChannel : ITelemetryChannel
    {
        public System.Collections.Concurrent.ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string? EndpointAddress { get; set; }

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
