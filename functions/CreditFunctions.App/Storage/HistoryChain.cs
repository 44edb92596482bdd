using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>One step in a record's life (art12): what happened, who did it, when, and the previous step's hash.</summary>
public sealed record HistoryEntry(
    int Sequence, string Action, long Version, string Actor, DateTimeOffset At, string? Detail, string PreviousHash, string Hash);

/// <summary>
/// A record's history is a hash chain: each entry's hash covers its content and the previous hash, so changing or
/// removing an earlier entry breaks every later one (art12: tampering must show).
/// </summary>
public static class HistoryChain
{
    public const string Genesis = "genesis";

    public static HistoryEntry Next(int previousSequence, string previousHash, string action, long version, string actor, DateTimeOffset at, string? detail)
    {
        var sequence = previousSequence + 1;
        var previous = previousSequence == 0 ? Genesis : previousHash;
        return new HistoryEntry(sequence, action, version, actor, at, detail, previous, HashOf(sequence, action, version, actor, at, detail, previous));
    }

    public static string HashOf(int sequence, string action, long version, string actor, DateTimeOffset at, string? detail, string previousHash)
    {
        var canonical = string.Join('\u001f',
            sequence.ToString(CultureInfo.InvariantCulture), action, version.ToString(CultureInfo.InvariantCulture), actor,
            at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture), detail ?? "", previousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>True when every entry's hash is right and links to the one before.</summary>
    public static bool Verify(IReadOnlyList<HistoryEntry> entries)
    {
        var previous = Genesis;
        for (var i = 0; i < entries.Count; i++)
        {
            var e = entries[i];
            if (e.Sequence != i + 1 || e.PreviousHash != previous
                || e.Hash != HashOf(e.Sequence, e.Action, e.Version, e.Actor, e.At, e.Detail, e.PreviousHash))
            {
                return false;
            }

            previous = e.Hash;
        }

        return true;
    }

    public static TableEntity ToEntity(string partition, string subjectKey, string recordId, HistoryEntry entry) =>
        new(partition, RecordEntities.HistoryRow(subjectKey, recordId, entry.Sequence))
        {
            ["RecordId"] = recordId,
            ["Sequence"] = entry.Sequence,
            ["Action"] = entry.Action,
            ["Version"] = entry.Version,
            ["Actor"] = entry.Actor,
            ["At"] = entry.At,
            ["Detail"] = entry.Detail,
            ["PreviousHash"] = entry.PreviousHash,
            ["Hash"] = entry.Hash,
        };

    public static HistoryEntry FromEntity(TableEntity entity) => new(
        entity.GetInt32("Sequence") ?? 0,
        entity.GetString("Action") ?? "",
        entity.GetInt64("Version") ?? 0,
        entity.GetString("Actor") ?? "",
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Detail"),
        entity.GetString("PreviousHash") ?? "",
        entity.GetString("Hash") ?? "");
}
