namespace CreditFunctions.App.Api;

public sealed record HealthReport(
    string Status,
    DateTimeOffset CheckedAt,
    HealthStorage Storage,
    HealthVersions Versions)
{
    /// <summary>Per source unit: its last arrival and active records by kind, so stale data shows (null if unreadable).</summary>
    public IReadOnlyList<SourceFreshnessView>? Freshness { get; init; }
}

public sealed record HealthStorage(bool Tables, bool Queues, string? Error);

public sealed record HealthVersions(string App, string? Catalogue);

/// <param name="LastRecordAt">When the source's last record arrived: old means stale data, not a clean record.</param>
public sealed record SourceFreshnessView(string Source, DateTimeOffset? LastRecordAt, IReadOnlyDictionary<string, long> ActiveByKind);
