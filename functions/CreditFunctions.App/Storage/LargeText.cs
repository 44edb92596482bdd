using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Stores text of any size up to the entity limit across several string properties: Azure caps one string
/// property at 64 KiB (32 K UTF-16 characters), and Azurite does not enforce it, so we must.
/// </summary>
public static class LargeText
{
    public const int ChunkChars = 30_000;

    // An entity may be 1 MiB in all; leave room for the other properties.
    public const int MaxChars = 15 * ChunkChars;

    public static void Write(TableEntity entity, string name, string text)
    {
        var chunks = 0;
        for (var offset = 0; offset < text.Length && offset < MaxChars; offset += ChunkChars)
        {
            entity[$"{name}{chunks++}"] = text.Substring(offset, Math.Min(ChunkChars, text.Length - offset));
        }

        entity[$"{name}Chunks"] = chunks;
        entity[$"{name}Truncated"] = text.Length > MaxChars;
        entity[$"{name}Length"] = text.Length;
    }

    public static string Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32($"{name}Chunks") ?? 0;
        var builder = new System.Text.StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            builder.Append(entity.GetString($"{name}{i}"));
        }

        return builder.ToString();
    }
}
