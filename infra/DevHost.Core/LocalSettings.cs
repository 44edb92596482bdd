using System.Text.Json;

namespace CreditFunctions.DevHost;

/// <summary>
/// local.settings.json's Values, as Core Tools applies them: each becomes an app setting unless an environment
/// variable of that name already exists; "A__B" is read as "A:B" like any environment variable.
/// </summary>
internal static class LocalSettings
{
    public static Dictionary<string, string?> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"local.settings.json not found at '{path}'.");
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(path),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (doc.RootElement.TryGetProperty("IsEncrypted", out JsonElement encrypted) && encrypted.ValueKind == JsonValueKind.True)
        {
            throw new InvalidOperationException($"'{path}' is encrypted (IsEncrypted: true); the dev host reads plain values only.");
        }

        if (doc.RootElement.TryGetProperty("Values", out JsonElement settings) && settings.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty p in settings.EnumerateObject())
            {
                if (Environment.GetEnvironmentVariable(p.Name) is null)
                {
                    values[p.Name.Replace("__", ":", StringComparison.Ordinal)] =
                        p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() : p.Value.GetRawText();
                }
            }
        }

        return values;
    }
}
