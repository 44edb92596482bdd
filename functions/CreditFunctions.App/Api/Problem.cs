using System.ComponentModel;

namespace CreditFunctions.App.Api;

/// <summary>
/// An RFC 9457 problem with a stable <c>code</c>. People read title and detail, so each comes in Chinese and
/// English; <c>title</c>/<c>detail</c> carry both ("中文 / English"), <c>zh</c>/<c>en</c> carry each alone.
/// </summary>
public sealed record Problem(int Status, string Code, string TitleZh, string TitleEn, string DetailZh, string DetailEn)
{
    public DateOnly? EarliestDate { get; init; }

    public IReadOnlyList<ProblemCondition>? Conditions { get; init; }

    public static Problem InvalidSubjectId(string zh, string en) =>
        new(400, "invalid-subject-id", "主体标识无效", "Invalid subject id", zh, en);

    public static Problem InvalidDate(string parameter, string? value) =>
        new(400, "invalid-date", "日期无效", "Invalid date",
            $"参数 {parameter} 应为 YYYY-MM-DD 格式的日期，收到“{Clip(value)}”。",
            $"The parameter {parameter} must be a date as YYYY-MM-DD; got '{Clip(value)}'.");

    public static Problem Unauthenticated() =>
        new(401, "unauthenticated", "未认证", "Not authenticated",
            "请求没有可信的调用方身份。", "The request carries no trusted caller identity.");

    public static Problem Forbidden(string zh, string en) =>
        new(403, "forbidden", "无权访问", "Forbidden", zh, en);

    public static Problem NotFound(string code, string zh, string en) =>
        new(404, code, "未找到", "Not found", zh, en);

    public static Problem StorageUnavailable() =>
        new(503, "storage-unavailable", "存储暂不可用", "Storage unavailable",
            "信用存储暂时无法访问，请稍后重试。", "Credit storage cannot be reached right now; try again later.");


    /// <summary>
    /// An objection or repair refused by a rule of the domain, with the rule's own stable code; every problem found is
    /// listed in <c>conditions</c> when there are several (400, 403, 404, 409 or 422).
    /// </summary>
    public static Problem Refused(int status, string code, string zh, string en, IReadOnlyList<ProblemCondition>? conditions = null) =>
        new(status, code, RefusalTitleZh(status), RefusalTitleEn(status), zh, en) { Conditions = conditions };

    /// <summary>A repair application that fails a condition (art11): every unmet condition and the earliest date it could succeed.</summary>
    public static Problem RepairNotEligible(DateOnly? earliestDate, IReadOnlyList<ProblemCondition> conditions) =>
        new(422, "repair-not-eligible", "不符合信用修复条件", "Not eligible for credit repair",
            earliestDate is { } day
                ? $"申请不符合 {conditions.Count} 项条件，最早可于 {day:yyyy-MM-dd} 申请。"
                : $"申请不符合 {conditions.Count} 项条件，目前无法确定可以申请的日期。",
            earliestDate is { } d
                ? $"The application fails {conditions.Count} condition(s); it could succeed from {d:yyyy-MM-dd}."
                : $"The application fails {conditions.Count} condition(s); no date can be given when it could succeed.")
        {
            EarliestDate = earliestDate,
            Conditions = conditions,
        };

    private static string RefusalTitleZh(int status) => status switch
    {
        400 => "请求无效",
        403 => "无权操作",
        404 => "未找到",
        409 => "状态冲突",
        _ => "不能受理",
    };

    private static string RefusalTitleEn(int status) => status switch
    {
        400 => "Invalid request",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        _ => "Cannot be processed",
    };

    internal static string Clip(string? value) =>
        value is null ? "" : value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}

[Description("One problem or unmet condition: its stable code and a sentence in Chinese and English.")]
public sealed record ProblemCondition(
    [property: Description("The stable code of this problem or condition.")] string Code,
    [property: Description("Chinese.")] string Zh,
    [property: Description("English.")] string En);
