namespace CreditFunctions.App.Platform;

/// <summary>Exponential backoff with jitter for retries (platform pushes, watch callbacks): base·2^(attempt−1), capped, ±20 %.</summary>
public static class RetryBackoff
{
    public static TimeSpan Delay(int attempts, PlatformOptions options) => Delay(attempts, options.BackoffBase, options.BackoffMax);

    public static TimeSpan Delay(int attempts, TimeSpan backoffBase, TimeSpan backoffMax)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var raw = Math.Min(backoffBase.TotalMilliseconds * Math.Pow(2, exponent), backoffMax.TotalMilliseconds);
        // Jitter spreads the retries of many that failed together (an outage) instead of firing them at once.
        var jittered = raw * (0.8 + (0.4 * Random.Shared.NextDouble()));
        return TimeSpan.FromMilliseconds(Math.Max(0, jittered));
    }
}
