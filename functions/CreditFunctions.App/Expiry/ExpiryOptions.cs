namespace CreditFunctions.App.Expiry;

/// <summary>Settings of the expiry sweep (<c>Expiry__*</c>).</summary>
public sealed class ExpiryOptions
{
    public const string Section = "Expiry";

    /// <summary>
    /// The first day the very first sweep looks at (yyyy-MM-dd). Unset: yesterday in China, so a first deployment
    /// does today's and yesterday's expiries; later runs start after the last swept day (kept by <see cref="Storage.RecordStore"/>).
    /// </summary>
    public DateOnly? FirstDay { get; set; }

    /// <summary>How many buckets are swept at once.</summary>
    public int Concurrency { get; set; } = 8;
}
