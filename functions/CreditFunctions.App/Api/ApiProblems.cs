namespace CreditFunctions.App.Api;

/// <summary>The partner API's problems beyond <see cref="Problem"/>'s common ones; every code is stable and in the OpenAPI document.</summary>
public static class ApiProblems
{
    public const int MaxScreeningSubjects = 100;

    public static Problem MissingBusiness() =>
        new(400, "missing-business", "缺少业务类型", "Missing business type",
            "请用 business 参数指明业务类型。", "Name the business type with the business parameter.");

    public static Problem UnknownBusinessType(string business, IEnumerable<string> known)
    {
        var list = known.ToList();
        return new(400, "unknown-business-type", "未知业务类型", "Unknown business type",
            $"业务类型“{Problem.Clip(business)}”不在应用清单中。已知类型：{string.Join("、", list)}",
            $"Business type '{Problem.Clip(business)}' is not in the application list. Known types: {string.Join(", ", list)}");
    }

    public static Problem InvalidJson(string en) =>
        new(400, "invalid-json", "请求体无效", "Invalid request body",
            "请求体应为 JSON：{\"business\":\"…\",\"subjects\":[\"…\"]}。", en);

    public static Problem MissingSubjects() =>
        new(400, "missing-subjects", "缺少主体", "No subjects",
            "subjects 应列出至少一个主体标识。", "subjects must list at least one subject id.");

    public static Problem TooManySubjects(int count) =>
        new(400, "too-many-subjects", "主体过多", "Too many subjects",
            $"一次筛查最多 {MaxScreeningSubjects} 个主体，收到 {count} 个。",
            $"A screening takes at most {MaxScreeningSubjects} subjects; got {count}.");

    public static Problem InvalidRecordId(string? id) =>
        new(400, "invalid-record-id", "记录编号无效", "Invalid record id",
            $"记录编号应为“{{来源单位}}.{{26 位字符}}”，收到“{Problem.Clip(id)}”。",
            $"A record id is '{{source}}.{{26 characters}}'; got '{Problem.Clip(id)}'.");

    public static Problem RecordNotFound() =>
        Problem.NotFound("record-not-found", "没有该编号的记录。", "There is no record with this id.");

    public static Problem InvalidUnit(string? unit) =>
        new(400, "invalid-unit", "单位代码无效", "Invalid unit code",
            $"“{Problem.Clip(unit)}”不是已知的单位代码。", $"'{Problem.Clip(unit)}' is not a known unit code.");

    public static Problem InvalidLimit(string? value) => InvalidLimit(value, 1000);

    /// <summary>A <c>limit</c> that is not a whole number from 1 to <paramref name="max"/> (each list has its own ceiling).</summary>
    public static Problem InvalidLimit(string? value, int max) =>
        new(400, "invalid-limit", "条数无效", "Invalid limit",
            $"limit 应为 1 到 {max} 之间的整数，收到“{Problem.Clip(value)}”。",
            $"limit must be a whole number from 1 to {max}; got '{Problem.Clip(value)}'.");

    public static Problem ForbiddenRecord() =>
        Problem.Forbidden("只有记录的主体、报送单位和管理员可以查看该记录。",
            "Only the record's subject, the unit that submitted it and administrators may see this record.");

    public static Problem ForbiddenUnit() =>
        Problem.Forbidden("只有该单位本身和管理员可以查看其报送质量。",
            "Only the unit itself and administrators may see its submission quality.");

    /// <summary>Every code the API answers with, for the OpenAPI document (its test checks the list is complete).</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        "invalid-subject-id", "invalid-date", "unauthenticated", "forbidden", "storage-unavailable",
        "missing-business", "unknown-business-type", "invalid-json", "missing-subjects", "too-many-subjects",
        "invalid-record-id", "record-not-found", "invalid-unit", "invalid-limit",
    ];
}
