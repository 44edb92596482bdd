using CreditFunctions.Domain.Subjects;
using static CreditFunctions.Domain.Tests.Subjects.SubjectCodes;

namespace CreditFunctions.Domain.Tests.Subjects;

public class SubjectIdParsingTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91310110666007217T")]
    public void Published_USCC_examples_are_units(string code)
    {
        Assert.True(SubjectId.TryParse(code, Today, out var id, out var error), error?.En);
        Assert.Equal(new SubjectId(SubjectType.Unit, code), id);
        Assert.True(SubjectId.TryParse(code, SubjectType.Unit, Today, out id, out _));
        Assert.Equal(code, id.Value);
    }

    [Theory]
    [InlineData("11010519491231002X")]
    [InlineData("321083197812162119")]
    public void Published_ID_number_examples_are_individuals(string number)
    {
        Assert.True(SubjectId.TryParse(number, Today, out var id, out var error), error?.En);
        Assert.Equal(new SubjectId(SubjectType.Individual, number), id);
        Assert.True(SubjectId.TryParse(number, SubjectType.Individual, Today, out id, out _));
        Assert.Equal(number, id.Value);
    }

    [Fact]
    public void An_ID_number_of_17_digits_and_X_is_an_individual()
    {
        Assert.True(SubjectId.TryParse("11010519491231002X", Today, out var id, out _));
        Assert.Equal(SubjectType.Individual, id.Type);
        Assert.EndsWith("X", id.Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("913100000636083987")] // digits only; not a valid ID number
    [InlineData("913100000636085744")] // passes the ID check too, but 0006-36-08 is no birth date
    public void A_digits_only_USCC_is_recognised_as_a_unit(string code)
    {
        Assert.True(SubjectId.TryParse(code, Today, out var id, out var error), error?.En);
        Assert.Equal(new SubjectId(SubjectType.Unit, code), id);
    }

    [Theory]
    [InlineData("91310110666007217t", "91310110666007217T", SubjectType.Unit)]
    [InlineData("91350100m000100y43", "91350100M000100Y43", SubjectType.Unit)]
    [InlineData("  91350100M000100Y43\t", "91350100M000100Y43", SubjectType.Unit)]
    [InlineData("11010519491231002x", "11010519491231002X", SubjectType.Individual)]
    [InlineData("\u3000 11010519491231002x \r\n", "11010519491231002X", SubjectType.Individual)]
    public void Lower_case_and_surrounding_white_space_are_normalised(string input, string value, SubjectType type)
    {
        Assert.True(SubjectId.TryParse(input, Today, out var id, out var error), error?.En);
        Assert.Equal(new SubjectId(type, value), id);
    }

    [Fact]
    public void Input_already_in_normal_form_is_kept_without_a_copy()
    {
        const string code = "91310110666007217T";
        Assert.True(SubjectId.TryParse(code, Today, out var id, out _));
        Assert.Same(code, id.Value);
    }

    [Fact]
    public void Parsing_a_valid_identifier_in_normal_form_allocates_nothing()
    {
        const string unit = "91310110666007217T";
        const string individual = "11010519491231002X";
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            SubjectId.TryParse(unit, Today, out _, out _);
            SubjectId.TryParse(individual, SubjectType.Individual, Today, out _, out _);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        SubjectId.TryParse(unit, Today, out _, out _);
        SubjectId.TryParse(individual, SubjectType.Individual, Today, out _, out _);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\u3000")]
    public void Nothing_is_an_empty_identifier(string? input)
    {
        AssertRefused(input, null, SubjectIdErrorReason.Empty);
        AssertRefused(input, SubjectType.Unit, SubjectIdErrorReason.Empty);
    }

    [Theory]
    [InlineData("91350100M000100Y4")]
    [InlineData("91350100M000100Y433")]
    [InlineData("91350100 M000100Y43")]
    public void Not_18_characters_is_the_wrong_length(string input)
    {
        var error = AssertRefused(input, null, SubjectIdErrorReason.WrongLength);
        Assert.Contains($"{input.Trim().Length}", error.En, StringComparison.Ordinal);
        Assert.Contains("18", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void A_15_digit_first_generation_ID_number_is_refused_with_what_to_give_instead()
    {
        var error = AssertRefused("110105491231002", SubjectType.Individual, SubjectIdErrorReason.WrongLength);
        Assert.Contains("15-digit", error.En, StringComparison.Ordinal);
        Assert.Contains("15位", error.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91350100M000100I43", null, 16)] // I is not in the GB 32100-2015 charset
    [InlineData("91350100M000100O43", SubjectType.Unit, 16)]
    [InlineData("9135010OM000100Y43", SubjectType.Unit, 8)]
    [InlineData("91350100M0001-0Y43", null, 14)]
    [InlineData("1101051949123100AX", SubjectType.Individual, 17)]
    [InlineData("11010519491231002Y", SubjectType.Individual, 18)]
    [InlineData("１1010519491231002X", null, 1)] // a full-width digit is not normalised
    public void A_character_outside_the_charset_is_a_bad_character_at_its_position(string input, SubjectType? type, int position)
    {
        var error = AssertRefused(input, type, SubjectIdErrorReason.BadCharacter);
        Assert.Equal(position, error.Position);
        Assert.Contains($"{position}", error.En, StringComparison.Ordinal);
        Assert.Contains($"第{position}位", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invisible_bad_character_is_named_by_its_code_point()
    {
        var error = AssertRefused("91350100\u200BM000100Y4", SubjectType.Unit, SubjectIdErrorReason.BadCharacter);
        Assert.Contains("U+200B", error.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_USCC_check_character_says_which_one_is_expected()
    {
        var error = AssertRefused("91350100M000100Y44", null, SubjectIdErrorReason.BadCheckCharacter);
        Assert.Equal(18, error.Position);
        Assert.Contains("'3'", error.En, StringComparison.Ordinal);
        Assert.Contains("“3”", error.Zh, StringComparison.Ordinal);
        Assert.Contains("GB 32100-2015", error.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_ID_check_character_says_which_one_is_expected()
    {
        var error = AssertRefused("110105194912310021", SubjectType.Individual, SubjectIdErrorReason.BadCheckCharacter);
        Assert.Contains("'X'", error.En, StringComparison.Ordinal);
        Assert.Contains("GB 11643-1999", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Digits_with_a_wrong_check_character_name_both_readings_when_the_type_is_not_given()
    {
        // "11010519491231002X" with 2 → 5 at position 17: the organization code check (5) holds, so only the last
        // character is wrong under either reading.
        const string mistyped = "11010519491231005X";
        var id = SubjectId.ComputeIdCheck(mistyped.AsSpan(0, 17));
        var uscc = SubjectId.ComputeUsccCheck(mistyped.AsSpan(0, 17));
        var error = AssertRefused(mistyped, null, SubjectIdErrorReason.BadCheckCharacter);
        Assert.Equal(18, error.Position);
        Assert.Contains($"'{id}'", error.En, StringComparison.Ordinal);
        Assert.Contains($"'{uscc}'", error.En, StringComparison.Ordinal);
        Assert.Contains($"“{uscc}”", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Digits_that_fail_the_ID_check_and_the_organization_code_say_what_the_ID_number_expects_first()
    {
        // An ID number with a wrong last character: as a USCC its organization code (49123100) would need 5 at
        // position 17, so no last character would make it a unit and none is offered.
        var error = AssertRefused("110105194912310021", null, SubjectIdErrorReason.BadCheckCharacter);
        Assert.Equal(18, error.Position);
        Assert.StartsWith("Wrong check character: as a resident ID number", error.En, StringComparison.Ordinal);
        Assert.Contains("should be 'X', not '1'", error.En, StringComparison.Ordinal);
        Assert.Contains("organization code", error.En, StringComparison.Ordinal);
        Assert.Contains("'5'", error.En, StringComparison.Ordinal);
        Assert.DoesNotContain($"'{SubjectId.ComputeUsccCheck("11010519491231002")}'", error.En, StringComparison.Ordinal);
        Assert.Contains("居民身份证号码", error.Zh, StringComparison.Ordinal);
        Assert.Contains("组织机构代码", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void The_published_USCC_examples_carry_the_organization_code_check()
    {
        Assert.Equal("91350100M000100Y43", SubjectId.CompleteUscc("91350100M000100Y")); // M000100Y gives 4
        Assert.Equal("91310110666007217T", SubjectId.CompleteUscc("9131011066600721")); // 66600721 gives 7
    }

    [Theory]
    [InlineData("0")]
    [InlineData("B")]
    [InlineData("X")]
    public void Position_1_must_be_a_registration_department(string department)
    {
        var code = WithUsccCheck(department + "1350100M000100Y4");
        var error = AssertRefused(code, SubjectType.Unit, SubjectIdErrorReason.BadRegistrationDepartment);
        Assert.Equal(1, error.Position);
        Assert.Contains("1–9, A, N or Y", error.En, StringComparison.Ordinal);
        Assert.Contains($"'{department}'", error.En, StringComparison.Ordinal);
        Assert.Contains("第1位", error.Zh, StringComparison.Ordinal);
        AssertRefused(code, null, SubjectIdErrorReason.BadRegistrationDepartment);
    }

    [Theory]
    [InlineData("A", "N", "Y")]
    public void The_letter_registration_departments_are_accepted(params string[] departments)
    {
        foreach (var department in departments)
        {
            var code = SubjectId.CompleteUscc(department + "1350100M000100Y");
            Assert.True(SubjectId.TryParse(code, SubjectType.Unit, Today, out _, out var error), error?.En);
        }
    }

    [Fact]
    public void Positions_3_to_8_must_be_digits()
    {
        var error = AssertRefused(WithUsccCheck("9135A100M000100Y4"), SubjectType.Unit, SubjectIdErrorReason.BadDivisionCode);
        Assert.Equal(5, error.Position);
        Assert.Contains("characters 3–8", error.En, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("character 5 is 'A'", error.En, StringComparison.Ordinal);
        Assert.Contains("第3至8位", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Position_17_must_be_the_organization_code_check_character()
    {
        // M000100Y gives 4; position 18 is computed to fit, so only the organization code is wrong.
        var error = AssertRefused(WithUsccCheck("91350100M000100Y5"), SubjectType.Unit, SubjectIdErrorReason.BadOrganizationCodeCheck);
        Assert.Equal(17, error.Position);
        Assert.Contains("GB 11714", error.En, StringComparison.Ordinal);
        Assert.Contains("should be '4', not '5'", error.En, StringComparison.Ordinal);
        Assert.Contains("应为“4”", error.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void An_organization_code_check_of_10_is_written_X_and_of_11_is_written_0()
    {
        // Weighted sums 6·2 = 12 (mod 11 = 1: 11 − 1 = 10, written X) and 0 (11 − 0 = 11, written 0).
        var ten = SubjectId.CompleteUscc("91310000" + "00000006");
        var eleven = SubjectId.CompleteUscc("91310000" + "00000000");
        Assert.Equal('X', ten[16]);
        Assert.Equal('0', eleven[16]);
        Assert.True(SubjectId.TryParse(ten, SubjectType.Unit, Today, out _, out var error), error?.En);
        Assert.True(SubjectId.TryParse(eleven, SubjectType.Unit, Today, out _, out error), error?.En);
    }

    [Fact]
    public void The_first_part_that_is_wrong_is_the_one_named()
    {
        // Position 1 and the organization code check are both wrong: position 1 is named.
        AssertRefused(WithUsccCheck("01350100M000100Y5"), SubjectType.Unit, SubjectIdErrorReason.BadRegistrationDepartment);
        // The organization code check and position 18 are both wrong: the organization code is named.
        var code = "91350100M000100Y5" + (SubjectId.ComputeUsccCheck("91350100M000100Y5") == "0" ? "1" : "0");
        AssertRefused(code, SubjectType.Unit, SubjectIdErrorReason.BadOrganizationCodeCheck);
    }

    [Fact]
    public void CompleteUscc_refuses_a_body_no_check_character_can_make_valid()
    {
        Assert.Throws<ArgumentException>(() => SubjectId.CompleteUscc("91350100M000100"));
        Assert.Throws<ArgumentException>(() => SubjectId.CompleteUscc("91350100M000100Y4"));
        Assert.Throws<ArgumentException>(() => SubjectId.CompleteUscc("91350100M000100I"));
        Assert.Throws<ArgumentException>(() => SubjectId.CompleteUscc("01350100M000100Y"));
        Assert.Throws<ArgumentException>(() => SubjectId.CompleteUscc("9135A100M000100Y"));
    }

    [Fact]
    public void A_USCC_given_as_an_individual_is_refused_at_its_first_letter()
    {
        var error = AssertRefused("91350100M000100Y43", SubjectType.Individual, SubjectIdErrorReason.BadCharacter);
        Assert.Equal(9, error.Position);
    }

    [Fact]
    public void Leap_day_2000_is_a_real_birth_date()
    {
        var number = IdFor("310101", new DateOnly(2000, 2, 29), "123");
        Assert.True(SubjectId.TryParse(number, Today, out var id, out var error), error?.En);
        Assert.Equal(SubjectType.Individual, id.Type);
    }

    [Theory]
    [InlineData("19000229")] // 1900 is not a leap year (divisible by 100, not by 400)
    [InlineData("20230230")]
    [InlineData("19491301")]
    [InlineData("19490100")]
    [InlineData("00000101")]
    public void A_birth_date_that_does_not_exist_is_impossible(string birthDigits)
    {
        var number = CompleteId("310101" + birthDigits + "123");
        var error = AssertRefused(number, SubjectType.Individual, SubjectIdErrorReason.ImpossibleBirthDate);
        Assert.Equal(7, error.Position);
        AssertRefused(number, null, SubjectIdErrorReason.ImpossibleBirthDate);
    }

    [Fact]
    public void A_birth_date_after_today_is_in_the_future()
    {
        var tomorrow = IdFor("310101", Today.AddDays(1), "123");
        var error = AssertRefused(tomorrow, null, SubjectIdErrorReason.FutureBirthDate);
        Assert.Contains("2025-06-01", error.En, StringComparison.Ordinal);

        var bornToday = IdFor("310101", Today, "123");
        Assert.True(SubjectId.TryParse(bornToday, Today, out _, out _));
    }

    [Fact]
    public void Every_error_carries_the_public_reason_code()
    {
        SubjectId.TryParse("x", Today, out _, out var error);
        Assert.Equal("invalid-subject-id", error!.Code);
    }

    [Fact]
    public void Error_texts_never_repeat_the_ID_number_nor_its_birth_date()
    {
        string[] refused =
        [
            "110105194912310021", // wrong check character
            CompleteId("31010119000229123"), // impossible birth date
            IdFor("310101", Today.AddDays(1), "123"), // future birth date
        ];
        foreach (var number in refused)
        {
            Assert.False(SubjectId.TryParse(number, Today, out _, out var error));
            foreach (var text in new[] { error.Zh, error.En, error.ToString() })
            {
                Assert.DoesNotContain(number[..17], text, StringComparison.Ordinal);
                Assert.DoesNotContain(number.Substring(6, 8), text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Check_helpers_refuse_a_body_they_cannot_complete()
    {
        Assert.Throws<ArgumentException>(() => SubjectId.ComputeUsccCheck("91350100M000100Y"));
        Assert.Throws<ArgumentException>(() => SubjectId.ComputeUsccCheck("91350100M000100I4"));
        Assert.Throws<ArgumentException>(() => SubjectId.ComputeIdCheck("1101051949123100A"));
        Assert.Equal("X", SubjectId.ComputeIdCheck("11010519491231002"));
        Assert.Equal("3", SubjectId.ComputeUsccCheck("91350100M000100Y4"));
    }

    private static SubjectIdError AssertRefused(string? input, SubjectType? type, string reason)
    {
        var parsed = type is { } t
            ? SubjectId.TryParse(input, t, Today, out var id, out var error)
            : SubjectId.TryParse(input, Today, out id, out error);
        Assert.False(parsed, $"'{input}' was accepted as {id.Type} {id.Value}");
        Assert.Equal(reason, error!.Reason);
        Assert.Equal(SubjectIdError.PublicCode, error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Zh));
        Assert.False(string.IsNullOrWhiteSpace(error.En));
        Assert.Equal(default, id);
        return error;
    }
}
