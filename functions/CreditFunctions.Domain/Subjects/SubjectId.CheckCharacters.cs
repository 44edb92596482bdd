namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// Check characters for whoever has to make a valid code: test-data builders, fixtures, tools.
/// Both take the first 17 characters (already upper-case) and return the 18th.
/// </summary>
public readonly partial record struct SubjectId
{
    /// <summary>The GB 32100-2015 check character of a USCC body.</summary>
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
