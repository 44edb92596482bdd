using System.Security.Cryptography;
using System.Text;

namespace CreditFunctions.App.Reports;

/// <summary>
/// Report numbers and verification codes. A report number is <c>rpt_</c> and 20 base32 characters (100 random bits, like
/// case ids): it names the report, and is printed on it. The verification code is what proves its holder was given the
/// report: 12 characters of Crockford's base32 (60 random bits) in three groups, <c>7K3M-Q9XD-2HVA</c>, easy to read out
/// and type (no I, L, O or U; typed lower case, with I, L as 1 and O as 0, with or without the dashes, it still matches).
/// The register keeps only the SHA-256 of the report number and the code.
/// </summary>
public static class ReportIds
{
    public const string Prefix = "rpt_";

    private const string IdAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int IdCharacters = 20;
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int CodeCharacters = 12;

    public static string NewReportId() => Prefix + Random(IdAlphabet, IdCharacters);

    public static bool IsReportId(string? id)
    {
        if (id is null || id.Length != Prefix.Length + IdCharacters || !id.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id.AsSpan(Prefix.Length))
        {
            if (!IdAlphabet.Contains(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A new code, <c>XXXX-XXXX-XXXX</c>.</summary>
    public static string NewVerificationCode() => Group(Random(CodeAlphabet, CodeCharacters));

    /// <summary>The code as issued (<c>XXXX-XXXX-XXXX</c>) from what someone typed, or null when it cannot be one.</summary>
    public static string? Canonical(string? typed)
    {
        if (typed is null || typed.Length > 40)
        {
            return null;
        }

        var chars = new StringBuilder(CodeCharacters);
        foreach (var raw in typed)
        {
            if (raw is '-' or ' ')
            {
                continue;
            }

            var c = char.ToUpperInvariant(raw) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!CodeAlphabet.Contains(c) || chars.Length == CodeCharacters)
            {
                return null;
            }

            chars.Append(c);
        }

        return chars.Length == CodeCharacters ? Group(chars.ToString()) : null;
    }

    /// <summary>SHA-256 (hex) of the report number and the canonical code: what the register stores instead of the code.</summary>
    public static string CodeHash(string reportId, string canonicalCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(reportId + "|" + canonicalCode)));

    /// <summary>Whether <paramref name="typed"/> is the code whose hash is <paramref name="storedHash"/>, in constant time.</summary>
    public static bool Matches(string reportId, string? typed, string? storedHash)
    {
        var canonical = Canonical(typed);
        var expected = Encoding.ASCII.GetBytes(storedHash ?? "");
        var actual = Encoding.ASCII.GetBytes(canonical is null ? new string('-', 64) : CodeHash(reportId, canonical));
        return canonical is not null && expected.Length == 64 && CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    private static string Group(string code) => $"{code[..4]}-{code[4..8]}-{code[8..]}";

    private static string Random(string alphabet, int length) =>
        RandomNumberGenerator.GetString(alphabet, length);
}
