using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CreditFunctions.Domain.Lifecycle;

/// <summary>One step in a record's life (art12): what happened, who did it, when, who asserted it, and the previous step's hash.</summary>
/// <param name="AssertedByKid">The key that signed the message carrying this version (contract v2 "Proving the sender").</param>
/// <param name="MessageSha256">The SHA-256 (hex) of that signed message as received.</param>
public sealed record HistoryEntry(
    int Sequence, string Action, long Version, string Actor, DateTimeOffset At, string? Detail, string PreviousHash, string Hash,
    string? AssertedByKid = null, string? MessageSha256 = null, bool Unsigned = false);

/// <summary>
/// A record's history is a hash chain: each entry's hash covers its content and the previous hash, so changing or
/// removing an earlier entry breaks every later one (art12: tampering must show). docs/record-lifecycle.md.
/// </summary>
public static class HistoryChain
{
    public const string Genesis = "genesis";

    public static HistoryEntry Next(int previousSequence, string previousHash, HistoryStep step, long version, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(step);
        var sequence = previousSequence + 1;
        var previous = previousSequence == 0 ? Genesis : previousHash;
        var a = step.AssertedBy;
        return new HistoryEntry(sequence, step.Action, version, step.Actor, at, step.Detail, previous,
            HashOf(sequence, step.Action, version, step.Actor, at, step.Detail, previous, a?.Kid, a?.MessageSha256, a?.Unsigned == true),
            a?.Kid, a?.MessageSha256, a?.Unsigned == true);
    }

    public static string HashOf(
        int sequence, string action, long version, string actor, DateTimeOffset at, string? detail, string previousHash,
        string? kid = null, string? messageSha256 = null, bool unsigned = false)
    {
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture), action, version.ToString(CultureInfo.InvariantCulture), actor,
            at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), detail ?? "", previousHash,
            kid ?? "", messageSha256 ?? "", unsigned ? "unsigned" : "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>True when every entry's hash is right and links to the one before.</summary>
    public static bool Verify(IReadOnlyList<HistoryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1 || e.PreviousHash != previous
                || e.Hash != HashOf(e.Sequence, e.Action, e.Version, e.Actor, e.At, e.Detail, e.PreviousHash, e.AssertedByKid, e.MessageSha256, e.Unsigned))
            {
                return false;
            }

            previous = e.Hash;
        }

        return true;
    }
}
