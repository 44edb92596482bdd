using System.Collections.Concurrent;

namespace CreditFunctions.DevHost.Tests.Support;

/// <summary>
/// What the sample functions report to the test that started the host (registered as a singleton through the
/// addServices callback, so each test host has its own).
/// </summary>
public sealed class Probe
{
    private readonly ConcurrentQueue<(string Function, object? Value)> _calls = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly ConcurrentQueue<string> _entered = new();
    private int _inFlight;
    private int _maxInFlight;
    private int _completed;

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public int Completed => Volatile.Read(ref _completed);

    public IReadOnlyCollection<string> Entered => _entered.ToArray();

    public void Record(string function, object? value) => _calls.Enqueue((function, value));

    public IReadOnlyList<object?> Calls(string function) =>
        _calls.Where(c => c.Function == function).Select(c => c.Value).ToList();

    public int Count(string function) => _calls.Count(c => c.Function == function);

    /// <summary>Counts a running invocation until the returned scope is disposed.</summary>
    public IDisposable Enter(string key)
    {
        _entered.Enqueue(key);
        int now = Interlocked.Increment(ref _inFlight);
        int max;
        while (now > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, now, max) != max)
        {
        }

        return new Exit(this);
    }

    public Task Gate(string key, CancellationToken cancellation) =>
        _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task.WaitAsync(cancellation);

    public void Open(string key) =>
        _gates.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private sealed class Exit(Probe probe) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Decrement(ref probe._inFlight);
                Interlocked.Increment(ref probe._completed);
            }
        }
    }
}
