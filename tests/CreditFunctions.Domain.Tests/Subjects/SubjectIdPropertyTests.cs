using CreditFunctions.Domain.Subjects;
using CsCheck;
using static CreditFunctions.Domain.Tests.Subjects.SubjectCodes;

namespace CreditFunctions.Domain.Tests.Subjects;

/// <summary>
/// What the check characters guarantee. Both schemes use a prime modulus (31 for GB 32100-2015, 11 for
/// GB 11643-1999) and weights that are non-zero modulo it, so any single substitution changes the weighted sum;
/// adjacent weights (and the check's own weight of 1) also differ, so any swap of two adjacent different
/// characters does too. Swaps of non-adjacent characters with equal weights are NOT caught (see the last test).
/// The organization code inside a USCC (GB 11714, modulus 11 over letter values up to 35) does not catch every
/// substitution by itself (1 → C changes a value by 11); the USCC check character behind it does.
/// </summary>
/// <remarks>
/// Mutations are parsed with the type stated: a mutated digits-only code may by chance be a valid code of the
/// other type, which recognising the type would then rightly accept.
/// </remarks>
public class SubjectIdPropertyTests
{
    [Fact]
    public void Every_generated_USCC_parses_as_a_unit()
    {
        Uscc.Sample(code =>
            SubjectId.TryParse(code, SubjectType.Unit, Today, out var id, out _)
            && id == new SubjectId(SubjectType.Unit, code)
            && SubjectId.TryParse(code, Today, out var recognised, out _)
            && recognised.Value == code);
    }

    [Fact]
    public void Every_generated_ID_number_parses_as_an_individual_with_or_without_the_type()
    {
        IdNumber.Sample(number =>
            SubjectId.TryParse(number, SubjectType.Individual, Today, out var id, out _)
            && SubjectId.TryParse(number, Today, out var recognised, out _)
            && id == new SubjectId(SubjectType.Individual, number)
            && recognised == id);
    }

    [Fact]
    public void Any_single_character_change_of_a_USCC_is_detected()
    {
        Gen.Select(Uscc, Gen.Int[0, 17], Gen.Char[UsccCharset])
            .Where((code, position, replacement) => code[position] != replacement)
            .Sample((code, position, replacement) =>
                !SubjectId.TryParse(Replace(code, position, replacement), SubjectType.Unit, Today, out _, out _));
    }

    [Fact]
    public void A_USCC_whose_organization_code_check_is_wrong_is_refused_for_that_reason()
    {
        UsccWithBadOrganizationCheck.Sample(code =>
            !SubjectId.TryParse(code, SubjectType.Unit, Today, out _, out var error)
            && error.Reason == SubjectIdErrorReason.BadOrganizationCodeCheck
            && error.Position == 17
            // Recognising the type may read a digits-only code as an ID number, but never as a unit.
            && !(SubjectId.TryParse(code, Today, out var recognised, out _) && recognised.Type == SubjectType.Unit));
    }

    [Fact]
    public void An_ID_number_with_a_one_digit_typo_is_never_an_individual_and_rarely_a_unit()
    {
        // The typo breaks the ID check, so the digits are judged as a USCC. The USCC check character alone lets one in
        // 31 through (about 650 of 20,000); with the organization code check it is about 1 in 341 (about 60). The
        // bound, 1 in 150, is loose enough never to fail by chance and tight enough to fail without the inner check.
        const int samples = 20_000;
        var typo = Gen.Select(IdNumber, Gen.Int[0, 17], Gen.Int[1, 9])
            .Select((number, position, shift) => Replace(number, position, Shifted(number[position], shift)));
        typo.Array[samples].Sample(
            typos =>
            {
                int units = 0, individuals = 0;
                foreach (var number in typos)
                {
                    if (SubjectId.TryParse(number, Today, out var id, out _))
                    {
                        _ = id.Type == SubjectType.Unit ? units++ : individuals++;
                    }
                }

                Assert.True(individuals == 0, $"{individuals} mistyped ID numbers were accepted as individuals");
                Assert.True(units <= samples / 150, $"{units} of {samples} mistyped ID numbers were accepted as units");
                return true;
            },
            iter: 3);
    }

    [Fact]
    public void Any_single_character_change_of_an_ID_number_is_detected()
    {
        Gen.Select(IdNumber, Gen.Int[0, 17], Gen.Char[Digits + "X"])
            .Where((number, position, replacement) => number[position] != replacement)
            .Sample((number, position, replacement) =>
                !SubjectId.TryParse(Replace(number, position, replacement), SubjectType.Individual, Today, out _, out _));
    }

    [Fact]
    public void Swapping_two_adjacent_different_characters_of_a_USCC_is_detected()
    {
        Gen.Select(Uscc, Gen.Int[0, 16])
            .Where((code, position) => code[position] != code[position + 1])
            .Sample((code, position) =>
                !SubjectId.TryParse(SwapWithNext(code, position), SubjectType.Unit, Today, out _, out _));
    }

    [Fact]
    public void Swapping_two_adjacent_different_characters_of_an_ID_number_is_detected()
    {
        Gen.Select(IdNumber, Gen.Int[0, 16])
            .Where((number, position) => number[position] != number[position + 1])
            .Sample((number, position) =>
                !SubjectId.TryParse(SwapWithNext(number, position), SubjectType.Individual, Today, out _, out _));
    }

    [Fact]
    public void Swapping_ID_characters_of_equal_weight_is_not_detected_by_the_check()
    {
        // Positions 5 and 15 both weigh 8 (GB 11643-1999): the check cannot see the swap. Documented, not a defect.
        const string number = "321083197812162119";
        var swapped = Replace(Replace(number, 4, number[14]), 14, number[4]);
        Assert.NotEqual(number, swapped);
        Assert.True(SubjectId.TryParse(swapped, SubjectType.Individual, Today, out _, out _));
    }

    private static string Replace(string code, int position, char replacement) =>
        string.Create(code.Length, (code, position, replacement), static (chars, s) =>
        {
            s.code.CopyTo(chars);
            chars[s.position] = s.replacement;
        });

    /// <summary>Another digit than <paramref name="c"/> (a digit or X), <paramref name="shift"/> (1–9) further on.</summary>
    private static char Shifted(char c, int shift) =>
        c == 'X' ? (char)('0' + shift) : (char)('0' + ((c - '0' + shift) % 10));

    private static string SwapWithNext(string code, int position) =>
        Replace(Replace(code, position, code[position + 1]), position + 1, code[position]);
}
