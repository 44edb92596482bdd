namespace CreditFunctions.App.Api;

/// <summary>A query, path or header parameter of an operation.</summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, string Description, string Type = "string", string? Format = null);

/// <summary>One documented response: status, what it means, and the body's schema name (components) when there is one.</summary>
public sealed record OpenApiResponse(int Status, string Description, string? Schema = null, IReadOnlyList<string>? ProblemCodes = null);

/// <summary>One route and method of the HTTP API as the OpenAPI document describes it.</summary>
public sealed record OpenApiOperation(
    string Method,
    string Path,
    string OperationId,
    string Summary,
    bool Anonymous,
    IReadOnlyList<string> Roles,
    IReadOnlyList<OpenApiParameter> Parameters,
    string? RequestSchema,
    IReadOnlyList<OpenApiResponse> Responses);

/// <summary>
/// Every route of the API (contract.md, "HTTP API"), the table the OpenAPI document is built from. The drift test
/// (tests/.../Api/OpenApiDriftTests) compares it with the [Function] methods that exist, both ways.
/// </summary>
/// <remarks>
/// Function-key levels: health, catalogue and this document are public information a probe or any developer must
/// reach without a secret, so they are Anonymous. Everything else answers about a subject or a unit and also needs
/// the caller's identity from App Service authentication; the function key (level Function) is a second, per-app
/// credential that lets the Bureau cut off one partner app without touching Entra ID, so those are Function.
/// </remarks>
public static class OpenApiOperations
{
    private static readonly OpenApiParameter SubjectIdParameter =
        new("id", "path", true, "A USCC (unit) or resident ID number (individual) / 统一社会信用代码或公民身份号码");

    private static readonly OpenApiParameter AsOf =
        new("asOf", "query", false, "The day (YYYY-MM-DD, China Standard Time); today when absent / 查询日期", Format: "date");

    private static readonly OpenApiParameter Business =
        new("business", "query", true, "A business type of the application list (GET /api/catalogue) / 业务类型");

    private static readonly OpenApiParameter ObjectionId = new("id", "path", true, "The objection id / 异议编号");

    private static readonly OpenApiParameter RepairId = new("id", "path", true, "The repair application id / 信用修复申请编号");

    private static readonly string[] Anyone = [];

