using System.ComponentModel;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.ConfigData;

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

    [Description("How far the working-day calendar reaches, and from when health warns about its end.")]
    public HealthCalendar? Calendar { get; init; }

    [Description("The catalogue, calendar and source keys in force: version, where from, last check, last refusal.")]
    public IReadOnlyList<ConfigDataStatus>? ConfigData { get; init; }

    [Description("What an operator should act on while the app is still healthy (the status does not change).")]
    public IReadOnlyList<HealthWarning> Warnings { get; init; } = [];
}

[Description("What each storage probe found.")]
public sealed record HealthStorage(
    [property: Description("Table storage answered.")] bool Tables,
    [property: Description("Queue storage answered.")] bool Queues,
    [property: Description("The kind of the first failure (an exception type name), when one failed.")] string? Error);

[Description("What is running.")]
public sealed record HealthVersions(
    [property: Description("The app's informational version (version+commit).")] string App,
    [property: Description("The catalogue versions loaded, comma-separated.")] string? Catalogue)
{
    [Description("The years the working-day calendar covers, e.g. \"2024–2026 (to 2026-12-31)\".")]
    public string? Calendar { get; init; }

    [Description("The source key set in force: how many keys of how many units, and its fingerprint.")]
    public string? SourceKeys { get; init; }
}

[Description("How far the working-day calendar reaches, and from when health warns about its end.")]
public sealed record HealthCalendar(
    [property: Description("The last day a State Council notice covers; after it deadlines count Monday to Friday.")] DateOnly LastCoveredDay,
    [property: Description("From this day (60 days before the last) health warns that the calendar is ending.")] DateOnly WarnsFrom,
    [property: Description("The years covered by published notices.")] IReadOnlyList<int> CoveredYears);

[Description("Something an operator should act on while the app is still healthy.")]
public sealed record HealthWarning(
    [property: Description("Stable: calendar-ending, calendar-ended, config-refused, config-unreadable.")] string Code,
    [property: Description("\"中文 / English\", as problem titles read.")] string Message,
    [property: Description("The warning in Chinese.")] string Zh,
    [property: Description("The warning in English.")] string En);

/// <param name="LastRecordAt">When the source's last record arrived: old means stale data, not a clean record.</param>
[Description("One source unit's freshness.")]
public sealed record SourceFreshnessView(
    [property: Description("The unit code.")] string Source,
    [property: Description("When its last record arrived: old means stale data, not a clean record.")] DateTimeOffset? LastRecordAt,
    [property: Description("Active records by kind.")] IReadOnlyDictionary<string, long> ActiveByKind);
