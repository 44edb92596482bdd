namespace CreditFunctions.PlatformSimulator;

/// <summary>How the platform answered one event.</summary>
public enum PostOutcome
{
    Accepted,
    Duplicate,
    Stale,
}

/// <summary>
/// What the simulated platform holds. Repeats of an event id are dropped (409, the contract's "already had"); an
/// event older than the version held for its record is refused with 409 as well and the newer one is kept: to the
/// sender both mean "nothing more to do", and a stale event must never replace a newer one. Events of the version
/// held (a withdraw after the publish of one version, objection changes) are taken.
/// </summary>
public sealed class PlatformLedger
{
    private readonly object _gate = new();
    private readonly Dictionary<string, ReceivedEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReceivedEvent> _latest = new(StringComparer.Ordinal);
    private long _received, _duplicates, _stale, _invalid, _failures, _timeouts;

    public (PostOutcome Outcome, long? HeldVersion) Post(ReceivedEvent e)
    {
        lock (_gate)
        {
            if (_events.ContainsKey(e.EventId))
            {
                _duplicates++;
                return (PostOutcome.Duplicate, null);
            }

            if (_latest.TryGetValue(e.RecordId, out var held) && e.Version < held.Version)
            {
                _stale++;
                return (PostOutcome.Stale, held.Version);
            }

            _events.Add(e.EventId, e);
            _latest[e.RecordId] = e;
            return (PostOutcome.Accepted, null);
        }
    }

    public void CountReceived() => Interlocked.Increment(ref _received);

    public void CountInvalid() => Interlocked.Increment(ref _invalid);

    public void CountInjectedFailure() => Interlocked.Increment(ref _failures);

    public void CountInjectedTimeout() => Interlocked.Increment(ref _timeouts);

    public IReadOnlyList<ReceivedEvent> Events()
    {
        lock (_gate)
        {
            return _events.Values.OrderBy(e => e.ReceivedAt).ToList();
        }
    }

    public ReceivedEvent? Latest(string recordId)
    {
        lock (_gate)
        {
            return _latest.GetValueOrDefault(recordId);
        }
    }

    public LedgerStats Stats()
    {
        lock (_gate)
        {
            return new LedgerStats(Interlocked.Read(ref _received), _events.Count, _duplicates, _stale,
                Interlocked.Read(ref _invalid), Interlocked.Read(ref _failures), Interlocked.Read(ref _timeouts));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _events.Clear();
            _latest.Clear();
            _received = _duplicates = _stale = _invalid = _failures = _timeouts = 0;
        }
    }
}
