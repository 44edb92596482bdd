using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Storage;

/// <summary>
/// A table owner whose rows hold individuals' subject keys (keyed pseudonyms), in their keys or in their properties.
/// infra/Rekey moves every such row from the old pseudonym key to the new one through these methods alone, so the
/// tool builds no key itself (bicep/README.md, "Re-keying"). Each owner registers itself in
/// <c>AddCreditStorage</c> (or with its case kind); a table that holds no subject key is listed as such in the tool's tests.
/// </summary>
public interface ISubjectKeyHolder
{
    /// <summary>The tables this owner re-keys.</summary>
    IReadOnlyList<string> RekeyTables { get; }

    /// <summary>The migration's steps over those tables (a partition range each), in order; the progress names them.</summary>
    IReadOnlyList<string> RekeySteps { get; }

    /// <summary>
    /// Moves (or, with <paramref name="dryRun"/>, counts) the rows of one step still under an old key of
    /// <paramref name="map"/>: each is written under the new key before the old row is deleted, so a step cut short is
    /// finished by running it again. The app must be stopped: a row changed meanwhile fails with
    /// <see cref="RekeyConcurrentWriteException"/>.
    /// </summary>
    Task<RekeyTally> RekeyAsync(string step, PseudonymRekey map, bool dryRun, CancellationToken cancellationToken);

    /// <summary>What is wrong after the migration (a row still naming an old key, a broken history chain…); empty when nothing.</summary>
    Task<IReadOnlyList<string>> CheckRekeyAsync(PseudonymRekey map, CancellationToken cancellationToken);
}

/// <summary>What one re-keying step did (or, in a dry run, would do) to one table.</summary>
public sealed class RekeyTally(string table)
{
    private long _moved, _updated, _alreadyNew, _unknown, _conflicts;

    public string Table { get; } = table;

    /// <summary>Rows written under a new key, their old row deleted.</summary>
    public long Moved => Interlocked.Read(ref _moved);

    /// <summary>Rows left where they are with a property naming a subject changed to its new key.</summary>
    public long Updated => Interlocked.Read(ref _updated);

    /// <summary>Rows found under a new key already (moved by an earlier run).</summary>
    public long AlreadyNew => Interlocked.Read(ref _alreadyNew);

    /// <summary>Rows under an individual's key that no stored ID number gives: left under the old key.</summary>
    public long Unknown => Interlocked.Read(ref _unknown);

    /// <summary>Rows whose place under the new key holds something else: neither written nor deleted.</summary>
    public long Conflicts => Interlocked.Read(ref _conflicts);

    /// <summary>Outbox rows moved to a new bucket: the push is told of them once the migration is done.</summary>
    public List<OutboxPointer> MovedEvents { get; } = [];

    /// <summary>Units (USCC) whose profile names a legal representative no stored ID number gives.</summary>
    public SortedSet<string> UnitsWithUnknownRepresentative { get; } = new(StringComparer.Ordinal);

    public void CountMoved(long n = 1) => Interlocked.Add(ref _moved, n);

    public void CountUpdated(long n = 1) => Interlocked.Add(ref _updated, n);

    public void CountAlreadyNew(long n = 1) => Interlocked.Add(ref _alreadyNew, n);

    public void CountUnknown(long n = 1) => Interlocked.Add(ref _unknown, n);

    public void CountConflicts(long n = 1) => Interlocked.Add(ref _conflicts, n);

    public void Add(RekeyTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        CountMoved(other.Moved);
        CountUpdated(other.Updated);
        CountAlreadyNew(other.AlreadyNew);
        CountUnknown(other.Unknown);
        CountConflicts(other.Conflicts);
        lock (MovedEvents)
        {
            MovedEvents.AddRange(other.MovedEvents);
        }

        lock (UnitsWithUnknownRepresentative)
        {
            UnitsWithUnknownRepresentative.UnionWith(other.UnitsWithUnknownRepresentative);
        }
    }
}

/// <summary>A row changed while the migration ran: the app (or another run) is writing. Nothing of that row was lost.</summary>
public sealed class RekeyConcurrentWriteException(string message) : Exception(message);
