namespace CreditFunctions.Domain.Objections;

/// <summary>
/// Limits on free text that objections and repair applications share. "Characters" are Unicode scalar values
/// (a Chinese character counts 1, also outside the BMP), counted after trimming surrounding white space.
/// </summary>
public static class TextRules
{
    /// <summary>An objection's reason, the reason an objection is upheld or a repair refused, a repair statement.</summary>
    public const int MaxReasonCharacters = 2000;
    /// <summary>At most this many evidence references in one objection or repair application.</summary>
    public const int MaxEvidenceItems = 20;
    /// <summary>Each evidence reference (a file name, a link, a document number) is at most this long.</summary>
    public const int MaxEvidenceCharacters = 500;

    /// <summary>The text trimmed, or null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>Number of characters (Unicode scalar values; an unpaired surrogate counts 1).</summary>
    public static int CharacterCount(string text)
    {
        var count = 0;
        foreach (var _ in text.EnumerateRunes()) count++;
        return count;
    }
}
