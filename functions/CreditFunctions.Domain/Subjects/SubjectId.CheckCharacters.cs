namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// Check characters for whoever has to make a valid code: test-data builders, fixtures, tools.
/// The two Compute*Check take the first 17 characters (already upper-case) and return the 18th;
/// <see cref="CompleteUscc"/> takes the first 16 of a USCC and returns the whole code.
/// </summary>
public readonly partial record struct SubjectId
{
    /// <summary>
    /// A whole, valid USCC from its first 16 characters: appends the organization code's check character (position
    /// 17, GB 11714, over positions 9–16) and then the USCC check character (position 18, GB 32100-2015).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Not 16 characters, one outside the USCC charset, position 1 not a registration department (1–9, A, N, Y), or
    /// positions 3–8 not digits: no check character could make such a code valid.
    /// </exception>
    public static string CompleteUscc(ReadOnlySpan<char> first16)
    {
        const int bodyLength = CodeLength - 2;
        if (first16.Length != bodyLength)
        {
            throw new ArgumentException($"Expected the first 16 characters, got {first16.Length}.", nameof(first16));
        }

        for (var i = 0; i < bodyLength; i++)
        {
            if (!UnifiedSocialCreditCode.IsCharsetChar(first16[i]))
            {
                throw new ArgumentException(
                    $"Character {i + 1} ('{first16[i]}') is not in the USCC charset {UnifiedSocialCreditCode.Charset}.",
                    nameof(first16));
            }
        }

        if (!UnifiedSocialCreditCode.IsRegistrationDepartment(first16[0]))
        {
            throw new ArgumentException(
                $"Character 1 ('{first16[0]}') is not a registration department ({UnifiedSocialCreditCode.RegistrationDepartments}).",
                nameof(first16));
        }

        var division = first16.Slice(UnifiedSocialCreditCode.DivisionStart, UnifiedSocialCreditCode.DivisionLength);
        if (division.ContainsAnyExceptInRange('0', '9'))
        {
            throw new ArgumentException("Characters 3–8 (the administrative division code) must be digits.", nameof(first16));
        }

        Span<char> code = stackalloc char[CodeLength];
        first16.CopyTo(code);
        code[bodyLength] = UnifiedSocialCreditCode.ComputeOrganizationCheck(code);
        code[CodeLength - 1] = UnifiedSocialCreditCode.ComputeCheck(code, out _);
        return new string(code);
    }

    /// <summary>
    /// The GB 32100-2015 check character of a USCC body. It does not make position 17 the organization code's check
    /// character: use <see cref="CompleteUscc"/> for a code the parser accepts.
    /// </summary>
    /// <exception cref="ArgumentException">Not 17 characters, or one outside the USCC charset.</exception>
    public static string ComputeUsccCheck(ReadOnlySpan<char> first17)
    {
        RequireBodyLength(first17, nameof(first17));
        var check = UnifiedSocialCreditCode.ComputeCheck(first17, out var badIndex);
        return badIndex < 0
            ? check.ToString()
            : throw new ArgumentException(
                $"Character {badIndex + 1} ('{first17[badIndex]}') is not in the USCC charset {UnifiedSocialCreditCode.Charset}.",
                nameof(first17));
    }

    /// <summary>The GB 11643-1999 check character (a digit or X) of the first 17 digits of an ID number.</summary>
    /// <exception cref="ArgumentException">Not 17 characters, or one that is not a digit.</exception>
    public static string ComputeIdCheck(ReadOnlySpan<char> first17)
    {
        RequireBodyLength(first17, nameof(first17));
        var check = ResidentIdNumber.ComputeCheck(first17, out var badIndex);
        return badIndex < 0
            ? check.ToString()
            : throw new ArgumentException($"Character {badIndex + 1} is not a digit.", nameof(first17));
    }

    private static void RequireBodyLength(ReadOnlySpan<char> first17, string paramName)
    {
        if (first17.Length != CodeLength - 1)
        {
            throw new ArgumentException($"Expected the first 17 characters, got {first17.Length}.", paramName);
        }
    }
}
