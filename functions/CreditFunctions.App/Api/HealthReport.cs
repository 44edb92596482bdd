using System.ComponentModel;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Api;

[Description("Whether storage answers, what is running, and each source's freshness.")]
public sealed record HealthReport(
    [property: Description("healthy when tables and queues both answer."), WireSet(WireSets.HealthStatus)] string Status,
    [property: Description("When the probes ran.")] DateTimeOffset CheckedAt,
    [property: Description("What each storage probe found.")] HealthStorage Storage,
    [property: Description("What is running.")] HealthVersions Versions)
{
    /// <summary>Per source unit: its last arrival and active records by kind, so stale data shows (null if unreadable).</summary>
    [Description("Per source unit: its last arrival and active records by kind, so stale data shows; absent when it could not be read.")]
    public IReadOnlyList<SourceFreshnessView>? Freshness { get; init; }
}

[Description("What each storage probe found.")]
public sealed record HealthStorage(
    [property: Description("Table storage answered.")] bool Tables,
    [property: Description("Queue storage answered.")] bool Queues,
    [property: Description("The kind of the first failure (an exception type name), when one failed.")] string? Error);

[Description("What is running.")]
public sealed record HealthVersions(
    [property: Description("The app's informational version (version+commit).")] string App,
    [property: Description("The catalogue versions loaded, comma-separated.")] string? Catalogue);

/// <param name="LastRecordAt">When the source's last record arrived: old means stale data, not a clean record.</param>
[Description("One source unit's freshness.")]
public sealed record SourceFreshnessView(
    [property: Description("The unit code.")] string Source,
    [property: Description("When its last record arrived: old means stale data, not a clean record.")] DateTimeOffset? LastRecordAt,
    [property: Description("Active records by kind.")] IReadOnlyDictionary<string, long> ActiveByKind);
