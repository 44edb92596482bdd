using Microsoft.Extensions.Time.Testing;

namespace CreditFunctions.DevHost.Tests.Support;

/// <summary>A FakeTimeProvider that counts the timers created on it, so a test knows when the scheduler waits again.</summary>
public sealed class CountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timers);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
