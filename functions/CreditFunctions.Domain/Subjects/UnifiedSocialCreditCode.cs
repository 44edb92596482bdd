namespace CreditFunctions.Domain.Subjects;

/// <summary>The part of a USCC that is wrong, in the order <see cref="UnifiedSocialCreditCode.Check"/> looks at them.</summary>
internal enum UsccFault
{
    None,
    /// <summary>A character outside the 31-symbol charset.</summary>
    Character,
    /// <summary>Position 1 is not a registration department (1–9, A, N, Y).</summary>
    RegistrationDepartment,
    /// <summary>Positions 3–8 are not six digits.</summary>
    DivisionCode,
    /// <summary>Position 17 is not the GB 11714 check character of positions 9–16.</summary>
    OrganizationCodeCheck,
    /// <summary>Position 18 is not the GB 32100-2015 check character of positions 1–17.</summary>
    CheckCharacter,
}

/// <summary>
/// The Unified Social Credit Code (GB 32100-2015), all five parts: position 1 the registration department,
/// position 2 the entity type, positions 3–8 the administrative division code, positions 9–17 the organization code
/// of GB 11714 with its own check character, position 18 the check character of the whole code (ISO 7064 MOD 31-3
/// style).
/// </summary>
/// <remarks>
/// Every part is enforced except the entity type (position 2, any charset character). The parser first accepted any
/// charset string with a right last character; it now checks the inner structure too, because digits typed by
/// someone who meant a resident ID number can look like a USCC: an ID number with a typo fails its own check and is
/// read as a USCC, and the USCC check character alone lets one such typo in 31 through — the register would then
/// answer "no record" for a unit that does not exist instead of refusing the number. The organization code's check
/// character (about 1 in 11 by chance) brings that to about 1 in 341. Parts are checked left to right and the
/// whole-code check comes last, so a reason names the part where the mistake most likely is (a typo in positions 9–16
/// breaks both checks; the organization code check says where).
/// </remarks>
internal static class UnifiedSocialCreditCode
{
    public const int Length = 18;

    /// <summary>GB 32100-2015 table 1: digits and upper-case letters except I, O, S, V, Z.</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>GB 32100-2015: the registration department codes of position 1.</summary>
    public const string RegistrationDepartments = "123456789ANY";

    /// <summary>0-based index and length of the administrative division code (positions 3–8).</summary>
    public const int DivisionStart = 2;
    public const int DivisionLength = 6;

    /// <summary>0-based index of the organization code (positions 9–17) and of its check character (position 17).</summary>
    public const int OrganizationCodeStart = 8;
    public const int OrganizationCheckIndex = 16;

    /// <summary>GB 32100-2015 §5: weight of position i is 3^(i-1) mod 31.</summary>
    private static ReadOnlySpan<byte> Weights => [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>GB 11714: weights of the 8 body characters of an organization code.</summary>
    private static ReadOnlySpan<byte> OrganizationWeights => [3, 7, 9, 10, 5, 8, 4, 2];

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

    public static bool IsRegistrationDepartment(char c) => RegistrationDepartments.Contains(c);

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

    /// <summary>
    /// The GB 11714 check character of the organization code body, positions 9–16 of <paramref name="code"/> (at least
    /// 16 characters, all in the charset): digits count 0–9 and letters A=10 … Z=35; c = 11 − (Σ mod 11), written X
    /// for 10 and 0 for 11.
    /// </summary>
    public static char ComputeOrganizationCheck(ReadOnlySpan<char> code)
    {
        var sum = 0;
        for (var i = 0; i < OrganizationWeights.Length; i++)
        {
            var c = code[OrganizationCodeStart + i];
            var value = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            sum += value * OrganizationWeights[i];
        }

        return (11 - (sum % 11)) switch
        {
            10 => 'X',
            11 => '0',
            var digit => (char)('0' + digit),
        };
    }

    /// <summary>
    /// The first part of <paramref name="code"/> (already upper-case, 18 long) that is wrong, with the 0-based index
    /// of the character at fault and, for the two checks, the character expected there.
    /// </summary>
    public static UsccFault Check(ReadOnlySpan<char> code, out int index, out char expected)
    {
        expected = '\0';
        for (index = 0; index < Length; index++)
        {
            if (!IsCharsetChar(code[index]))
            {
                return UsccFault.Character;
            }
        }

        index = 0;
        if (!IsRegistrationDepartment(code[0]))
        {
            return UsccFault.RegistrationDepartment;
        }

        for (index = DivisionStart; index < DivisionStart + DivisionLength; index++)
        {
            if (!char.IsAsciiDigit(code[index]))
            {
                return UsccFault.DivisionCode;
            }
        }

        index = OrganizationCheckIndex;
        expected = ComputeOrganizationCheck(code);
        if (code[index] != expected)
        {
            return UsccFault.OrganizationCodeCheck;
        }

        index = Length - 1;
        expected = ComputeCheck(code, out _);
        return code[index] == expected ? UsccFault.None : UsccFault.CheckCharacter;
    }

    /// <summary>True when <paramref name="code"/> (already upper-case) is a USCC by every part of GB 32100-2015.</summary>
    public static bool IsValid(ReadOnlySpan<char> code) =>
        code.Length == Length && Check(code, out _, out _) == UsccFault.None;

    /// <summary>
    /// True when <paramref name="code"/> is 18 charset characters with a right last character: what was accepted
    /// before the inner structure was checked, and all a table key needs.
    /// </summary>
    public static bool HasValidCheckCharacter(ReadOnlySpan<char> code) =>
        code.Length == Length
        && IsCharsetChar(code[Length - 1])
        && ComputeCheck(code, out _) == code[Length - 1];
}
