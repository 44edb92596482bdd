using System.Globalization;

namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// The bilingual sentences for each identifier problem. <c>kind</c> is the type the caller expected, or null
/// when the parser was asked to recognise the type itself.
/// </summary>
internal static class SubjectIdErrors
{
    public static SubjectIdError Empty(SubjectType? kind) => new(
        SubjectIdErrorReason.Empty,
        $"主体标识为空：应填写18位{NameZh(kind)}。",
        $"The subject identifier is empty: give the 18-character {NameEn(kind)}.");

    public static SubjectIdError WrongLength(ReadOnlySpan<char> trimmed, SubjectType? kind)
    {
        var zh = $"{NameZh(kind)}应为18位，实际为{trimmed.Length}位。";
        var en = $"A {NameEn(kind)} has 18 characters; this one has {trimmed.Length}.";
        // First-generation ID cards carried 15 digits; they are void since 2013 and GB 11643-1999 replaced the
        // number format, so we say what to give instead of only "wrong length".
        if (kind != SubjectType.Unit && trimmed.Length == 15 && !trimmed.ContainsAnyExceptInRange('0', '9'))
        {
            zh += "15位的一代身份证号码不再受理，请填写18位号码。";
            en += " 15-digit first-generation ID numbers are not accepted; give the 18-digit number.";
        }

        return new(SubjectIdErrorReason.WrongLength, zh, en);
    }

    public static SubjectIdError BadCharacter(int position, char c, SubjectType? kind)
    {
        var shown = Show(c);
        var (zh, en) = kind switch
        {
            SubjectType.Unit => (
                $"第{position}位字符{shown.Zh}不是统一社会信用代码允许的字符（数字及除I、O、S、V、Z以外的大写字母）。",
                $"Character {position} ({shown.En}) is not allowed in a USCC (digits and capital letters except I, O, S, V, Z)."),
            SubjectType.Individual when position == ResidentIdNumber.Length => (
                $"第18位校验码{shown.Zh}无效：应为数字或X。",
                $"Character 18 ({shown.En}) is not a valid check character: it must be a digit or X."),
            SubjectType.Individual => (
                $"第{position}位字符{shown.Zh}不是数字：居民身份证号码前17位均为数字。",
                $"Character {position} ({shown.En}) is not a digit: the first 17 characters of a resident ID number are digits."),
            _ => (
                $"第{position}位字符{shown.Zh}无效：统一社会信用代码不使用该字符，居民身份证号码此位应为数字。",
                $"Character {position} ({shown.En}) is not allowed: a USCC does not use it, and a resident ID number has a digit there."),
        };
        return new(SubjectIdErrorReason.BadCharacter, zh, en, position);
    }

    public static SubjectIdError BadCheck(SubjectType kind, char expected, char actual)
    {
        var standard = kind == SubjectType.Unit ? "GB 32100-2015" : "GB 11643-1999";
        return new(
            SubjectIdErrorReason.BadCheckCharacter,
            $"{NameZh(kind)}校验码错误：按{standard}，第18位应为“{expected}”，实际为“{actual}”。",
            $"Wrong check character in the {NameEn(kind)}: by {standard}, character 18 should be '{expected}', not '{actual}'.",
            ResidentIdNumber.Length);
    }

    /// <summary>USCC position 1 is not a registration department code.</summary>
    public static SubjectIdError BadRegistrationDepartment(char actual)
    {
        var shown = Show(actual);
        return new(
            SubjectIdErrorReason.BadRegistrationDepartment,
            $"统一社会信用代码第1位（登记管理部门代码）应为1至9、A、N或Y，实际为{shown.Zh}。",
            $"Character 1 of a USCC is the registration department and must be 1–9, A, N or Y; it is {shown.En}.",
            1);
    }

    /// <summary>USCC positions 3–8 are not six digits; <paramref name="position"/> (1-based) is the first that is not.</summary>
    public static SubjectIdError BadDivisionCode(int position, char actual)
    {
        var shown = Show(actual);
        return new(
            SubjectIdErrorReason.BadDivisionCode,
            $"统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字，第{position}位为{shown.Zh}。",
            $"Characters 3–8 of a USCC are the administrative division code and must be six digits; character {position} is {shown.En}.",
            position);
    }

