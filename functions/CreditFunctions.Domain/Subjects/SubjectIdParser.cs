using System.Diagnostics.CodeAnalysis;

namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// Parsing of outside input into a <see cref="SubjectId"/>: USCC by GB 32100-2015 (every part: registration
/// department, division code, organization code check, check character), resident ID number by GB 11643-1999
/// (docs/rules.md "Subjects"). Normalisation is only surrounding white space trimmed and ASCII letters upper-cased;
/// anything else that is wrong is an error. A code with a wrong check character is never accepted.
/// </summary>
/// <remarks>
/// Works on a stack copy of the 18 characters, so a valid input costs at most the result string, and none when
/// the input is already in normal form.
/// </remarks>
public readonly partial record struct SubjectId
{
    private const int CodeLength = 18;

    /// <summary>
    /// Parses a USCC or a resident ID number, recognising which it is: 17 digits plus a digit or X whose ID
    /// check character is right is read as an individual, anything else by the USCC rules.
    /// </summary>
    /// <param name="today">Today in China (see <c>ChinaStandardTime.Today</c>): a birth date after it is refused.</param>
    public static bool TryParse(
        string? input,
        DateOnly today,
        out SubjectId id,
        [NotNullWhen(false)] out SubjectIdError? error) =>
        TryParseCore(input, expected: null, today, out id, out error);

    /// <summary>Parses an identifier the caller says is of type <paramref name="expected"/>.</summary>
    public static bool TryParse(
        string? input,
        SubjectType expected,
        DateOnly today,
        out SubjectId id,
        [NotNullWhen(false)] out SubjectIdError? error) =>
        TryParseCore(input, expected, today, out id, out error);

    private static bool TryParseCore(
        string? input,
        SubjectType? expected,
        DateOnly today,
        out SubjectId id,
        [NotNullWhen(false)] out SubjectIdError? error)
    {
        id = default;
        var trimmed = input.AsSpan().Trim();
        if (trimmed.IsEmpty)
        {
            error = SubjectIdErrors.Empty(expected);
            return false;
        }

        if (trimmed.Length != CodeLength)
        {
            error = SubjectIdErrors.WrongLength(trimmed, expected);
            return false;
        }

        Span<char> code = stackalloc char[CodeLength];
        var inputIsNormal = trimmed.Length == input!.Length;
        for (var i = 0; i < CodeLength; i++)
        {
            var c = trimmed[i];
            if (char.IsAsciiLetterLower(c))
            {
                c = char.ToUpperInvariant(c);
                inputIsNormal = false;
            }

            code[i] = c;
        }

        SubjectType type;
        switch (expected)
        {
            case SubjectType.Unit:
                type = SubjectType.Unit;
                error = UnitProblem(code, SubjectType.Unit);
                break;
            case SubjectType.Individual:
                type = SubjectType.Individual;
                error = IndividualProblem(code, today);
                break;
            default:
                error = Recognise(code, today, out type);
                break;
        }

        if (error is not null)
        {
            return false;
        }

        id = new SubjectId(type, inputIsNormal ? input : new string(code));
        return true;
    }

    private static SubjectIdError? Recognise(ReadOnlySpan<char> code, DateOnly today, out SubjectType type)
    {
        if (!ResidentIdNumber.HasShape(code))
        {
            type = SubjectType.Unit;
            return UnitProblem(code, kind: null);
        }

        // All digits (X last at most): a USCC can look like this too, so both rules are consulted.
        var expectedId = ResidentIdNumber.ComputeCheck(code, out _);
        var usccFault = UnifiedSocialCreditCode.Check(code, out _, out var expectedUscc);
        if (expectedId == code[CodeLength - 1])
        {
            var birthProblem = BirthDateProblem(code, today);
            if (birthProblem is not null && usccFault == UsccFault.None)
            {
                // A digits-only USCC that satisfies the ID check by chance (about 1 in 11) but carries no real
                // birth date: it is the unit.
                type = SubjectType.Unit;
                return null;
            }

            type = SubjectType.Individual;
            return birthProblem;
        }

        // The ID check is wrong: a USCC or nothing. Whoever typed these digits may well have meant an ID number, so a
        // refusal says what that reading expects as well as why it is no USCC.
        type = SubjectType.Unit;
        return usccFault switch
        {
            UsccFault.None => null,
            UsccFault.CheckCharacter => SubjectIdErrors.BadCheckEither(code[CodeLength - 1], expectedId, expectedUscc),
            _ => SubjectIdErrors.BadCheckNotUsccEither(code[CodeLength - 1], expectedId, UnitProblem(code, SubjectType.Unit)!),
        };
    }

    /// <param name="kind">Unit when the caller said so; null when recognising (the message covers both readings).</param>
    private static SubjectIdError? UnitProblem(ReadOnlySpan<char> code, SubjectType? kind) =>
        UnifiedSocialCreditCode.Check(code, out var index, out var expected) switch
        {
            UsccFault.None => null,
            UsccFault.Character => SubjectIdErrors.BadCharacter(index + 1, code[index], kind),
            UsccFault.RegistrationDepartment => SubjectIdErrors.BadRegistrationDepartment(code[index]),
            UsccFault.DivisionCode => SubjectIdErrors.BadDivisionCode(index + 1, code[index]),
            UsccFault.OrganizationCodeCheck => SubjectIdErrors.BadOrganizationCodeCheck(expected, code[index]),
            _ => SubjectIdErrors.BadCheck(SubjectType.Unit, expected, code[index]),
        };

    private static SubjectIdError? IndividualProblem(ReadOnlySpan<char> code, DateOnly today)
    {
        for (var i = 0; i < CodeLength - 1; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return SubjectIdErrors.BadCharacter(i + 1, code[i], SubjectType.Individual);
            }
        }

        var last = code[CodeLength - 1];
        if (!char.IsAsciiDigit(last) && last != 'X')
        {
            return SubjectIdErrors.BadCharacter(CodeLength, last, SubjectType.Individual);
        }

        var check = ResidentIdNumber.ComputeCheck(code, out _);
        return check == last
            ? BirthDateProblem(code, today)
            : SubjectIdErrors.BadCheck(SubjectType.Individual, check, last);
    }

    private static SubjectIdError? BirthDateProblem(ReadOnlySpan<char> code, DateOnly today)
    {
        if (!ResidentIdNumber.TryReadBirthDate(code, out var birthDate))
        {
            return SubjectIdErrors.ImpossibleBirthDate();
        }

        return birthDate > today ? SubjectIdErrors.FutureBirthDate(today) : null;
    }
}
