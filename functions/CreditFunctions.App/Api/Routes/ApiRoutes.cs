using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api.Routes;

/// <summary>
/// Every route of the HTTP API, declared once (docs/http-api.md): each function's <c>[Function]</c> and
/// <c>[HttpTrigger]</c> take their name, method and path from here, <see cref="ApiGateway"/> applies the roles and the
/// body limit, the access log records <see cref="ApiRoute.Name"/>, and the OpenAPI document is built from
/// <see cref="All"/>. A test compares this table with the functions that exist, both ways.
/// </summary>
/// <remarks>
/// Function-key levels: health, catalogue and the documents are public information a probe or any developer must
/// reach without a secret, so they are Anonymous. Everything else answers about a subject or a unit and also needs the
/// caller's identity; the function key (level Function) is a second, per-app credential that lets the Bureau cut off
/// one partner app without touching Entra ID.
/// </remarks>
public static class ApiRoutes
{
    public const string Get = "get";
    public const string Post = "post";

    public const string HealthPath = "health";
    public const string CataloguePath = "catalogue";
    public const string OpenApiPath = "openapi.json";
    public const string SubjectCreditPath = "subjects/{id}/credit";
    public const string SubjectRestrictionsPath = "subjects/{id}/restrictions";
    public const string SubjectAccessLogPath = "subjects/{id}/access-log";
    public const string ScreeningsPath = "screenings";
    public const string RecordPath = "records/{recordId}";
    public const string UnitQualityPath = "units/{unit}/quality";
    public const string ObjectionsPath = "objections";
    public const string ObjectionPath = "objections/{id}";
    public const string ObjectionDecisionPath = "objections/{id}/decision";
    public const string RepairsPath = "repairs";
    public const string RepairPath = "repairs/{id}";
    public const string RepairDecisionPath = "repairs/{id}/decision";

    /// <summary>Reasons, statements and 20 evidence references fit easily; a corrected record is a few KiB.</summary>
    private const int CaseBodyBytes = 256 * 1024;

    private static readonly string[] Anyone = [];

    private static readonly OpenApiParameter SubjectId =
        new("id", "path", true, "A USCC (unit) or resident ID number (individual) / 统一社会信用代码或公民身份号码") { Example = "91310110666007217T" };

    private static readonly OpenApiParameter AsOf =
        new("asOf", "query", false, "The day (YYYY-MM-DD, China Standard Time); today when absent / 查询日期", Format: "date") { Example = "2024-06-03" };

    private static readonly OpenApiParameter Business =
        new("business", "query", true, "A business type of the application list (GET /api/catalogue) / 业务类型") { Example = "hrss-business" };

    private static readonly OpenApiParameter CaseStatusFilter =
        new("status", "query", false, "Only cases in this status; all when absent / 状态") { Enum = ["pending", "decided", "all"] };

    private static readonly OpenApiParameter UnitFilter =
        new("unit", "query", false, "One unit's cases (the Center and administrators); a unit sees only its own / 单位代码") { Example = "SH-HRSS-ENFORCEMENT" };

    private static readonly OpenApiParameter ObjectionId = new("id", "path", true, "The objection id / 异议编号") { Example = "obj_abcdefghijklmnopqrst" };

    private static readonly OpenApiParameter RepairId = new("id", "path", true, "The repair application id / 信用修复申请编号") { Example = "rep_abcdefghijklmnopqrst" };

    public static readonly ApiRoute Health = new("Health", Get, HealthPath, AuthorizationLevel.Anonymous, Anyone, new(
        "health", "System", "Storage reachable, versions, freshness per source / 健康与数据新鲜度",
        "Whether storage answers, what is running, the working-day calendar's last covered day, and per source when its last record arrived.",
        ["anyone"], [], null,
        [new(200, "Healthy", "HealthReport"), new(503, "Storage cannot be reached", "HealthReport")]));

    public static readonly ApiRoute Catalogue = new("Catalogue", Get, CataloguePath, AuthorizationLevel.Anonymous, Anyone, new(
        "catalogue", "Catalogue", "The catalogue (three lists) in force on a day / 三清单",
        "The data list, behaviour list and application list in force on asOf (art7).",
        ["anyone"], [AsOf], null,
        [new(200, "The catalogue document", "Catalogue"), Bad("invalid-date")]));

    public static readonly ApiRoute OpenApi = new("OpenApi", Get, OpenApiPath, AuthorizationLevel.Anonymous, Anyone, new(
        "openApi", "System", "This document / 本文档", "The OpenAPI document of every route.",
        ["anyone"], [], null,
        [new(200, "The OpenAPI document", "OpenApiDocument")]));

