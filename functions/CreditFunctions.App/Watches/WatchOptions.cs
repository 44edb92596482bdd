namespace CreditFunctions.App.Watches;

/// <summary>
/// How the watches behave (app settings <c>Watches__*</c>; docs/http-api.md "Watches"). The defaults are what the
/// contract asks: a change in the feed within 60 s, callbacks retried with backoff and never dropped.
/// </summary>
public sealed class WatchOptions
{
    public const string Section = "Watches";

    /// <summary>
    /// A feed is read only up to this long ago: a change is placed in a feed by the moment it reached it, so one written
    /// a moment after a later one cannot be passed by a reader. A change that took longer is moved to a later cursor.
    /// </summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>http callbacks to 127.0.0.1 / localhost are taken (local development; <c>./infra/run</c> sets it). Never in Azure.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>How long one callback may take before it counts as failed.</summary>
    public TimeSpan CallbackTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan BackoffMax { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A delivery's lease: another deliverer leaves the watch alone this long (a crashed one is taken over after it).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>At most this many changes are posted in one delivery run; the rest follow in the next (a notice is sent for it).</summary>
    public int MaxPerDelivery { get; set; } = 200;
}
