using System.Security.Cryptography;

namespace CreditFunctions.App.Cases;

/// <summary>
/// Ids of cases: objections (<c>obj_…</c>) and repair applications (<c>rep_…</c>): opaque, safe in URLs and table keys, and
/// unguessable — 100 random bits — so knowing one id tells nothing about another subject's case.
/// </summary>
public static class CaseIds
{
    public const string ObjectionPrefix = "obj_";
    public const string RepairPrefix = "rep_";

    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Characters = 20;

    public static string NewObjectionId() => New(ObjectionPrefix);

    public static string NewRepairId() => New(RepairPrefix);

    /// <summary>A watch's id (contract v2 "Watches"): made the same way, so it cannot be guessed either.</summary>
    public const string WatchPrefix = "wat_";

    /// <summary>A feedback's id (contract v2 "Enforcement feedback").</summary>
    public const string FeedbackPrefix = "fb_";

    public static string NewWatchId() => New(WatchPrefix);

    public static string NewFeedbackId() => New(FeedbackPrefix);

    /// <summary>Whether <paramref name="id"/> has the shape of an id with <paramref name="prefix"/>: checked before it becomes a key.</summary>
    public static bool IsWellFormed(string? id, string prefix)
    {
        if (id is null || id.Length != prefix.Length + Characters || !id.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(prefix.Length))
        {
            if (!Alphabet.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string New(string prefix)
    {
        // 13 random bytes = 104 bits; 20 base32 characters carry 100 of them.
        Span<byte> random = stackalloc byte[13];
        RandomNumberGenerator.Fill(random);
        Span<char> chars = stackalloc char[Characters];
        var buffer = 0;
        var bits = 0;
        var written = 0;
        foreach (var b in random)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5 && written < Characters)
            {
                chars[written++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        return prefix + chars.ToString();
    }
}
