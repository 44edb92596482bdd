namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// Check-character arithmetic of the Unified Social Credit Code (GB 32100-2015, ISO 7064 MOD 31-3 style).
/// Only the rules the register relies on live here: the 31-symbol charset and the weighted check.
/// </summary>
/// <remarks>
/// The standard also structures the body (registration authority, category, division code and a
/// GB 11714 organisation code with its own check digit). We deliberately do not enforce those parts:
/// domain.md asks for charset and check only, and codes issued by some registration authorities are known
/// not to follow the inner structure, so enforcing it would reject real subjects.
/// </remarks>
internal static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>GB 32100-2015 table 1: digits and upper-case letters except I, O, S, V, Z.</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100-2015 §5: weight of position i is 3^(i-1) mod 31.</summary>
    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Value of a charset character (its index), or -1. Indexed by ASCII code so lookup costs no search.</summary>
    private static readonly sbyte[] ValueOf = BuildValueTable();

    private static sbyte[] BuildValueTable()
    {
        var table = new sbyte[128];
        Array.Fill(table, (sbyte)-1);
        for (var i = 0; i < Charset.Length; i++)
        {
            table[Charset[i]] = (sbyte)i;
        }

        return table;
    }

    public static int Value(char c) => c < 128 ? ValueOf[c] : -1;

    public static bool IsCharsetChar(char c) => Value(c) >= 0;

    /// <summary>
    /// The check character for the first 17 characters, or <c>'\0'</c> with the 0-based index of the first
    /// character outside the charset.
    /// </summary>
    public static char ComputeCheck(ReadOnlySpan<char> first17, out int badIndex)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var value = Value(first17[i]);
            if (value < 0)
            {
                badIndex = i;
                return '\0';
            }

            sum += value * Weights[i];
        }

        badIndex = -1;
        return Charset[(31 - (sum % 31)) % 31];
    }

    /// <summary>True when <paramref name="code"/> (already upper-case, 18 long) is a well-formed USCC.</summary>
    public static bool IsValid(ReadOnlySpan<char> code) =>
        code.Length == Length
        && IsCharsetChar(code[Length - 1])
        && ComputeCheck(code, out _) == code[Length - 1];
}
