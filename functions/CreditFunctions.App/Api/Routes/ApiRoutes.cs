using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Json;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Repairs;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using Microsoft.Azure.Functions.Worker;
using static CreditFunctions.App.Api.Routes.ApiExamples;

namespace CreditFunctions.App.Api.Routes;

/// <summary>
/// Every route of the HTTP API, declared once (docs/http-api.md): each function's <c>[Function]</c> and
/// <c>[HttpTrigger]</c> take their name, method and path from here, <see cref="ApiGateway"/> applies the roles and the
/// body limit, the access log records <see cref="ApiRoute.Name"/>, and the OpenAPI document is built from
/// <see cref="All"/>: each route's parameters, body, every status it answers with every problem code, and examples.
/// A test compares this table with the functions that exist, both ways, and each route's codes with a list of its own.
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
    public const string Delete = "delete";

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
    public const string DocsPath = "docs";
    public const string DocsScriptPath = "docs/redoc.standalone.js";
    public const string DocsScriptLicensePath = "docs/redoc.standalone.js.LICENSE.txt";
    public const string AsyncApiPath = "asyncapi.json";
    public const string FeedbackPath = "feedback";
    public const string FeedbackSummaryPath = "feedback/summary";
    public const string SubjectFeedbackPath = "subjects/{id}/feedback";
    public const string WatchesPath = "watches";
    public const string WatchPath = "watches/{id}";
    public const string WatchSubjectsPath = "watches/{id}/subjects";
    public const string WatchChangesPath = "watches/{id}/changes";
    public const string SubjectReportsPath = "subjects/{id}/reports";
    public const string ReportKeysPath = "reports/keys";
    public const string ReportPath = "reports/{reportId}";

    // Console (docs/console.md): the officials' web page, its files, and the rejections list it shows.
    public const string ConsolePagePath = "console";
    public const string ConsoleStylesPath = "console/console.css";
    public const string ConsoleScriptPath = "console/{module}";
    public const string UnitRejectionsPath = "units/{unit}/rejections";

    /// <summary>Reasons, statements and 20 evidence references fit easily; a corrected record is a few KiB.</summary>
    private const int CaseBodyBytes = 256 * 1024;

    private const int DefaultBodyBytes = 64 * 1024;

    /// <summary>1,000 subjects of 18 characters and a callback URL, with room to spare.</summary>
    private const int WatchBodyBytes = 128 * 1024;

    private static readonly string[] Anyone = [];

    private static readonly JsonTypeInfo ProblemBody = AppJson.Web.ProblemDocument;

    private static readonly OpenApiParameter SubjectId =
        new("id", "path", true, "A USCC (unit) or resident ID number (individual) / 统一社会信用代码或公民身份号码") { Example = Unit };

    private static readonly OpenApiParameter AsOf =
        new("asOf", "query", false, "The day to answer for (YYYY-MM-DD, China Standard Time); today when absent / 查询日期", Format: "date")
        { Example = "2026-04-01" };

    private static readonly OpenApiParameter BusinessType =
        new("business", "query", true, "A business type of the application list (GET /api/catalogue, businessTypes[].code) / 业务类型")
        { Example = Business };

    private static readonly OpenApiParameter CaseStatusFilter =
        new("status", "query", false, "Only cases in this status; all when absent / 状态") { Enum = ["pending", "decided", "all"], Example = "pending", Default = "all" };

    private static readonly OpenApiParameter UnitFilter =
        new("unit", "query", false,
            "One unit's cases. The Center and administrators may name any unit (every unit's when absent); a unit sees only its own, " +
            "so it may leave this out or name itself / 单位代码")
        { Example = SubmittingUnit };

    private static readonly OpenApiParameter ObjectionIdParameter =
        new("id", "path", true, "The objection id, obj_ and 20 base32 characters / 异议编号") { Example = ObjectionId };

    private static readonly OpenApiParameter RepairIdParameter =
        new("id", "path", true, "The repair application id, rep_ and 20 base32 characters / 信用修复申请编号") { Example = RepairId };

    public static readonly ApiRoute Health = new("Health", Get, HealthPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getHealth", ApiTags.Service, "Health and freshness / 健康与数据新鲜度",
        "Whether storage answers, what is running, and per source when its last record arrived (stale data shows as an old " +
        "lastRecordAt, not as a clean record). Public, for probes and monitors.",
        ["anyone"], [], null,
        [
            new(200, "Healthy: tables and queues answer.", AppJson.Web.HealthReport) { Examples = [OpenApiExample.Of("healthy", "Everything answers", () => ApiExamples.Health, AppJson.Web.HealthReport)] },
            new(503, "Unhealthy: a storage probe failed (the report says which).", AppJson.Web.HealthReport)
            {
                Examples = [OpenApiExample.Of("unhealthy", "Table storage does not answer", () => Unhealthy, AppJson.Web.HealthReport)],
            },
            NoClientError,
        ]));

    public static readonly ApiRoute Catalogue = new("Catalogue", Get, CataloguePath, AuthorizationLevel.Anonymous, Anyone, new(
        "getCatalogue", ApiTags.Service, "The catalogue in force on a day / 三清单",
        "The three lists in force on asOf (art7): the data list (record kinds, their fields and submitters), the behaviour list, " +
        "the application list (measures and the business types they affect), and the rules that go with them. Public.",
        ["anyone"], [AsOf], null,
        [
            new(200, "The catalogue version in force.", CatalogueJsonContext.Default.CatalogueDocument)
            {
                Examples = [OpenApiExample.Of("catalogue", "The 2026-04-01 version, each list cut to its first entries", ApiExamples.Catalogue, CatalogueJsonContext.Default.CatalogueDocument)],
            },
            Bad("/api/catalogue", Problem.InvalidDate("asOf", "2026-4-1")),
        ]));

    public static readonly ApiRoute OpenApi = new("OpenApi", Get, OpenApiPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getOpenApiDocument", ApiTags.Service, "This OpenAPI document / 本文档",
        "The OpenAPI 3.1 document of every route, built from the route table and the JSON contracts the functions write. Public.",
        ["anyone"], [], null,
        [Document(200, "The OpenAPI document.", "application/json", "An OpenAPI 3.1 document."), NoClientError]));

    public static readonly ApiRoute SubjectCredit = new("SubjectCredit", Get, SubjectCreditPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Subject, Roles.Unit, Roles.Admin], new(
        "getSubjectCredit", ApiTags.Credit, "A subject's credit (art8) / 信用状况",
        "The subject's credit status on asOf, the records shown that day and the measures that follow from them (art8, art9). " +
        "Dishonesty past its query period (Regulations art35) is shown to administrators only. Every look-up is logged (art12).",
        [Roles.Partner, Roles.Subject + " (own)", Roles.Unit, Roles.Admin], [SubjectId, AsOf], null,
        [
            new(200, "Status, records and measures.", AppJson.Web.CreditResponse)
            {
                Examples =
                [
                    OpenApiExample.Of("generalDishonesty", "An administrative penalty in force", () => Credit, AppJson.Web.CreditResponse),
                    OpenApiExample.Of("noRecord", "An individual with nothing on record, as a partner sees it (ID number masked)", () => NoRecord, AppJson.Web.CreditResponse),
                ],
            },
            Bad($"/api/subjects/{Unit}/credit", InvalidSubject, Problem.InvalidDate("asOf", "2026-4-1")),
            Unauthorized, Forbidden, StorageUnavailable,
        ]));

    public static readonly ApiRoute SubjectRestrictions = new("SubjectRestrictions", Get, SubjectRestrictionsPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Subject, Roles.Admin], new(
        "getSubjectRestrictions", ApiTags.Credit, "May the subject do this business (art8.2.3, art9) / 限制核查",
        "restricted, enhanced-review or allowed for one business type, with every reason (article, records, text) and every " +
        "exemption. A unit's youth-base check includes its legal representative's records (art9.2.2). Logged with its business " +
        "type (art12).",
        [Roles.Partner, Roles.Subject + " (own)", Roles.Admin], [SubjectId, BusinessType, AsOf], null,
        [
            new(200, "The decision and every reason.", AppJson.Web.RestrictionResponse)
            {
                Examples =
                [
                    OpenApiExample.Of("enhancedReview", "An administrative penalty: strict review in HRSS business (art8.2.1)", () => EnhancedReview, AppJson.Web.RestrictionResponse),
                    OpenApiExample.Of("restricted", "The legal representative is a dishonest judgment debtor (art9.2.2)", () => Restricted, AppJson.Web.RestrictionResponse),
                ],
            },
            Bad($"/api/subjects/{Unit}/restrictions", InvalidSubject, Problem.InvalidDate("asOf", "2026-4-1"), ApiProblems.MissingBusiness(),
                ApiProblems.UnknownBusinessType("hrss", [Business, "youth-internship-base"])),
            Unauthorized, Forbidden, StorageUnavailable,
        ]));

    public static readonly ApiRoute SubjectAccessLog = new("SubjectAccessLog", Get, SubjectAccessLogPath, AuthorizationLevel.Function,
        [Roles.Subject, Roles.Admin], new(
        "getSubjectAccessLog", ApiTags.Credit, "Who looked at the subject (art12) / 查询记录",
        "Every look-up of the subject, newest first: when, by which role, unit and app, for what business, on which route.",
        [Roles.Subject + " (own)", Roles.Admin],
        [SubjectId, new("limit", "query", false, "At most this many entries / 条数", "integer") { Minimum = 1, Maximum = 1000, Default = 100, Example = 20 }], null,
        [
            new(200, "Look-ups, newest first.", AppJson.Web.AccessLogResponse)
            {
                Examples = [OpenApiExample.Of("lookups", "A partner's restriction check and the subject's own look", () => AccessLog, AppJson.Web.AccessLogResponse)],
            },
            Bad($"/api/subjects/{Unit}/access-log", InvalidSubject, ApiProblems.InvalidLimit("0")),
            Unauthorized, Forbidden, StorageUnavailable,
        ]));

    public static readonly ApiRoute Screening = new("Screening", Post, ScreeningsPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Admin], new(
        "screenSubjects", ApiTags.Screenings, "Screen up to 100 subjects for one business type / 批量筛查",
        "Each subject's credit status and decision for one business type (art8.2.3, art9), in request order; a bad id fails " +
        "alone (its result carries a problem). A subject named twice is read and logged once; each look-up is logged (art12).",
        [Roles.Partner, Roles.Admin], [AsOf],
        new(AppJson.Web.ScreeningRequest, [OpenApiExample.Of("twoSubjects", "A unit and a mistyped USCC", () => ApiExamples.ScreeningRequest, AppJson.Web.ScreeningRequest)]),
        [
            new(200, "One result per subject, in request order.", AppJson.Web.ScreeningResponse)
            {
                Examples = [OpenApiExample.Of("oneFailsAlone", "One subject under strict review, one id refused", () => ApiExamples.Screening, AppJson.Web.ScreeningResponse)],
            },
            Bad("/api/screenings", RequestBody.InvalidJson(), Problem.InvalidDate("asOf", "2026-4-1"), ApiProblems.MissingBusiness(),
                ApiProblems.UnknownBusinessType("hrss", [Business, "youth-internship-base"]), ApiProblems.MissingSubjects(),
                ApiProblems.TooManySubjects(101)),
            Unauthorized, Forbidden, TooLarge("/api/screenings", DefaultBodyBytes), StorageUnavailable,
        ]));

    public static readonly ApiRoute Record = new("Record", Get, RecordPath, AuthorizationLevel.Function,
        [Roles.Subject, Roles.Unit, Roles.Admin], new(
        "getRecord", ApiTags.Records, "One record and its history (art12) / 单条记录",
        "The record as stored, every step of its history with who took it, and whether the history's hash chain verifies. A " +
        "partner never sees records; a unit sees the records it submitted; a subject its own.",
        [Roles.Subject + " (own record)", Roles.Unit + " (the submitting unit)", Roles.Admin],
        [new("recordId", "path", true, "{source}.{26 base32 characters}, from a credit answer / 记录编号") { Example = RecordId }], null,
        [
            new(200, "The record and its history.", AppJson.Web.RecordDetailResponse)
            {
                Examples = [OpenApiExample.Of("adminPenalty", "The penalty of examples/admin-penalty.json", () => ApiExamples.Record, AppJson.Web.RecordDetailResponse)],
            },
            Bad($"/api/records/{RecordId}", ApiProblems.InvalidRecordId("abc")),
            Unauthorized,
            Refusal(403, "The caller's role may not see records, or the record is not its own (a subject is told this also when the " +
                "record does not exist, so ids cannot be probed).", $"/api/records/{RecordId}", ApiProblems.ForbiddenRecord()),
            Refusal(404, "No such record (administrators and the submitting unit).", $"/api/records/{RecordId}", ApiProblems.RecordNotFound()),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute UnitQuality = new("UnitQuality", Get, UnitQualityPath, AuthorizationLevel.Function,
        [Roles.Unit, Roles.Admin], new(
        "getUnitQuality", ApiTags.Units, "A unit's timeliness and rejections (art7) / 报送质量",
        "How many working days after the decision the unit's records arrived, by month of arrival, and its refused submissions " +
        "by reason code.",
        [Roles.Unit + " (itself)", Roles.Admin], [new("unit", "path", true, "A unit code / 单位代码") { Example = SubmittingUnit }], null,
        [
            new(200, "Timeliness by month and rejections by code.", AppJson.Web.UnitQualityResponse)
            {
                Examples = [OpenApiExample.Of("month", "One month of arrivals", () => Quality, AppJson.Web.UnitQualityResponse)],
            },
            Bad($"/api/units/{SubmittingUnit}/quality", ApiProblems.InvalidUnit("SH-NOWHERE")),
            Unauthorized,
            Refusal(403, "The caller's role may not see submission quality, or it is another unit's.", $"/api/units/{SubmittingUnit}/quality",
                ApiProblems.ForbiddenUnit()),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute FileObjection = new("FileObjection", Post, ObjectionsPath, AuthorizationLevel.Function, null, new(
        "fileObjection", ApiTags.Objections, "Object to a record (art10) / 提出异议",
        "The record is marked under objection at once (credit answers show underObjection, the platform is told) and passed to the " +
        "unit that submitted it, which decides within 5 working days. One open objection per record. Only a record shown today " +
        "can be objected to; a court listing is corrected by its court. When several things are wrong, the problem names the " +
        "weightiest and lists every one in conditions.",
        [Roles.Subject + " (own)", Roles.Center], [],
        new(AppJson.Web.ObjectionFilingBody, [OpenApiExample.Of("penalty", "The subject objects to its penalty", () => ApiExamples.ObjectionRequest, AppJson.Web.ObjectionFilingBody)]),
        [
            new(201, "Filed: the record is under objection.", AppJson.Web.ObjectionFiled)
            {
                Examples = [OpenApiExample.Of("filed", "Due in 5 working days", () => ApiExamples.ObjectionFiled, AppJson.Web.ObjectionFiled)],
            },
            Bad("/api/objections", [RequestBody.InvalidJson(), InvalidSubject, ReasonRequired("异议理由", "reason")],
                ObjectionCodes.ReasonRequired, ObjectionCodes.ReasonTooLong, ObjectionCodes.EvidenceTooMany, ObjectionCodes.EvidenceItemEmpty,
                ObjectionCodes.EvidenceItemTooLong),
            Unauthorized,
            Refusal(403, "Only the subject itself or the Center may object, and a subject only to its own records.", "/api/objections",
                [Problem.Refused(403, ObjectionCodes.NotAllowedToObject, "只有信用主体本人或市公共信用信息服务中心可以提出异议。",
                    "Only the subject itself or the Public Credit Information Service Center may file an objection.")],
                ObjectionCodes.NotOwnSubject),
            Refusal(404, "The subject has no such record (also for another subject's record, so ids cannot be probed).", "/api/objections",
                Problem.Refused(404, ObjectionCodes.RecordNotFound, $"该主体没有编号为“{RecordId}”的信用记录。", $"This subject has no record '{RecordId}'.")),
            Refusal(409, "The record already has an open objection.", "/api/objections", ObjectionProblems.AlreadyOpen(ObjectionId)),
            TooLarge("/api/objections", CaseBodyBytes),
            Refusal(422, "The record cannot be objected to: it is not shown today (excluded, withdrawn, revoked, repaired, expired), or it is " +
                "the court's listing (apply to the court).", "/api/objections",
                [Problem.Refused(422, ObjectionCodes.ObjectionToCourt, "失信被执行人名单由人民法院作出，请向作出决定的人民法院提出纠正申请。",
                    "The list of dishonest judgment debtors is the court's: apply to the court that listed the debtor to correct it.")],
                ObjectionCodes.RecordNotShown),
            StorageUnavailable,
        ]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static readonly ApiRoute GetObjection = new("GetObjection", Get, ObjectionPath, AuthorizationLevel.Function, null, new(
        "getObjection", ApiTags.Objections, "Follow an objection / 查询异议",
        "The objection, its deadline and, once decided, the outcome.",
        [Roles.Subject + " (own)", Roles.Center, Roles.Unit + " (the record's)", Roles.Admin], [ObjectionIdParameter], null,
        [
            new(200, "The objection.", AppJson.Web.ObjectionView)
            {
                Examples =
                [
                    OpenApiExample.Of("pending", "Waiting for the unit", () => ObjectionPending, AppJson.Web.ObjectionView),
                    OpenApiExample.Of("upheld", "The unit upheld the record", () => ObjectionUpheld, AppJson.Web.ObjectionView),
                ],
            },
            Unauthorized,
            Refusal(404, "No such objection, or one the caller may not see (the same answer, so ids cannot be probed).", $"/api/objections/{ObjectionId}",
                ObjectionProblems.NotFound()),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute ListObjections = new("ListObjections", Get, ObjectionsPath, AuthorizationLevel.Function,
        [Roles.Center, Roles.Unit, Roles.Admin], new(
        "listObjections", ApiTags.Objections, "List objections / 异议列表",
        "A unit's objections to decide, or (the Center, administrators) every unit's or one unit's, the earliest due first.",
        [Roles.Center, Roles.Unit + " (its own)", Roles.Admin], [CaseStatusFilter, UnitFilter], null,
        [
            new(200, "Objections, by due day.", AppJson.Web.ObjectionList) { Examples = [OpenApiExample.Of("pending", "One to decide", () => ApiExamples.Objections, AppJson.Web.ObjectionList)] },
            Bad("/api/objections", InvalidStatus),
            Unauthorized, ForbiddenCases("/api/objections"), StorageUnavailable,
        ]));

    public static readonly ApiRoute DecideObjection = new("DecideObjection", Post, ObjectionDecisionPath, AuthorizationLevel.Function, null, new(
        "decideObjection", ApiTags.Objections, "Decide an objection (the record's unit) / 异议处理",
        "The unit that submitted the record decides (Regulations art36): upheld (with a reason) clears the mark; revoked withdraws " +
        "the record at once; corrected stores a new version (only the fields sent change; it is classified again like an " +
        "ingested record, so any ingestion code can answer a wrong field). The subject is told on credit-notifications. When " +
        "several things are wrong, the problem names the first and lists every one in conditions.",
        [Roles.Unit + " (the record's)"], [ObjectionIdParameter],
        new(AppJson.Web.ObjectionDecisionBody,
        [
            OpenApiExample.Of("upheld", "The record stands", () => Upheld, AppJson.Web.ObjectionDecisionBody),
            OpenApiExample.Of("corrected", "The decision number was wrong", () => Corrected, AppJson.Web.ObjectionDecisionBody),
        ]),
        [
            new(200, "Decided: the objection as it now is.", AppJson.Web.ObjectionView) { Examples = [OpenApiExample.Of("upheld", "Upheld", () => ObjectionUpheld, AppJson.Web.ObjectionView)] },
            Bad($"/api/objections/{ObjectionId}/decision",
                [RequestBody.InvalidJson(), Problem.Refused(400, ObjectionCodes.OutcomeRequired, "请写明处理结果：corrected（更正）、revoked（撤销）或 upheld（维持）。",
                    "State the outcome: corrected, revoked or upheld.")],
                [ObjectionCodes.OutcomeInvalid, ObjectionCodes.ReasonRequired, ObjectionCodes.ReasonTooLong, ObjectionCodes.CorrectedFieldsRequired,
                 ObjectionCodes.CorrectedSubjectChanged, ObjectionCodes.CorrectedKindChanged, SubjectIdErrorCode, .. CorrectedRecordCodes]),
            Unauthorized,
            Refusal(403, "Only the unit that submitted the record decides.", $"/api/objections/{ObjectionId}/decision",
                Problem.Refused(403, ObjectionCodes.NotSubmittingUnit, "只有报送该记录的单位可以作出异议处理决定。", "Only the unit that submitted the record may decide the objection.")),
            Refusal(404, "No such objection, or one the caller may not see.", $"/api/objections/{ObjectionId}/decision", ObjectionProblems.NotFound()),
            Refusal(409, "The objection is already decided, or another decision is being applied.", $"/api/objections/{ObjectionId}/decision",
                ObjectionProblems.NotOpen()),
            TooLarge($"/api/objections/{ObjectionId}/decision", CaseBodyBytes),
            StorageUnavailable,
        ]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static readonly ApiRoute FileRepair = new("FileRepair", Post, RepairsPath, AuthorizationLevel.Function, null, new(
        "applyForRepair", ApiTags.Repairs, "Apply for credit repair (art11) / 申请信用修复",
        "An application that fails a condition is refused at once (422) with every unmet condition and the earliest date it could " +
        "succeed; an eligible one goes to the unit that submitted the record, which decides within 3 working days (15 for early " +
        "removal from the wage-arrears list, which takes correctedOn and criminalProceedingsPending and removes the parties " +
        "listed with the unit too). One open application per record.",
        [Roles.Subject + " (own)", Roles.Center], [],
        new(AppJson.Web.RepairFilingBody, [OpenApiExample.Of("penalty", "The fine is paid", () => ApiExamples.RepairRequest, AppJson.Web.RepairFilingBody)]),
        [
            new(201, "Filed: the unit decides by dueOn.", AppJson.Web.RepairFiled) { Examples = [OpenApiExample.Of("filed", "Due in 3 working days", () => ApiExamples.RepairFiled, AppJson.Web.RepairFiled)] },
            Bad("/api/repairs", RequestBody.InvalidJson(), InvalidSubject, Problem.InvalidDate("correctedOn", "2026-13-01")),
            Unauthorized,
            Refusal(403, "Only the subject itself (or the Center for it) may apply.", "/api/repairs", RepairProblems.NotAllowedToApply()),
            Refusal(404, "The subject has no such record (also for another subject's record).", "/api/repairs", RepairProblems.RecordNotFound()),
            Refusal(409, "The record already has an open repair application.", "/api/repairs", RepairProblems.AlreadyOpen(RepairId)),
            TooLarge("/api/repairs", CaseBodyBytes),
            new(422, "Not repairable now: conditions lists every unmet condition; earliestDate is the first day the application could " +
                "succeed, absent when none can be given (a bar: not dishonesty, the court's list, already withdrawn, …).", ProblemBody,
                [Problem.RepairNotEligible(null, []).Code])
            {
                SchemaName = OpenApiDocument.RepairNotEligibleSchema,
                ConditionCodes = RepairConditionCodes,
                Examples = [OpenApiExample.Of(ApiExamples.RepairNotEligible, "/api/repairs")],
            },
            StorageUnavailable,
        ]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    public static readonly ApiRoute ListRepairs = new("ListRepairs", Get, RepairsPath, AuthorizationLevel.Function,
        [Roles.Center, Roles.Unit, Roles.Admin], new(
        "listRepairs", ApiTags.Repairs, "List repair applications / 信用修复申请列表",
        "A unit's applications to decide, or (the Center, administrators) every unit's or one unit's, the earliest due first.",
        [Roles.Center, Roles.Unit + " (its own)", Roles.Admin], [CaseStatusFilter, UnitFilter], null,
        [
            new(200, "Applications, by due day.", AppJson.Web.RepairList) { Examples = [OpenApiExample.Of("pending", "One to decide", () => ApiExamples.Repairs, AppJson.Web.RepairList)] },
            Bad("/api/repairs", InvalidStatus),
            Unauthorized, ForbiddenCases("/api/repairs"), StorageUnavailable,
        ]));

    public static readonly ApiRoute GetRepair = new("GetRepair", Get, RepairPath, AuthorizationLevel.Function, null, new(
        "getRepair", ApiTags.Repairs, "Follow a repair application / 查询信用修复",
        "The application, its due day and, once decided, the outcome.",
        [Roles.Subject + " (own)", Roles.Center, Roles.Unit + " (the record's)", Roles.Admin], [RepairIdParameter], null,
        [
            new(200, "The application.", AppJson.Web.RepairView)
            {
                Examples =
                [
                    OpenApiExample.Of("pending", "Waiting for the unit", () => RepairPending, AppJson.Web.RepairView),
                    OpenApiExample.Of("approved", "Approved: the record left publication that day", () => RepairApproved, AppJson.Web.RepairView),
                ],
            },
            Unauthorized,
            Refusal(404, "No such application, or one the caller may not see (the same answer, so ids cannot be probed).", $"/api/repairs/{RepairId}",
                RepairProblems.NotFound()),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute DecideRepair = new("DecideRepair", Post, RepairDecisionPath, AuthorizationLevel.Function, null, new(
        "decideRepair", ApiTags.Repairs, "Decide a repair application (the record's unit) / 信用修复决定",
        "The unit that submitted the record decides: approved withdraws the record that day (and, for a unit's wage-arrears " +
        "listing, the records of the parties listed with it); rejected needs a reason. The subject is told on credit-notifications.",
        [Roles.Unit + " (the record's)"], [RepairIdParameter],
        new(AppJson.Web.RepairDecisionBody,
        [
            OpenApiExample.Of("approved", "Approve", () => Approved, AppJson.Web.RepairDecisionBody),
            OpenApiExample.Of("rejected", "Reject, with the reason", () => Rejected, AppJson.Web.RepairDecisionBody),
        ]),
        [
            new(200, "Decided: the application as it now is.", AppJson.Web.RepairView) { Examples = [OpenApiExample.Of("approved", "Approved", () => RepairApproved, AppJson.Web.RepairView)] },
            Bad($"/api/repairs/{RepairId}/decision",
                [RequestBody.InvalidJson(), Problem.Refused(400, RepairCodes.OutcomeInvalid, "决定结果“yes”无效，应为 approved（准予修复）或 rejected（不予修复）。",
                    "Outcome 'yes' is invalid: expected approved or rejected.")],
                RepairCodes.ReasonRequired, RepairCodes.ReasonTooLong),
            Unauthorized,
            Refusal(403, "Only the unit that submitted the record decides.", $"/api/repairs/{RepairId}/decision",
                Problem.Refused(403, RepairCodes.NotSubmittingUnit, "只有报送该记录的单位可以作出信用修复决定。", "Only the unit that submitted the record may decide its repair.")),
            Refusal(404, "No such application, or one the caller may not see.", $"/api/repairs/{RepairId}/decision", RepairProblems.NotFound()),
            Refusal(409, "The application is already decided, or another decision is being applied.", $"/api/repairs/{RepairId}/decision",
                RepairProblems.NotOpen()),
            TooLarge($"/api/repairs/{RepairId}/decision", CaseBodyBytes),
            StorageUnavailable,
        ]))
    {
        MaxBodyBytes = CaseBodyBytes,
    };

    // Documents
    public static readonly ApiRoute Docs = new("Docs", Get, DocsPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getDocsPage", ApiTags.Service, "This reference as a web page / 接口文档",
        "The API reference, rendered by Redoc from /api/openapi.json. Everything it loads comes from this app (its " +
        "Content-Security-Policy allows no other origin).",
        ["anyone"], [], null,
        [Document(200, "The page.", "text/html", "An HTML page."), NoClientError]));

    public static readonly ApiRoute DocsScript = new("DocsScript", Get, DocsScriptPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getDocsScript", ApiTags.Service, "The Redoc bundle the page runs / 文档脚本",
        "Redoc's standalone bundle (redoc 2.5.4, MIT), shipped in the app so the docs page needs no CDN.",
        ["anyone"], [], null,
        [Document(200, "The script.", "application/javascript", "JavaScript."), NoClientError]));

    public static readonly ApiRoute DocsScriptLicense = new("DocsScriptLicense", Get, DocsScriptLicensePath, AuthorizationLevel.Anonymous, Anyone, new(
        "getDocsScriptLicense", ApiTags.Service, "The licences of the Redoc bundle / 文档脚本许可",
        "The licence notices of Redoc and the libraries in its bundle, which the bundle's first line points to.",
        ["anyone"], [], null,
        [Document(200, "The licence notices.", "text/plain", "Plain text."), NoClientError]));

    public static readonly ApiRoute AsyncApi = new("AsyncApi", Get, AsyncApiPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getAsyncApiDocument", ApiTags.Service, "The AsyncAPI document of the queues / 消息接口文档",
        "The AsyncAPI 3 document of every queue message in and out and of the platform events, with a JSON Schema for each " +
        "message: what upstream units send (credit-records/v1, subject-profile/v1, signed as JWS) and what the register writes.",
        ["anyone"], [], null,
        [Document(200, "The AsyncAPI document.", "application/json", "An AsyncAPI 3 document."), NoClientError]));

    // Console: the officials' console (docs/console.md). The page and its files are anonymous at the host, like the docs
    // page: in Azure nobody signed in is sent to App Service authentication's sign-in instead of getting a 401, and the
    // page holds no data. What it shows comes from the API routes above, with the signed-in official's identity and the
    // console's function key.
    public static readonly ApiRoute ConsolePage = new("ConsolePage", Get, ConsolePagePath, AuthorizationLevel.Anonymous, Anyone, new(
        "getConsolePage", ApiTags.Service, "The officials' console / 信用信息管理控制台",
        "The web page of the submitting units, the Public Credit Information Service Center and administrators (contract v2, \"Web " +
        "pages\"): objections and repair applications to decide, a unit's rejections and quality, the Center's objections, " +
        "escalated cases. Open it at /api/console/. In Azure, App Service authentication signs the official in (nobody signed in " +
        "is redirected to /.auth/login/aad); locally (./infra/run) the page offers a development sign-in. Everything shown " +
        "comes from this API; everything it loads comes from this app (its Content-Security-Policy allows no other origin).",
        ["anyone: the page signs in units, the Center and administrators"], [], null,
        [
            Document(200, "The page.", "text/html", "An HTML page."),
            new(302, "In Azure, nobody signed in: to App Service authentication's sign-in, /.auth/login/aad?post_login_redirect_uri=/api/console/."),
            Document(403, "In Azure, signed in but neither a unit, the Center nor an administrator: a page saying so.", "text/html", "An HTML page."),
        ]));

    public static readonly ApiRoute ConsoleStyles = new("ConsoleStyles", Get, ConsoleStylesPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getConsoleStyles", ApiTags.Service, "The console's style sheet / 控制台样式",
        "The console's CSS (screen, phone width and print), shipped in the app.",
        ["anyone: the page signs in units, the Center and administrators"], [], null,
        [
            Document(200, "The style sheet.", "text/css", "CSS."),
            new(302, "In Azure, nobody signed in: to App Service authentication's sign-in, as the page."),
            NoClientError,
        ]));

    public static readonly ApiRoute ConsoleScript = new("ConsoleScript", Get, ConsoleScriptPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getConsoleScript", ApiTags.Service, "A script module of the console / 控制台脚本",
        "One of the console's JavaScript modules (plain ES modules shipped in the app: no build step, nothing from a CDN).",
        ["anyone: the page signs in units, the Center and administrators"],
        [new("module", "path", true, "The module's file name / 脚本文件名") { Enum = Console.ConsoleFiles.Modules, Example = "app.js" }], null,
        [
            Document(200, "The module.", "text/javascript", "A JavaScript module."),
            new(302, "In Azure, nobody signed in: to App Service authentication's sign-in, as the page."),
            Document(404, "No such module.", "text/plain", "Plain text."),
        ]));

    public static readonly ApiRoute UnitRejections = new("UnitRejections", Get, UnitRejectionsPath, AuthorizationLevel.Function,
        [Roles.Unit, Roles.Admin], new(
        "getUnitRejections", ApiTags.Units, "A unit's refused submissions, newest first (art7) / 退回记录",
        "What the register could not accept from the unit (contract: \"What happens to bad input\"), newest first: each refused " +
        "record, or message refused whole, with its reason code, the sentence in Chinese and English, and the body exactly as " +
        "received. One range query of the unit's index rows in Rejections.",
        [Roles.Unit + " (itself)", Roles.Admin],
        [
            new("unit", "path", true, "A unit code / 单位代码") { Example = SubmittingUnit },
            new("limit", "query", false, "At most this many refusals / 条数", "integer") { Minimum = 1, Maximum = 200, Default = 50, Example = 20 },
        ], null,
        [
            new(200, "The refusals, newest first.", AppJson.Web.UnitRejectionsResponse)
            {
                Examples = [OpenApiExample.Of("refused", "A record refused for its subject id", () => ApiExamples.Rejections, AppJson.Web.UnitRejectionsResponse)],
            },
            Bad($"/api/units/{SubmittingUnit}/rejections", ApiProblems.InvalidUnit("SH-NOWHERE"), ApiProblems.InvalidLimit("0", 200)),
            Unauthorized,
            Refusal(403, "The caller's role may not see a unit's refusals, or they are another unit's.", $"/api/units/{SubmittingUnit}/rejections",
                ApiProblems.ForbiddenUnit()),
            StorageUnavailable,
        ]));

    // Enforcement feedback (联合奖惩应用反馈)
    public static readonly ApiRoute FileFeedback = new("FileFeedback", Post, FeedbackPath, AuthorizationLevel.Function,
        [Roles.Partner, Roles.Unit, Roles.Admin], new(
        "fileFeedback", ApiTags.Feedback, "Report what was done with a measure (art8, art9) / 联合奖惩应用反馈",
        "The department that asked reports back what it did with a measure its look-up named: applied, not applied, or exempted. " +
        "lookupId is the one a restriction answer or screening result carried; it must be the caller's own look-up of that subject " +
        "and business, and the measure one it named. One feedback per look-up and measure. The platform hears it as a " +
        "measure-feedback event, through the outbox like every event (never lost, in order).",
        [Roles.Partner + " (own look-ups)", Roles.Unit + " (own look-ups)", Roles.Admin + " (own look-ups)"], [],
        new(AppJson.Web.FeedbackBody, [OpenApiExample.Of("applied", "Strict review applied to the penalised unit", () => ApiExamples.FeedbackRequest, AppJson.Web.FeedbackBody)]),
        [
            new(201, "Filed.", AppJson.Web.FeedbackFiled) { Examples = [OpenApiExample.Of("filed", "Filed", () => ApiExamples.FeedbackFiled, AppJson.Web.FeedbackFiled)] },
            Bad("/api/feedback", [RequestBody.InvalidJson(), Feedback.FeedbackProblems.InvalidLookupId("lk_1"), Feedback.FeedbackProblems.InvalidHandling("done")],
                SubjectIdErrorCode, "missing-business", "missing-measure", "note-too-long", "invalid-amount"),
            Unauthorized,
            Refusal(403, "The role may not file feedback, the look-up is another caller's, or it was for another business type.", "/api/feedback",
                [Feedback.FeedbackProblems.LookupNotYours(), Feedback.FeedbackProblems.BusinessMismatch("youth-internship-base", Business)], "forbidden"),
            Refusal(404, "The subject has no look-up with this id.", "/api/feedback", Feedback.FeedbackProblems.LookupNotFound()),
            Refusal(409, "This measure of this look-up has feedback already.", "/api/feedback", Feedback.FeedbackProblems.AlreadyGiven()),
            TooLarge("/api/feedback", DefaultBodyBytes),
            Refusal(422, "The look-up did not name this measure.", "/api/feedback", Feedback.FeedbackProblems.MeasureNotNamed("art9.1", ["art8.2.1"])),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute SubjectFeedback = new("SubjectFeedback", Get, SubjectFeedbackPath, AuthorizationLevel.Function,
        [Roles.Subject, Roles.Admin], new(
        "listSubjectFeedback", ApiTags.Feedback, "What was done with the measures named of a subject / 主体的联合奖惩反馈",
        "Every feedback departments gave on look-ups of the subject, oldest look-up first. Logged as a look-up (art12).",
        [Roles.Subject + " (own)", Roles.Admin], [SubjectId], null,
        [
            new(200, "The feedback.", AppJson.Web.SubjectFeedbackResponse)
            {
                Examples = [OpenApiExample.Of("one", "One measure applied", () => ApiExamples.SubjectFeedback, AppJson.Web.SubjectFeedbackResponse)],
            },
            Bad($"/api/subjects/{Unit}/feedback", InvalidSubject),
            Unauthorized, Forbidden, StorageUnavailable,
        ]));

    public static readonly ApiRoute FeedbackSummary = new("FeedbackSummary", Get, FeedbackSummaryPath, AuthorizationLevel.Function,
        [Roles.Admin], new(
        "getFeedbackSummary", ApiTags.Feedback, "How the measures were applied / 联合奖惩反馈统计",
        "Per business type and measure, the look-ups of from … to (days in China Standard Time, at most 366) that named it with a " +
        "restriction or enhanced review, how many got feedback and what was done. The last 30 days when from and to are absent.",
        [Roles.Admin],
        [
            new("from", "query", false, "The first day of look-ups (YYYY-MM-DD); 29 days before to when absent / 起始日期", Format: "date") { Example = "2026-11-01" },
            new("to", "query", false, "The last day of look-ups (YYYY-MM-DD); today when absent / 截止日期", Format: "date") { Example = "2026-11-30" },
        ], null,
        [
            new(200, "The summary.", AppJson.Web.FeedbackSummaryResponse)
            {
                Examples = [OpenApiExample.Of("november", "November's look-ups in HRSS business", () => ApiExamples.FeedbackSummary, AppJson.Web.FeedbackSummaryResponse)],
            },
            Bad("/api/feedback/summary", [Problem.InvalidDate("from", "2026-11"), Feedback.FeedbackProblems.InvalidPeriod(
                "to 不得早于 from，期间最长 366 天（收到 2026-12-01 至 2026-11-01）。", "to may not be before from, and the period is at most 366 days (got 2026-12-01 to 2026-11-01).")]),
            Unauthorized, Forbidden, StorageUnavailable,
        ]));

    // Watches
    private static readonly OpenApiParameter WatchIdParameter =
        new("id", "path", true, "The watch id, wat_ and 20 base32 characters / 关注编号") { Example = ApiExamples.WatchId };

    public static readonly ApiRoute CreateWatch = new("CreateWatch", Post, WatchesPath, AuthorizationLevel.Function,
        [Roles.Partner], new(
        "createWatch", ApiTags.Watches, "Follow subjects / 关注主体",
        "Up to 1,000 subjects (a subject named twice counts once). Every change of them from now on is in the watch's feed " +
        "(GET /api/watches/{id}/changes, after the cursor returned here); with business, each change carries the decision for " +
        "it; with callbackUrl (https), each change is also POSTed there, signed with the secret returned here once: " +
        "X-Credit-Signature: sha256=<hex HMAC-SHA256 of the body>. Only the partner app that made a watch sees it.",
        [Roles.Partner + " (with an object id)"], [],
        new(AppJson.Web.WatchBody, [OpenApiExample.Of("withCallback", "Two units, HRSS business, with a callback", () => ApiExamples.WatchRequest, AppJson.Web.WatchBody)]),
        [
            new(201, "Made: the feed starts after cursor.", AppJson.Web.WatchCreated) { Examples = [OpenApiExample.Of("made", "With its callback secret", () => ApiExamples.WatchMade, AppJson.Web.WatchCreated)] },
            Bad("/api/watches", [RequestBody.InvalidJson(), Watches.WatchProblems.TooManySubjects(1001), Watches.WatchProblems.InvalidCallbackUrl("http://example.com/hook", false)],
                "missing-subjects", SubjectIdErrorCode, "unknown-business-type"),
            Unauthorized, Forbidden, TooLarge("/api/watches", WatchBodyBytes), StorageUnavailable,
        ]))
    {
        MaxBodyBytes = WatchBodyBytes,
    };

    public static readonly ApiRoute GetWatch = new("GetWatch", Get, WatchPath, AuthorizationLevel.Function,
        [Roles.Partner], new(
        "getWatch", ApiTags.Watches, "A watch / 关注详情",
        "Its subjects as the partner named them, its business and callback, and how far its callbacks got.",
        [Roles.Partner + " (its own)"], [WatchIdParameter], null,
        [
            new(200, "The watch.", AppJson.Web.WatchView) { Examples = [OpenApiExample.Of("watch", "Two units, callbacks up to date", () => ApiExamples.Watch, AppJson.Web.WatchView)] },
            Unauthorized, Forbidden, WatchNotFound($"/api/watches/{ApiExamples.WatchId}"), StorageUnavailable,
        ]));

    public static readonly ApiRoute DeleteWatch = new("DeleteWatch", Delete, WatchPath, AuthorizationLevel.Function,
        [Roles.Partner], new(
        "deleteWatch", ApiTags.Watches, "Stop following / 取消关注",
        "The watch ends at once; its feed and pending callbacks go with it.",
        [Roles.Partner + " (its own)"], [WatchIdParameter], null,
        [
            new(204, "Deleted."),
            Unauthorized, Forbidden, WatchNotFound($"/api/watches/{ApiExamples.WatchId}"),
            Refusal(409, "The watch was changed at the same moment: read it again.", $"/api/watches/{ApiExamples.WatchId}", Watches.WatchProblems.Conflict()),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute ChangeWatchSubjects = new("ChangeWatchSubjects", Post, WatchSubjectsPath, AuthorizationLevel.Function,
        [Roles.Partner], new(
        "changeWatchSubjects", ApiTags.Watches, "Add and remove subjects / 调整关注主体",
        "Adds and removes subjects (the watch stays within 1,000). A subject both added and removed stays; removing one the watch " +
        "does not hold changes nothing.",
        [Roles.Partner + " (its own)"], [WatchIdParameter],
        new(AppJson.Web.WatchSubjectsBody, [OpenApiExample.Of("swap", "One in, one out", () => ApiExamples.WatchSubjectsRequest, AppJson.Web.WatchSubjectsBody)]),
        [
            new(200, "Changed.", AppJson.Web.WatchSubjectsChanged) { Examples = [OpenApiExample.Of("swapped", "One in, one out", () => ApiExamples.WatchSubjectsDone, AppJson.Web.WatchSubjectsChanged)] },
            Bad($"/api/watches/{ApiExamples.WatchId}/subjects", [RequestBody.InvalidJson(), Watches.WatchProblems.TooManySubjects(1001)], "missing-subjects", SubjectIdErrorCode),
            Unauthorized, Forbidden, WatchNotFound($"/api/watches/{ApiExamples.WatchId}/subjects"),
            Refusal(409, "The watch was changed at the same moment: read it again.", $"/api/watches/{ApiExamples.WatchId}/subjects", Watches.WatchProblems.Conflict()),
            TooLarge($"/api/watches/{ApiExamples.WatchId}/subjects", WatchBodyBytes),
            StorageUnavailable,
        ]))
    {
        MaxBodyBytes = WatchBodyBytes,
    };

    public static readonly ApiRoute WatchChanges = new("WatchChanges", Get, WatchChangesPath, AuthorizationLevel.Function,
        [Roles.Partner], new(
        "listWatchChanges", ApiTags.Watches, "What changed / 变更记录",
        "Every change of the watched subjects after the cursor, oldest first, each once: record-listed, record-changed, " +
        "record-withdrawn, record-expired (on its expiry day's sweep), objection-opened, objection-closed, repaired; with the " +
        "subject's status after it (and the decision for the watch's business). A change is here within a minute of being " +
        "stored. Ask again after next. Each subject shown is logged as a look-up (art12).",
        [Roles.Partner + " (its own)"],
        [
            WatchIdParameter,
            new("after", "query", false, "A cursor: the watch's creation when absent / 游标") { Example = ApiExamples.WatchCursor },
            new("limit", "query", false, "At most this many changes / 条数", "integer") { Minimum = 1, Maximum = 1000, Default = 100, Example = 100 },
        ], null,
        [
            new(200, "Changes, oldest first.", AppJson.Web.WatchChangesPage) { Examples = [OpenApiExample.Of("listed", "A record listed", () => ApiExamples.WatchFeed, AppJson.Web.WatchChangesPage)] },
            Bad($"/api/watches/{ApiExamples.WatchId}/changes", Watches.WatchProblems.InvalidCursor("yesterday"), ApiProblems.InvalidLimit("0")),
            Unauthorized, Forbidden, WatchNotFound($"/api/watches/{ApiExamples.WatchId}/changes"), StorageUnavailable,
        ]));

    // Reports
    public static readonly ApiRoute IssueReport = new("IssueReport", Post, SubjectReportsPath, AuthorizationLevel.Function,
        [Roles.Subject, Roles.Admin], new(
        "issueCreditReport", ApiTags.Reports, "Issue a credit report of the subject (信用报告) / 出具信用报告",
        "What the register says of the subject today, as GET /api/subjects/{id}/credit says it (status, records, measures; " +
        "dishonesty past its query period left out, as for everyone but administrators), with each record marked repaired (已修复: " +
        "records repaired within their publication period are listed, counting for nothing) and under objection (异议处理中), " +
        "signed by the register's key (ES256, a compact JWS in signature; keys at GET /api/reports/keys). The answer carries the " +
        "report number and a verification code, shown once: whoever is given both checks the report at GET /api/reports/{reportId}. " +
        "An individual's ID number is masked in the report, which is meant to be shown to others. Logged like a look-up (art12).",
        [Roles.Subject + " (own)", Roles.Admin], [SubjectId], null,
        [
            new(201, "Issued: the report, its number, its code and its signature.", AppJson.Web.IssuedReport)
            {
                Examples = [OpenApiExample.Of("generalDishonesty", "The penalty of examples/admin-penalty.json, under objection", () => Reports.ReportExamples.Issued, AppJson.Web.IssuedReport)],
            },
            Bad($"/api/subjects/{Unit}/reports", InvalidSubject),
            Unauthorized,
            Refusal(403, "The caller's role may not ask for reports (forbidden), or a subject asked for another subject's report " +
                "(not-own-subject).", $"/api/subjects/{Unit}/reports",
                Problem.Forbidden("调用方的角色无权使用该接口（POST /api/subjects/{id}/reports）。", "The caller's role may not use this route (POST /api/subjects/{id}/reports)."),
                Reports.ReportProblems.NotOwnSubject()),
            StorageUnavailable,
        ]));

    public static readonly ApiRoute ReportKeys = new("ReportKeys", Get, ReportKeysPath, AuthorizationLevel.Anonymous, Anyone, new(
        "getReportKeys", ApiTags.Reports, "The register's public keys for credit reports / 信用报告公钥",
        "A JWK Set (RFC 7517) of the keys credit reports are signed with: the current one first, then earlier ones that reports " +
        "issued before a rotation carry. A report's JWS header names its key by kid. Public; may be cached for an hour.",
        ["anyone"], [], null,
        [
            new(200, "The keys.", AppJson.Web.ReportKeySet)
            {
                Examples = [OpenApiExample.Of("twoKeys", "After a rotation: the current key and the previous one", () => Reports.ReportExamples.Keys, AppJson.Web.ReportKeySet)],
            },
            NoClientError,
        ]));

    public static readonly ApiRoute VerifyReport = new("VerifyReport", Get, ReportPath, AuthorizationLevel.Anonymous, Anyone, new(
        "verifyCreditReport", ApiTags.Reports, "Check a credit report / 核验信用报告",
        "The report as issued, and current: valid when the register says the same of the subject today (status, records and " +
        "their marks, measures), changed when it says something else. For anyone who has the report number and the code: no " +
        "token, no key. A wrong code is answered exactly as an unknown report. With Accept: text/html, a printable page (Chinese, " +
        "with English) with the report number, the code, the records and their marks. Logged like a look-up (art12), as anonymous.",
        ["anyone with the report number and code"],
        [
            new("reportId", "path", true, "The report number, rpt_ and 20 base32 characters / 报告编号") { Example = Reports.ReportExamples.ReportId },
            new("code", "query", true, "The verification code, XXXX-XXXX-XXXX (case and dashes do not matter) / 验证码") { Example = Reports.ReportExamples.Code },
        ], null,
        [
            new(200, "The report as issued and whether it still holds.", AppJson.Web.VerifiedReport)
            {
                Examples = [OpenApiExample.Of("changed", "Checked after the objection was decided: the record is no longer under objection", () => Reports.ReportExamples.Verified, AppJson.Web.VerifiedReport)],
                AlternateMediaType = "text/html",
                AlternateDescription = "The printable page of the report (with Accept: text/html): self-contained, nothing fetched from elsewhere.",
            },
            Bad($"/api/reports/{Reports.ReportExamples.ReportId}", Reports.ReportProblems.CodeRequired()),
            Refusal(404, "No report with this number and code: an unknown report, a number of the wrong shape and a wrong code are " +
                "the same answer.", $"/api/reports/{Reports.ReportExamples.ReportId}", Reports.ReportProblems.NotFound()),
            StorageUnavailable,
        ]));

    public static IReadOnlyList<ApiRoute> All { get; } =
    [
        Health, Catalogue, OpenApi, SubjectCredit, SubjectRestrictions, SubjectAccessLog, Screening, Record, UnitQuality,
        FileObjection, GetObjection, ListObjections, DecideObjection, FileRepair, ListRepairs, GetRepair, DecideRepair,
        // Documents
        Docs, DocsScript, DocsScriptLicense, AsyncApi,
        // The partner loop
        FileFeedback, SubjectFeedback, FeedbackSummary, CreateWatch, GetWatch, DeleteWatch, ChangeWatchSubjects, WatchChanges,
        // Reports
        IssueReport, ReportKeys, VerifyReport,
        // Console
        ConsolePage, ConsoleStyles, ConsoleScript, UnitRejections,
    ];

    /// <summary>What a corrected record can be refused with: ingestion reads and classifies it like any record.</summary>
    private static string[] CorrectedRecordCodes =>
    [
        RejectionCodes.MissingField, RejectionCodes.InvalidField, RejectionCodes.InvalidDate, RejectionCodes.FutureDecisionDate,
        RejectionCodes.UnknownKind, RejectionCodes.UnknownBehaviourCode, RejectionCodes.SeriousWithoutLegalBasis, RejectionCodes.UnauthorisedSource,
    ];

    /// <summary>The codes of art11's conditions (RepairEligibility), each a member of a 422's conditions.</summary>
    private static string[] RepairConditionCodes =>
    [
        RepairCodes.NotDishonesty, RepairCodes.NotRepairableHere, RepairCodes.LeavesWithUnit, RepairCodes.RecordNotActive,
        RepairCodes.MinimumPeriodNotPassed, RepairCodes.StatementMissing, RepairCodes.StatementTooLong, RepairCodes.CommitmentMissing,
        RepairCodes.ProofMissing, RepairCodes.EvidenceTooMany, RepairCodes.EvidenceItemInvalid, RepairCodes.ArrearsNotCorrected,
        RepairCodes.CorrectionDateInFuture, RepairCodes.CorrectionPeriodNotPassed, RepairCodes.NewArrearsInListingPeriod,
        RepairCodes.CriminalProceedingsPending,
    ];

    private static string SubjectIdErrorCode => Domain.Subjects.SubjectIdError.PublicCode;

    private static Problem InvalidSubject => Problem.InvalidSubjectId(
        "校验码错误：第18位为“X”，作为居民身份证号码应为“9”，作为统一社会信用代码应为“T”。",
        "Wrong check character: character 18 is 'X', but a resident ID number with these digits ends in '9' and a USCC in 'T'.");

    private static Problem InvalidStatus => Problem.Refused(400, "invalid-status",
        "status 应为 pending、decided 或 all，收到“open”。", "status must be pending, decided or all; got 'open'.");

    private static Problem ReasonRequired(string zh, string en) => Problem.Refused(400, ObjectionCodes.ReasonRequired,
        $"请填写{zh}（1 至 {TextRules.MaxReasonCharacters} 个字）。", $"Give the {en} (1 to {TextRules.MaxReasonCharacters} characters).");

    // The gateway's answers (ApiGateway): no trusted identity, a role the route does not take, storage too slow.
    private static OpenApiResponse Unauthorized => new(401,
        "No trusted caller identity: no valid Entra ID token reached App Service authentication (no X-MS-CLIENT-PRINCIPAL), " +
        "or the principal carries no role. (A missing or wrong function key is answered 401 by Azure Functions itself, before " +
        "the app, with no body.)", ProblemBody, ["unauthenticated"])
    {
        Component = "Unauthorized",
        Examples = [OpenApiExample.Of(Problem.Unauthenticated(), $"/api/subjects/{Unit}/credit")],
    };

    private static OpenApiResponse Forbidden => new(403,
        "The caller's role may not use this route, or the subject asked about is not the calling subject itself.", ProblemBody, ["forbidden"])
    {
        Component = "Forbidden",
        Examples = [OpenApiExample.Of(Problem.Forbidden("调用方的角色无权使用该接口（GET /api/subjects/{id}/credit）。",
            "The caller's role may not use this route (GET /api/subjects/{id}/credit)."), $"/api/subjects/{Unit}/credit")],
    };

    private static OpenApiResponse ForbiddenCases(string instance) => Refusal(403,
        "The caller's role may not list cases, or a unit asked for another unit's.", instance,
        Problem.Forbidden("报送单位只能查看本单位的事项；市公共信用信息服务中心和管理员可以查看所有单位的事项。",
            "A submitting unit sees its own cases only; the Public Credit Information Service Center and administrators see every unit's."));

    private static OpenApiResponse WatchNotFound(string instance) => Refusal(404,
        "No such watch, or another partner's (the same answer, so ids cannot be probed).", instance, Watches.WatchProblems.NotFound());

    private static OpenApiResponse StorageUnavailable => new(503,
        $"Storage did not answer within the route's deadline ({ApiGateway.Deadline.TotalSeconds:0} s): try again.", ProblemBody, ["storage-unavailable"])
    {
        Component = "StorageUnavailable",
        Examples = [OpenApiExample.Of(Problem.StorageUnavailable(), $"/api/subjects/{Unit}/credit")],
    };

    private static OpenApiResponse TooLarge(string instance, int maxBytes) => Refusal(413,
        $"The body is larger than the route takes ({maxBytes / 1024} KiB), however it is framed.", instance, RequestBody.TooLarge(maxBytes));

    /// <summary>For routes whose handler answers no client error: only the platform in front of the app answers 4xx here.</summary>
    private static OpenApiResponse NoClientError => new(400,
        "The app answers no client error here; App Service or the Functions host may (404 for a path or method that does not " +
        "exist), without a problem body.")
    {
        IsRange = true,
        Component = "NoClientError",
    };

    private static OpenApiResponse Document(int status, string description, string mediaType, string schemaDescription) =>
        new(status, description) { MediaType = mediaType, BodyDescription = schemaDescription };

    private static OpenApiResponse Bad(string instance, params Problem[] problems) => Refusal(400, "The request is wrong; code says how.", instance, problems);

    /// <summary>A 400 with examples of some of its codes and every other code it can answer with.</summary>
    private static OpenApiResponse Bad(string instance, Problem[] examples, params string[] moreCodes) =>
        Refusal(400, "The request is wrong; code says how.", instance, examples, moreCodes);

    private static OpenApiResponse Refusal(int status, string description, string instance, params Problem[] problems) =>
        Refusal(status, description, instance, problems, []);

    /// <summary>A problem response: its codes are those of the example problems and <paramref name="moreCodes"/>.</summary>
    private static OpenApiResponse Refusal(int status, string description, string instance, Problem[] examples, params string[] moreCodes)
    {
        foreach (var problem in examples)
        {
            if (problem.Status != status)
            {
                throw new InvalidOperationException($"{problem.Code} is a {problem.Status}, documented as a {status} ({instance}).");
            }
        }

        return new(status, description, ProblemBody, [.. examples.Select(p => p.Code).Concat(moreCodes).Distinct(StringComparer.Ordinal)])
        {
            Examples = [.. examples.Select(p => OpenApiExample.Of(p, instance))],
        };
    }
}