    public static readonly ApiRoute SubjectCredit = new("SubjectCredit", Get, SubjectCreditPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Subject, Roles.Unit, Roles.Admin], new(
        "subjectCredit", "Subjects", "Credit status, active records and measures (art8) / 信用状况",
        "The subject's status on asOf, its active records and the measures that follow from them. Logged in the access log (art12).",
        [Roles.Partner, Roles.Subject + " (own)", Roles.Unit, Roles.Admin], [SubjectId, AsOf], null,
        [new(200, "Status, records, measures", "CreditResponse"), Bad("invalid-subject-id", "invalid-date"), .. Secured]));

    public static readonly ApiRoute SubjectRestrictions = new("SubjectRestrictions", Get, SubjectRestrictionsPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Subject, Roles.Admin], new(
        "subjectRestrictions", "Subjects", "May the subject do this business (art8.2.3, art9) / 限制核查",
        "restricted, enhanced-review or allowed, with every reason (article, records). Logged in the access log with its business type (art12).",
        [Roles.Partner, Roles.Subject + " (own)", Roles.Admin], [SubjectId, Business, AsOf], null,
        [new(200, "Decision and every reason", "RestrictionResponse"), Bad("invalid-subject-id", "invalid-date", "missing-business", "unknown-business-type"), .. Secured]));

    public static readonly ApiRoute SubjectAccessLog = new("SubjectAccessLog", Get, SubjectAccessLogPath, AuthorizationLevel.Function,
        [Roles.Subject, Roles.Admin], new(
        "subjectAccessLog", "Subjects", "Who looked at the subject, newest first (art12) / 查询记录",
        "Every look-up of the subject: when, by which role, unit and app, for what business.",
        [Roles.Subject + " (own)", Roles.Admin],
        [SubjectId, new("limit", "query", false, "At most this many entries, 1-1000 (default 100) / 条数", "integer")], null,
        [new(200, "Look-ups, newest first", "AccessLogResponse"), Bad("invalid-subject-id", "invalid-limit"), .. Secured]));

    public static readonly ApiRoute Screening = new("Screening", Post, ScreeningsPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Admin], new(
        "screening", "Subjects", "Up to 100 subjects × one business type / 批量筛查",
        "Each subject's status and decision for one business type; a bad id fails alone. Each look-up is logged (art12).",
        [Roles.Partner, Roles.Admin], [AsOf], "ScreeningRequest",
        [new(200, "One result per subject, in request order; a bad id fails alone (its result holds a problem)", "ScreeningResponse"),
         Bad("invalid-date", "invalid-json", "missing-business", "unknown-business-type", "missing-subjects", "too-many-subjects"), TooLarge, .. Secured]));

    public static readonly ApiRoute Record = new("Record", Get, RecordPath, AuthorizationLevel.Function,
        [Roles.Subject, Roles.Unit, Roles.Admin], new(
        "record", "Records", "One record with its history and whether the chain verifies (art12) / 单条记录",
        "The record as stored, every step of its history with who took it, and whether the history's hash chain verifies.",
        [Roles.Subject + " (own record)", Roles.Unit + " (the submitting unit)", Roles.Admin],
        [new("recordId", "path", true, "{source}.{26 base32 characters} / 记录编号")], null,
        [new(200, "The record and its history", "RecordDetailResponse"), Bad("invalid-record-id"), .. Secured,
         new(404, "No such record (admin, the submitting unit); a subject gets 403 so ids cannot be probed", "Problem", ["record-not-found"])]));

    public static readonly ApiRoute UnitQuality = new("UnitQuality", Get, UnitQualityPath, AuthorizationLevel.Function,
        [Roles.Unit, Roles.Admin], new(
        "unitQuality", "Units", "Timeliness and rejections of a unit (art7) / 报送质量",
        "How many working days after the decision the unit's records arrived, by month, and its rejections by reason code.",
        [Roles.Unit + " (itself)", Roles.Admin], [new("unit", "path", true, "A unit code / 单位代码") { Example = "SH-HRSS-ENFORCEMENT" }], null,
        [new(200, "Timeliness by month and rejections by code", "UnitQualityResponse"), Bad("invalid-unit"), .. Secured]));

    public static readonly ApiRoute FileObjection = new("FileObjection", Post, ObjectionsPath, AuthorizationLevel.Function, null, new(
        "fileObjection", "Objections", "File an objection to a record (art10) / 提出异议",
        "The record is marked under objection at once and passed to the unit that submitted it, which decides within 5 working days.",
        [Roles.Subject, Roles.Center], [], "ObjectionRequest",
        [new(201, "Filed", "ObjectionCreated"), Bad("invalid-json", "invalid-subject-id", "invalid-record-id"), TooLarge, .. Secured]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static readonly ApiRoute GetObjection = new("GetObjection", Get, ObjectionPath, AuthorizationLevel.Function, null, new(
        "objection", "Objections", "Follow an objection / 查询异议", "The objection, its deadlines and, once decided, the outcome.",
        [Roles.Subject + " (own)", Roles.Center, Roles.Unit + " (the record's)", Roles.Admin], [ObjectionId], null,
        [new(200, "The objection", "Objection"), .. Secured, new(404, "No such objection, or one the caller may not see", "Problem", ["objection-not-found"])]));

    public static readonly ApiRoute ListObjections = new("ListObjections", Get, ObjectionsPath, AuthorizationLevel.Function,
        [Roles.Center, Roles.Unit, Roles.Admin], new(
        "objections", "Objections", "List objections / 异议列表", "A unit's objections, or (Center, administrators) every unit's, sorted by due day.",
        [Roles.Center, Roles.Unit, Roles.Admin], [CaseStatusFilter, UnitFilter], null,
        [new(200, "Objections", "ObjectionList"), Bad("invalid-status"), .. Secured]));

    public static readonly ApiRoute DecideObjection = new("DecideObjection", Post, ObjectionDecisionPath, AuthorizationLevel.Function, null, new(
        "decideObjection", "Objections", "corrected, revoked or upheld (the record's unit) / 异议处理",
        "The unit that submitted the record decides; the record changes accordingly and the subject is told.",
        [Roles.Unit + " (the record's)"], [ObjectionId], "ObjectionDecision",
        [new(200, "Decided", "Objection"), Bad("invalid-json"), TooLarge, .. Secured, new(404, "No such objection, or one the caller may not see", "Problem", ["objection-not-found"])]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static readonly ApiRoute FileRepair = new("FileRepair", Post, RepairsPath, AuthorizationLevel.Function, null, new(
        "applyRepair", "Repairs", "Apply for credit repair (art11) / 申请信用修复",
        "An application that fails a condition is refused at once with every unmet condition and the earliest date it could succeed.",
        [Roles.Subject], [], "RepairRequest",
        [new(201, "Filed", "RepairCreated"), Bad("invalid-json", "invalid-subject-id", "invalid-record-id"), TooLarge, .. Secured,
         new(422, "Not repairable yet: earliestDate and every unmet condition", "Problem", ["repair-not-eligible"])]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static readonly ApiRoute ListRepairs = new("ListRepairs", Get, RepairsPath, AuthorizationLevel.Function,
        [Roles.Center, Roles.Unit, Roles.Admin], new(
        "repairs", "Repairs", "List repair applications / 信用修复申请列表", "A unit's applications; the Center and administrators name the unit.",
        [Roles.Unit + " (its own)", Roles.Center, Roles.Admin], [CaseStatusFilter, UnitFilter], null,
        [new(200, "Applications", "RepairList"), Bad("invalid-status"), .. Secured]));

    public static readonly ApiRoute GetRepair = new("GetRepair", Get, RepairPath, AuthorizationLevel.Function, null, new(
        "repair", "Repairs", "Follow a repair application / 查询信用修复", "The application, its due day and, once decided, the outcome.",
        [Roles.Subject + " (own)", Roles.Center, Roles.Unit + " (the record's)", Roles.Admin], [RepairId], null,
        [new(200, "The application", "Repair"), .. Secured, new(404, "No such application, or one the caller may not see", "Problem", ["repair-not-found"])]));

    public static readonly ApiRoute DecideRepair = new("DecideRepair", Post, RepairDecisionPath, AuthorizationLevel.Function, null, new(
        "decideRepair", "Repairs", "approved or rejected (the record's unit) / 信用修复决定",
        "The unit that submitted the record decides; an approval withdraws the record (and a unit's listed parties) that day.",
        [Roles.Unit + " (the record's)"], [RepairId], "RepairDecision",
        [new(200, "Decided", "Repair"), Bad("invalid-json"), TooLarge, .. Secured, new(404, "No such application, or one the caller may not see", "Problem", ["repair-not-found"])]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Health, Catalogue, OpenApi, SubjectCredit, SubjectRestrictions, SubjectAccessLog, Screening, Record, UnitQuality,
        FileObjection, GetObjection, ListObjections, DecideObjection, FileRepair, ListRepairs, GetRepair, DecideRepair,
    ];

    private static OpenApiResponse[] Secured =>
    [
        new(401, "No trusted caller identity", "Problem", ["unauthenticated"]),
        new(403, "The caller's role may not do this, or it is another subject's or unit's data", "Problem", ["forbidden"]),
        new(503, "Storage cannot be reached in time; try again", "Problem", ["storage-unavailable"]),
    ];

    private static OpenApiResponse TooLarge => new(413, "The body is larger than the route takes", "Problem", ["body-too-large"]);

    private static OpenApiResponse Bad(params string[] codes) => new(400, "Bad input: see code", "Problem", codes);
}
