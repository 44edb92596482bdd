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

    internal static string Clip(string? value) =>
        value is null ? "" : value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}

public sealed record ProblemCondition(string Code, string Zh, string En);