    public static IReadOnlyList<OpenApiOperation> All { get; } =
    [
        new("get", "/api/health", "health", "Storage reachable, versions, freshness per source / 健康与数据新鲜度", true, Anyone, [], null,
            [new(200, "Healthy", "HealthReport"), new(503, "Storage cannot be reached", "HealthReport")]),
        new("get", "/api/catalogue", "catalogue", "The catalogue (three lists) in force on a day / 三清单", true, Anyone, [AsOf], null,
            [new(200, "The catalogue document", "Catalogue"), Bad("invalid-date")]),
        new("get", "/api/openapi.json", "openApi", "This document / 本文档", true, Anyone, [], null,
            [new(200, "The OpenAPI document", "OpenApiDocument")]),
        new("get", "/api/subjects/{id}/credit", "subjectCredit", "Credit status, active records and measures (art8) / 信用状况", false,
            [Roles.Partner, Roles.Subject + " (own)", Roles.Unit, Roles.Admin], [SubjectIdParameter, AsOf], null,
            [new(200, "Status, records, measures", "CreditResponse"), Bad("invalid-subject-id", "invalid-date"), .. Secured]),
        new("get", "/api/subjects/{id}/restrictions", "subjectRestrictions", "May the subject do this business (art8.2.3, art9) / 限制核查", false,
            [Roles.Partner, Roles.Subject + " (own)", Roles.Admin], [SubjectIdParameter, Business, AsOf], null,
            [new(200, "Decision and every reason", "RestrictionResponse"),
             Bad("invalid-subject-id", "invalid-date", "missing-business", "unknown-business-type"), .. Secured]),
        new("get", "/api/subjects/{id}/access-log", "subjectAccessLog", "Who looked at the subject, newest first (art12) / 查询记录", false,
            [Roles.Subject + " (own)", Roles.Admin],
            [SubjectIdParameter, new("limit", "query", false, "At most this many entries, 1-1000 (default 100) / 条数", "integer")], null,
            [new(200, "Look-ups, newest first", "AccessLogResponse"), Bad("invalid-subject-id", "invalid-limit"), .. Secured]),
        new("post", "/api/screenings", "screening", "Up to 100 subjects × one business type / 批量筛查", false,
            [Roles.Partner, Roles.Admin], [AsOf], "ScreeningRequest",
            [new(200, "One result per subject, in request order; a bad id fails alone (its result holds a problem)", "ScreeningResponse"),
             Bad("invalid-date", "invalid-json", "missing-business", "unknown-business-type", "missing-subjects", "too-many-subjects"), .. Secured]),
        new("get", "/api/records/{recordId}", "record", "One record with its history and whether the chain verifies (art12) / 单条记录", false,
            [Roles.Subject + " (own record)", Roles.Unit + " (the submitting unit)", Roles.Admin],
            [new("recordId", "path", true, "{source}.{26 base32 characters} / 记录编号")], null,
            [new(200, "The record and its history", "RecordDetailResponse"), Bad("invalid-record-id"), .. Secured,
             new(404, "No such record (admin, the submitting unit); a subject gets 403 so ids cannot be probed", "Problem", ["record-not-found"])]),
        new("get", "/api/units/{unit}/quality", "unitQuality", "Timeliness and rejections of a unit (art7) / 报送质量", false,
            [Roles.Unit + " (itself)", Roles.Admin], [new("unit", "path", true, "A unit code (contract.md) / 单位代码")], null,
            [new(200, "Timeliness by month and rejections by code", "UnitQualityResponse"), Bad("invalid-unit"), .. Secured]),
        new("post", "/api/objections", "fileObjection", "File an objection to a record (art10) / 提出异议", false,
            [Roles.Subject, Roles.Center], [], "ObjectionRequest",
            [new(201, "Filed", "ObjectionCreated"), Bad("invalid-json", "invalid-subject-id", "invalid-record-id"), .. Secured]),
        new("get", "/api/objections/{id}", "objection", "Follow an objection / 查询异议", false,
            [Roles.Subject + " (own)", Roles.Center, Roles.Unit + " (the record's)", Roles.Admin], [ObjectionId], null,
            [new(200, "The objection", "Objection"), .. Secured, new(404, "No such objection", "Problem")]),
        new("get", "/api/objections", "objections", "List objections / 异议列表", false,
            [Roles.Center, Roles.Unit, Roles.Admin], [new("status", "query", false, "Only objections in this status / 状态")], null,
            [new(200, "Objections", "ObjectionList"), .. Secured]),
        new("post", "/api/objections/{id}/decision", "decideObjection", "corrected, revoked or upheld (the record's unit) / 异议处理", false,
            [Roles.Unit + " (the record's)"], [ObjectionId], "ObjectionDecision",
            [new(200, "Decided", "Objection"), Bad("invalid-json"), .. Secured, new(404, "No such objection", "Problem")]),
        new("post", "/api/repairs", "applyRepair", "Apply for credit repair (art11) / 申请信用修复", false,
            [Roles.Subject], [], "RepairRequest",
            [new(201, "Filed", "RepairCreated"), Bad("invalid-json", "invalid-subject-id", "invalid-record-id"), .. Secured,
             new(422, "Not repairable yet: earliestDate and every unmet condition", "Problem")]),
        new("get", "/api/repairs", "repairs", "List repair applications / 信用修复申请列表", false,
            [Roles.Subject + " (own)", Roles.Unit + " (the record's)", Roles.Admin], [new("status", "query", false, "Only applications in this status / 状态")], null,
            [new(200, "Applications", "RepairList"), .. Secured]),
        new("get", "/api/repairs/{id}", "repair", "Follow a repair application / 查询信用修复", false,
            [Roles.Subject + " (own)", Roles.Unit + " (the record's)", Roles.Admin], [RepairId], null,
            [new(200, "The application", "Repair"), .. Secured, new(404, "No such application", "Problem")]),
        new("post", "/api/repairs/{id}/decision", "decideRepair", "approved or rejected (the record's unit) / 信用修复决定", false,
            [Roles.Unit + " (the record's)"], [RepairId], "RepairDecision",
            [new(200, "Decided", "Repair"), Bad("invalid-json"), .. Secured, new(404, "No such application", "Problem")]),
    ];

    private static OpenApiResponse[] Secured =>
    [
        new(401, "No trusted caller identity (X-MS-CLIENT-PRINCIPAL)", "Problem", ["unauthenticated"]),
        new(403, "The caller's role may not do this, or it is another subject's or unit's data", "Problem", ["forbidden"]),
    ];

    private static OpenApiResponse Bad(params string[] codes) => new(400, "Bad input: see code", "Problem", codes);
}
