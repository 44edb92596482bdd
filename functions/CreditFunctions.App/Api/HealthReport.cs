using CreditFunctions.App.ConfigData;

namespace CreditFunctions.App.Api;

public sealed record HealthReport(
    string Status,
    DateTimeOffset CheckedAt,
    HealthStorage Storage,
    HealthVersions Versions)
{
    /// <summary>Per source unit: its last arrival and active records by kind, so stale data shows (null if unreadable).</summary>
    public IReadOnlyList<SourceFreshnessView>? Freshness { get; init; }

    /// <summary>How far the working-day calendar reaches, and from when health warns about its end.</summary>
    public HealthCalendar? Calendar { get; init; }

    /// <summary>The catalogue, calendar and source keys in force: version, where from, last check, last refusal.</summary>
    public IReadOnlyList<ConfigDataStatus>? ConfigData { get; init; }

    /// <summary>What an operator should act on while the app is still healthy (the status does not change), each "中文 / English".</summary>
    public IReadOnlyList<HealthWarning> Warnings { get; init; } = [];
}

public sealed record HealthStorage(bool Tables, bool Queues, string? Error);

/// <param name="Catalogue">The catalogue versions loaded, comma-separated.</param>
public sealed record HealthVersions(string App, string? Catalogue)
{
    /// <summary>The years the working-day calendar covers, e.g. "2024–2026 (to 2026-12-31)".</summary>
    public string? Calendar { get; init; }

    /// <summary>The source key set in force: how many keys of how many units, and its fingerprint.</summary>
    public string? SourceKeys { get; init; }
}

/// <param name="LastCoveredDay">The last day a State Council notice covers; after it deadlines count Monday to Friday.</param>
/// <param name="WarnsFrom">From this day (60 days before the last) health warns that the calendar is ending.</param>
public sealed record HealthCalendar(DateOnly LastCoveredDay, DateOnly WarnsFrom, IReadOnlyList<int> CoveredYears);

/// <param name="Code">Stable: <c>calendar-ending</c>, <c>calendar-ended</c>, <c>config-refused</c>, <c>config-unreadable</c>.</param>
/// <param name="Message">"中文 / English", as problem titles read.</param>
public sealed record HealthWarning(string Code, string Message, string Zh, string En);

/// <param name="LastRecordAt">When the source's last record arrived: old means stale data, not a clean record.</param>
public sealed record SourceFreshnessView(string Source, DateTimeOffset? LastRecordAt, IReadOnlyDictionary<string, long> ActiveByKind);
