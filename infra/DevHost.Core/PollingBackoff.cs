namespace CreditFunctions.DevHost;

/// <summary>
/// The queue listener's polling delay (the WebJobs RandomizedExponentialBackoffStrategy): after finding messages it
/// drops back to the minimum (100 ms); each empty poll grows it exponentially, ±20% random, up to maxPollingInterval.
/// </summary>
internal sealed class PollingBackoff(TimeSpan minimum, TimeSpan maximum)
{
    private const double Randomization = 0.2;
    private TimeSpan _current;
    private int _exponent;

    public TimeSpan Next(bool foundMessagesSinceLastDelay)
    {
        if (foundMessagesSinceLastDelay)
        {
            _current = minimum;
            _exponent = 1;
            return _current;
        }

        if (_current >= maximum)
        {
            return maximum;
        }

        double factor = 1 + ((Random.Shared.NextDouble() * 2) - 1) * Randomization;
        TimeSpan grown = minimum + TimeSpan.FromMilliseconds(factor * Math.Pow(2, Math.Max(_exponent, 1) - 1) * minimum.TotalMilliseconds);
        _current = grown < maximum ? grown : maximum;
        _exponent++;
        return _current;
    }
}
