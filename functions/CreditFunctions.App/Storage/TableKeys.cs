namespace CreditFunctions.App.Storage;

/// <summary>Azure Table key rules: PartitionKey and RowKey may not hold / \ # ? or control characters, and are at most 1 KiB.</summary>
public static class TableKeys
{
    public static bool IsSafe(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= 256 && !value.AsSpan().ContainsAny(Forbidden) && !HasControl(value);

    /// <summary>A key part from outside input: kept when safe, otherwise an escaped form that is.</summary>
    public static string Escape(string value)
    {
        if (IsSafe(value))
        {
            return value;
        }

        var builder = new System.Text.StringBuilder(value.Length + 8);
        foreach (var c in value.Length > 200 ? value[..200] : value)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.Length == 0 ? "%00" : builder.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Forbidden = System.Buffers.SearchValues.Create("/\\#?");

    private static bool HasControl(string value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
