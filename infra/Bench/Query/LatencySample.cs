namespace CreditFunctions.Bench.Query;

/// <summary>Latencies of one kind of request, in milliseconds, and their percentiles (nearest rank).</summary>
public sealed class LatencySample
{
    private readonly List<double> _milliseconds = [];

    public int Count
    {
        get
        {
            lock (_milliseconds)
            {
                return _milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (_milliseconds)
        {
            _milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    public double Percentile(double p)
    {
        lock (_milliseconds)
        {
            if (_milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = _milliseconds.Order().ToArray();
            var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
            return Math.Round(sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)], 2);
        }
    }
}
