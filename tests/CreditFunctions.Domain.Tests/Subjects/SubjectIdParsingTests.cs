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
    [InlineData("913100000636083772")] // digits only; not a valid ID number
    [InlineData("913100004391500089")] // passes the ID check too, but 0043-91-50 is no birth date
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
        var uscc = SubjectId.ComputeUsccCheck("11010519491231002");
        var error = AssertRefused("110105194912310021", null, SubjectIdErrorReason.BadCheckCharacter);
        Assert.Contains("'X'", error.En, StringComparison.Ordinal);
        Assert.Contains($"'{uscc}'", error.En, StringComparison.Ordinal);
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
