using System.Diagnostics.Metrics;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// The custom metrics the deployment's alerts and workbook read (bicep/README.md, "What the app reports"): their names
/// and dimensions live here and nowhere else. Instruments of one <see cref="Meter"/> (<see cref="MeterName"/>), so a
/// call costs nothing when no one listens: in Azure <see cref="ApplicationInsightsMetrics"/> forwards every measurement
/// to Application Insights (<c>customMetrics</c>), locally nothing listens and nothing is sent.
/// </summary>
/// <remarks>
/// Static, as .NET's metrics are meant to be: any class can report with one call and no new constructor parameter.
/// Every dimension value passes through <see cref="IdNumberScrubber"/>, so none can hold an ID number; values a caller
/// controls (a message's source) are bounded by the callers themselves (known units only, see RejectionLedger).
/// </remarks>
public static class OperationsMetrics
{
    public const string MeterName = "CreditFunctions.Operations";

    /// <summary>Gauge: messages waiting in a poison queue (approximate count), every 5 minutes, 0 included. Dimension <c>queue</c>.</summary>
    public const string PoisonMessagesName = "PoisonMessages";

    /// <summary>Gauge: seconds the oldest pending outbox event has waited, 0 when the outbox is empty, every 5 minutes.</summary>
    public const string OutboxOldestAgeSecondsName = "OutboxOldestAgeSeconds";

    /// <summary>Counter: 1 each time a sweep finishes without error. Dimension <c>sweep</c>.</summary>
    public const string SweepCompletedName = "SweepCompleted";

    /// <summary>Counter: records stored, per message. Dimension <c>source</c> (the unit code).</summary>
    public const string RecordsAcceptedName = "RecordsAccepted";

    /// <summary>Counter: records or whole messages refused. Dimensions <c>unit</c> and <c>code</c> (the reason code).</summary>
    public const string RecordsRejectedName = "RecordsRejected";

    /// <summary>Counter: one per subject looked up. Dimensions <c>route</c> (the template, never the id) and <c>role</c>.</summary>
    public const string LookupsName = "Lookups";

    public const string QueueDimension = "queue";
    public const string SweepDimension = "sweep";
    public const string SourceDimension = "source";
    public const string UnitDimension = "unit";
    public const string CodeDimension = "code";
    public const string RouteDimension = "route";
    public const string RoleDimension = "role";

    /// <summary>The poison queues the gauge reports, one series each (the host makes one per queue trigger).</summary>
    public static readonly IReadOnlyList<string> PoisonQueues =
        [Contracts.QueueNames.Ingest + "-poison", Contracts.QueueNames.Subjects + "-poison", Contracts.QueueNames.PlatformOutbox + "-poison",
         Contracts.QueueNames.WatchDeliveries + "-poison"];

    /// <summary>Each metric's dimensions, in the order Application Insights is given them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Dimensions = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [PoisonMessagesName] = [QueueDimension],
        [OutboxOldestAgeSecondsName] = [],
        [SweepCompletedName] = [SweepDimension],
        [RecordsAcceptedName] = [SourceDimension],
        [RecordsRejectedName] = [UnitDimension, CodeDimension],
        [LookupsName] = [RouteDimension, RoleDimension],
    };

    private static readonly Meter Meter = new(MeterName);
    private static readonly Gauge<long> PoisonMessagesGauge = Meter.CreateGauge<long>(PoisonMessagesName, "{message}");
    private static readonly Gauge<double> OutboxOldestAgeGauge = Meter.CreateGauge<double>(OutboxOldestAgeSecondsName, "s");
    private static readonly Counter<long> SweepCompletedCounter = Meter.CreateCounter<long>(SweepCompletedName, "{run}");
    private static readonly Counter<long> RecordsAcceptedCounter = Meter.CreateCounter<long>(RecordsAcceptedName, "{record}");
    private static readonly Counter<long> RecordsRejectedCounter = Meter.CreateCounter<long>(RecordsRejectedName, "{record}");
    private static readonly Counter<long> LookupsCounter = Meter.CreateCounter<long>(LookupsName, "{lookup}");

    /// <summary>The sweeps of <see cref="SweepCompletedName"/>, as the <c>sweeps-missing</c> alert expects them.</summary>
    public static class Sweeps
    {
        public const string Expiry = "expiry";
        public const string Objections = "objections";
        public const string TallyPrune = "tally-prune";
    }

    public static void PoisonMessages(string queue, long waiting) =>
        PoisonMessagesGauge.Record(waiting, Tag(QueueDimension, queue));

    public static void OutboxOldestAge(TimeSpan age) =>
        OutboxOldestAgeGauge.Record(Math.Max(0, Math.Round(age.TotalSeconds)));

    public static void SweepCompleted(string sweep) =>
        SweepCompletedCounter.Add(1, Tag(SweepDimension, sweep));

    /// <summary>Nothing for 0: the workbook reads a source's last report as its last accepted record.</summary>
    public static void RecordsAccepted(string source, long records)
    {
        if (records > 0)
        {
            RecordsAcceptedCounter.Add(records, Tag(SourceDimension, source));
        }
    }

    public static void RecordsRejected(string unit, string code, long records)
    {
        if (records > 0)
        {
            RecordsRejectedCounter.Add(records, Tag(UnitDimension, unit), Tag(CodeDimension, code));
        }
    }

    /// <param name="route">The route's template (<c>ApiRoute.Path</c>), e.g. <c>subjects/{id}/credit</c>.</param>
    /// <param name="role">The caller's roles, comma-separated in order.</param>
    public static void Lookup(string route, string role) =>
        LookupsCounter.Add(1, Tag(RouteDimension, route), Tag(RoleDimension, role));

    private static KeyValuePair<string, object?> Tag(string name, string? value) =>
        new(name, IdNumberScrubber.Scrub(string.IsNullOrEmpty(value) ? "none" : value));
}
