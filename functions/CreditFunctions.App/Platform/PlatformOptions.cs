namespace CreditFunctions.App.Platform;

/// <summary>
/// How the app reaches the municipal credit platform (app settings <c>Platform__*</c>). Every duration is a
/// TimeSpan ("00:00:10"), so tests and the chaos run can shrink them without code changes.
/// </summary>
public sealed class PlatformOptions
{
    public const string Section = "Platform";

    /// <summary>The platform's base address; events go to <c>{BaseUrl}/credit-events</c>.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The Entra ID scope of the platform's API. Unset (locally): requests carry no bearer token.</summary>
    public string? Scope { get; set; }

    /// <summary>How long one POST may take before it counts as failed and is retried.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; it doubles with each failed attempt up to <see cref="BackoffMax"/>.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest retry delay. Keep it below <see cref="ReconcileAfter"/>: every failed attempt touches the outbox
    /// row, so reconciliation leaves alone rows whose retries are still running.
    /// </summary>
    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Outbox rows untouched for this long are re-notified by reconciliation (their notice was lost).</summary>
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many records of one notice are pushed at once (each record's own events stay in order).</summary>
    public int Concurrency { get; set; } = 8;
}
