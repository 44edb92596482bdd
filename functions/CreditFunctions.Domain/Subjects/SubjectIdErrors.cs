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
