namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// Rules of the 18-character citizen identity number (GB 11643-1999): 6-digit address code, 8-digit birth
/// date (YYYYMMDD), 3-digit sequence code and an ISO 7064 MOD 11-2 check character.
/// </summary>
internal static class ResidentIdNumber
{
    public const int Length = 18;

    /// <summary>0-based index and length of the birth date inside the number (positions 7–14).</summary>
    public const int BirthDateStart = 6;
    public const int BirthDateLength = 8;

    /// <summary>GB 11643-1999 §7: weight of position i is 2^(18-i) mod 11.</summary>
    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>Check character indexed by Σ mod 11; 'X' stands for the value 10.</summary>
    private const string CheckCharacters = "10X98765432";

    /// <summary>
    /// The check character for the first 17 characters, or <c>'\0'</c> with the 0-based index of the first
    /// non-digit.
    /// </summary>
    public static char ComputeCheck(ReadOnlySpan<char> first17, out int badIndex)
    {
        var sum = 0;
        for (var i = 0; i < Length - 1; i++)
        {
            var c = first17[i];
            if (!char.IsAsciiDigit(c))
            {
                badIndex = i;
                return '\0';
            }

            sum += (c - '0') * Weights[i];
        }

        badIndex = -1;
        return CheckCharacters[sum % 11];
    }

    /// <summary>17 digits then a digit or X: what an ID number looks like before its check is verified.</summary>
    public static bool HasShape(ReadOnlySpan<char> code)
    {
        if (code.Length != Length)
        {
            return false;
        }

        for (var i = 0; i < Length - 1; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return false;
            }
        }

        return char.IsAsciiDigit(code[Length - 1]) || code[Length - 1] == 'X';
    }

    /// <summary>The birth date in positions 7–14, when it is a real calendar date.</summary>
    public static bool TryReadBirthDate(ReadOnlySpan<char> code, out DateOnly birthDate)
    {
        var digits = code.Slice(BirthDateStart, BirthDateLength);
        var year = Number(digits[..4]);
        var month = Number(digits.Slice(4, 2));
        var day = Number(digits.Slice(6, 2));
        if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            birthDate = new DateOnly(year, month, day);
            return true;
        }

        birthDate = default;
        return false;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        var n = 0;
        foreach (var c in digits)
        {
            n = (n * 10) + (c - '0');
        }

        return n;
    }
}
