using System.Collections.Concurrent;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// The (unit, legal representative) pairs this instance has linked, or found linked, in the last few minutes. A unit
/// system that names the representative on every record would otherwise cost one storage query per record to learn
/// that nothing changed. Forgetting is safe: a pair not remembered is checked again (1 query); a pair remembered while
/// another instance moved the unit to someone else only leaves reads to take the slower, still correct, way
/// (<see cref="Storage.SubjectDirectory"/>) until the entry ages out.
/// </summary>
public sealed class RecentLinks(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);
    private const int Capacity = 50_000;

    private readonly ConcurrentDictionary<(string Unit, string Representative), DateTimeOffset> _until = new();

    public bool Contains(string unit, string representative) =>
        _until.TryGetValue((unit, representative), out var until) && until > clock.GetUtcNow();

    public void Remember(string unit, string representative)
    {
        if (_until.Count >= Capacity)
        {
            _until.Clear(); // Coarse, and rare: the cost of forgetting is one query per pair.
        }

        _until[(unit, representative)] = clock.GetUtcNow() + Lifetime;
    }
}
