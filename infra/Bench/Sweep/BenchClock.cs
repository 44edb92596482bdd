namespace CreditFunctions.Bench.Sweep;

/// <summary>A clock the bench sets: the sweep runs "at 00:05 China time" on the day measured, whatever the machine's date.</summary>
internal sealed class BenchClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