    /// <summary>USCC position 17 is not the GB 11714 check character of positions 9–16.</summary>
    public static SubjectIdError BadOrganizationCodeCheck(char expected, char actual) => new(
        SubjectIdErrorReason.BadOrganizationCodeCheck,
        $"统一社会信用代码第9至17位为组织机构代码（GB 11714），按第9至16位，其校验码第17位应为“{expected}”，实际为“{actual}”。",
        $"Characters 9–17 of a USCC are the organization code (GB 11714): by characters 9–16, its check character, character 17, should be '{expected}', not '{actual}'.",
        UnifiedSocialCreditCode.OrganizationCheckIndex + 1);

    /// <summary>
    /// Digits whose ID check character is wrong and which fail a part of the USCC before its last character (so no
    /// single last character would make them a USCC): the ID reading comes first, since that is most likely what was
    /// meant; then why it is no USCC either.
    /// </summary>
    public static SubjectIdError BadCheckNotUsccEither(char actual, char expectedId, SubjectIdError usccProblem) => new(
        SubjectIdErrorReason.BadCheckCharacter,
        $"校验码错误：作为居民身份证号码，按GB 11643-1999，第18位应为“{expectedId}”，实际为“{actual}”；作为统一社会信用代码也不成立：{usccProblem.Zh}",
        $"Wrong check character: as a resident ID number, by GB 11643-1999, character 18 should be '{expectedId}', not '{actual}'; nor is it a USCC: {LowerFirst(usccProblem.En)}",
        ResidentIdNumber.Length);

    /// <summary>Digits that are neither a valid ID number nor a valid USCC: say what each reading expects.</summary>
    public static SubjectIdError BadCheckEither(char actual, char expectedId, char expectedUscc) => new(
        SubjectIdErrorReason.BadCheckCharacter,
        $"校验码错误：第18位为“{actual}”，作为居民身份证号码应为“{expectedId}”，作为统一社会信用代码应为“{expectedUscc}”。",
        $"Wrong check character: character 18 is '{actual}', but a resident ID number with these digits ends in '{expectedId}' and a USCC in '{expectedUscc}'.",
        ResidentIdNumber.Length);

    public static SubjectIdError ImpossibleBirthDate() => new(
        SubjectIdErrorReason.ImpossibleBirthDate,
        "居民身份证号码第7至14位的出生日期（年月日）不是真实存在的日期。",
        "Characters 7–14 of the resident ID number (date of birth, YYYYMMDD) are not a real calendar date.",
        ResidentIdNumber.BirthDateStart + 1);

    public static SubjectIdError FutureBirthDate(DateOnly today)
    {
        var day = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new(
            SubjectIdErrorReason.FutureBirthDate,
            $"居民身份证号码第7至14位的出生日期晚于今天（{day}）。",
            $"Characters 7–14 of the resident ID number (date of birth) give a date after today ({day}).",
            ResidentIdNumber.BirthDateStart + 1);
    }

    private static string NameZh(SubjectType? kind) => kind switch
    {
        SubjectType.Unit => "统一社会信用代码",
        SubjectType.Individual => "居民身份证号码",
        _ => "统一社会信用代码或居民身份证号码",
    };

    private static string NameEn(SubjectType? kind) => kind switch
    {
        SubjectType.Unit => "unified social credit code (USCC)",
        SubjectType.Individual => "resident ID number",
        _ => "unified social credit code (USCC) or resident ID number",
    };

    private static string LowerFirst(string sentence) =>
        sentence.Length > 0 && char.IsAsciiLetterUpper(sentence[0]) ? char.ToLowerInvariant(sentence[0]) + sentence[1..] : sentence;

    /// <summary>A character as it can safely appear in a sentence: invisible ones by their code point.</summary>
    private static (string Zh, string En) Show(char c)
    {
        if (char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c) || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
        {
            var codePoint = $"U+{(int)c:X4}";
            return (codePoint, codePoint);
        }

        return ($"“{c}”", $"'{c}'");
    }
}
