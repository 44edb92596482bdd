using CreditFunctions.App.Api;

namespace CreditFunctions.App.Watches;

/// <summary>The watches' problems; every code is stable and in the OpenAPI document.</summary>
public static class WatchProblems
{
    public const int MaxSubjects = 1000;

    public const string TooManySubjectsCode = "too-many-subjects";

    public static Problem TooManySubjects(int count) =>
        new(400, TooManySubjectsCode, "主体过多", "Too many subjects",
            $"一个关注最多包含 {MaxSubjects} 个主体，收到 {count} 个。", $"A watch holds at most {MaxSubjects} subjects; this would make {count}.");

    public static Problem MissingSubjects() => ApiProblems.MissingSubjects();

    public static Problem InvalidSubject(int index, string zh, string en) =>
        Problem.InvalidSubjectId($"第 {index + 1} 个主体标识无效：{zh}", $"Subject {index + 1} is not a valid id: {en}");

    public static Problem InvalidCallbackUrl(string? url, bool localLoopbackAllowed) =>
        Problem.Refused(400, "invalid-callback-url",
            $"callbackUrl 应为 https 地址{(localLoopbackAllowed ? "（本地开发时也可为 http://127.0.0.1）" : "")}，收到“{Problem.Clip(url)}”。",
            $"callbackUrl must be an absolute https URL{(localLoopbackAllowed ? " (locally also http://127.0.0.1)" : "")}; got '{Problem.Clip(url)}'.");

    public static Problem InvalidCursor(string? cursor) =>
        Problem.Refused(400, "invalid-cursor",
            $"after 应为变更记录中的 cursor（27 位），收到“{Problem.Clip(cursor)}”。",
            $"after must be a cursor from the feed (27 characters); got '{Problem.Clip(cursor)}'.");

    public static Problem NothingToChange() =>
        Problem.Refused(400, "missing-subjects", "请用 add 或 remove 列出要增加或移除的主体。", "List the subjects to add or remove in add or remove.");

    public static Problem NotFound() =>
        Problem.NotFound("watch-not-found", "没有该编号的关注（或不是调用方创建的）。", "There is no such watch (or it is not the caller's).");

    public static Problem Conflict() =>
        Problem.Refused(409, "watch-changed", "该关注同时被另一请求修改，请重新读取后再试。", "The watch was changed by another request at the same time; read it again and retry.");

    public static Problem NoObjectId() => Problem.Unauthenticated();

    public static IReadOnlyList<string> Codes { get; } =
        ["too-many-subjects", "missing-subjects", "invalid-subject-id", "invalid-callback-url", "invalid-cursor", "watch-not-found", "watch-changed"];
}
