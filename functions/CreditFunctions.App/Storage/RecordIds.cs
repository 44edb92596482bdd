using System.Security.Cryptography;
using System.Text;

namespace CreditFunctions.App.Storage;

/// <summary>
/// A record's public id: <c>{source}.{hash}</c>. Stable for its identity (source, sourceRecordId), safe in a URL
/// and a table key whatever characters the upstream id has, and its prefix names the locator's partition.
/// </summary>
public static class RecordIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>How many partitions a source's locators are spread over (<see cref="MessageLedger.LocatorPartition"/>).</summary>
    public const int LocatorShards = 8;

    public static string For(string source, string sourceRecordId)
    {
        var input = Encoding.UTF8.GetBytes($"{source}\u001f{sourceRecordId}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        Span<char> chars = stackalloc char[26];
        // 26 base32 characters = 130 bits of the hash: collisions are not a practical concern.
        var bitBuffer = 0;
        var bits = 0;
        var written = 0;
        foreach (var b in hash)
        {
            bitBuffer = (bitBuffer << 8) | b;
            bits += 8;
            while (bits >= 5 && written < chars.Length)
            {
                chars[written++] = Alphabet[(bitBuffer >> (bits - 5)) & 31];
                bits -= 5;
            }

            if (written == chars.Length)
            {
                break;
            }
        }

        return $"{source}.{chars.ToString()}";
    }

    /// <summary>The source part of a record id, or null when the id is not of our shape.</summary>
    public static string? SourceOf(string recordId)
    {
        var dot = recordId.LastIndexOf('.');
        if (dot <= 0 || recordId.Length - dot - 1 != 26 || !TableKeys.IsSafe(recordId))
        {
            return null;
        }

        return recordId[..dot];
    }

    /// <summary>The locator shard of a record id: its first hash character, mod <see cref="LocatorShards"/> (uniform: it is a hash).</summary>
    public static int LocatorShardOf(string recordId)
    {
        var dot = recordId.LastIndexOf('.');
        var first = dot >= 0 && dot + 1 < recordId.Length ? Alphabet.IndexOf(recordId[dot + 1]) : -1;
        return first < 0 ? 0 : first % LocatorShards;
    }
}
