using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>
/// A re-keying migration's map of pseudonyms (infra/Rekey, bicep/README.md "Re-keying"): for every individual whose ID
/// number the register holds, its subject key under the old pseudonym key and under the new one. An HMAC cannot be
/// reversed, so the map is learned from the ID numbers stored beside the keys (<see cref="RecordStore.LearnSubjectsAsync"/>),
/// never from the keys. Units are keyed by their USCC under any key and map to themselves.
/// </summary>
public sealed class PseudonymRekey
{
    private readonly SubjectPseudonymizer _from;
    private readonly SubjectPseudonymizer _to;
    private readonly Dictionary<string, string> _oldToNew = new(StringComparer.Ordinal);
    private readonly HashSet<string> _new = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <exception cref="ArgumentException">The two keys are the same key.</exception>
    public PseudonymRekey(SubjectPseudonymizer from, SubjectPseudonymizer to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Fingerprint == to.Fingerprint)
        {
            throw new ArgumentException("The old and the new pseudonym key are the same key.", nameof(to));
        }

        (_from, _to) = (from, to);
    }

    /// <summary>The old key's fingerprint (<see cref="SubjectPseudonymizer.Fingerprint"/>).</summary>
    public string FromFingerprint => _from.Fingerprint;

    public string ToFingerprint => _to.Fingerprint;

    /// <summary>Individuals learned so far.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _oldToNew.Count;
            }
        }
    }

    /// <summary>
    /// Learns an individual from its ID number as stored (a record's <c>SubjectId</c> or <c>LegalRepresentativeId</c>, a
    /// profile's <c>SubjectId</c>). False, learning nothing, when the value is not shaped like an ID number.
    /// </summary>
    public bool TryLearn(string? idNumber, out string oldKey, out string newKey)
    {
        (oldKey, newKey) = ("", "");
        if (string.IsNullOrEmpty(idNumber))
        {
            return false;
        }

        var id = new SubjectId(SubjectType.Individual, idNumber);
        try
        {
            (oldKey, newKey) = (_from.KeyFor(id), _to.KeyFor(id));
        }
        catch (ArgumentException)
        {
            // Not shaped like an ID number (KeyFor checks): nothing to learn from it.
            return false;
        }

        lock (_gate)
        {
            _oldToNew[oldKey] = newKey;
            _new.Add(newKey);
        }

        return true;
    }

    /// <summary>Where a subject key stands in this migration.</summary>
    public RekeyKeyState StateOf(string? key)
    {
        if (!SubjectPseudonymizer.IsIndividualKey(key))
        {
            return RekeyKeyState.NotIndividual;
        }

        lock (_gate)
        {
            return _oldToNew.ContainsKey(key!) ? RekeyKeyState.Old : _new.Contains(key!) ? RekeyKeyState.New : RekeyKeyState.Unknown;
        }
    }

    /// <summary>The new key of an old individual key learned; null for anything else.</summary>
    public string? NewKeyOf(string? key)
    {
        if (key is null)
        {
            return null;
        }

        lock (_gate)
        {
            return _oldToNew.GetValueOrDefault(key);
        }
    }

    /// <summary>A stored value that may be a subject key: its new key when it is a learned old key, else itself.</summary>
    public string? Map(string? value) => NewKeyOf(value) ?? value;

    /// <summary>The subject key of an individual's ID number under the new key.</summary>
    public string NewKeyFor(string idNumber) => _to.KeyFor(new SubjectId(SubjectType.Individual, idNumber));

    /// <summary>The subject key of an individual's ID number under the old key.</summary>
    public string OldKeyFor(string idNumber) => _from.KeyFor(new SubjectId(SubjectType.Individual, idNumber));
}

/// <summary>What a subject key is to a migration.</summary>
public enum RekeyKeyState
{
    /// <summary>A unit's USCC (or not a key at all): unchanged by any pseudonym key.</summary>
    NotIndividual,

    /// <summary>An individual's key under the old key, whose ID number is known: to be moved.</summary>
    Old,

    /// <summary>An individual's key under the new key: already moved.</summary>
    New,

    /// <summary>Shaped like an individual's key, but no stored ID number gives it under either key: left where it is, reported.</summary>
    Unknown,
}
