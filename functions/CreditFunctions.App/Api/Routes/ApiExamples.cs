using CreditFunctions.App.Objections;
using CreditFunctions.App.Repairs;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Api.Routes;

/// <summary>
/// The values the OpenAPI document's examples show, in the app's own types (serialised by its JSON contracts, so an example
/// always matches its schema). They tell the README's story: the administrative penalty of examples/admin-penalty.json
/// (unit 91310110666007217T, decided 2024-04-30, shown until 2027-04-30), the court listing of examples/court-listing.json
/// naming the unit's legal representative, and what the answers to them were on a dev host.
/// </summary>
public static partial class ApiExamples
{
    public const string Unit = "91310110666007217T";
    public const string UnitName = "上海某某建筑工程有限公司";
    public const string Person = "11010519491231002X";
    public const string SubmittingUnit = "SH-HRSS-ENFORCEMENT";
    public const string DecisionNumber = "沪人社监罚〔2024〕123号";
    public const string ObjectionId = "obj_hgckbig6qp2ecxloqspb";
    public const string RepairId = "rep_rv7pmkac2l4fdeatdzjy";
    public const string Business = "hrss-business";
    public const string CatalogueVersion = "2026-04-01";

    public static readonly DateOnly AsOf = new(2026, 4, 1);
    public static readonly DateOnly DecisionDate = new(2024, 4, 30);
    public static readonly DateOnly ExpiresOn = new(2027, 4, 30);
    public static readonly DateOnly FiledOn = new(2026, 12, 1);
    private static readonly DateTimeOffset FiledAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.FromHours(8));

    /// <summary>The id the register gives the penalty of examples/admin-penalty.json (RecordIds.For).</summary>
    public static readonly string RecordId = RecordIds.For(SubmittingUnit, DecisionNumber);

    /// <summary>The id of the court listing of examples/court-listing.json.</summary>
    public static readonly string CourtRecordId = RecordIds.For("court", "COURT-DEMO-1");

    /// <summary>
    /// The person's ID number as everyone but the person (and a unit that submitted one of its records) sees it. A property,
    /// not a field: the route table reads this class's fields when a function first runs, and only the document needs this.
    /// </summary>
    public static string PersonMasked => SubjectId.TryParse(Person, SubjectType.Individual, FiledOn, out var person, out _)
        ? person.Masked
        : throw new InvalidOperationException("The example ID number does not parse.");

    private const string Summary = "未按时足额支付劳动者工资 / Wages not paid in full and on time";

    private static readonly LocalizedName KeyReviewText = new(
        "存在失信信息，办理人力资源社会保障业务时从严审核资质和材料（第八条第二款第一项）",
        "Dishonesty on record: qualifications and materials are reviewed strictly in HRSS business (art8(2)1)");

    private static readonly LocalizedName YouthBaseText = new(
        "本人或单位法定代表人系失信被执行人，不得申报青年职业训练营、青年就业创业见习基地（第九条第二项第2目）",
        "The subject, or the unit's legal representative, is a dishonest judgment debtor: may not become a youth training camp or internship base (art9(2)2)");

    public static CreditResponse Credit => new(
        new SubjectView(SubjectType.Unit.ToWire(), Unit, UnitName),
        AsOf,
        "general-dishonesty",
        [new RecordView(RecordId, "admin-penalty", "general", DecisionDate, DecisionNumber, ExpiresOn, false, Summary, "general", SubmittingUnit)],
        [
            new MeasureView("key-review", "art8.2.1", "constraint", new("列为人力资源社会保障业务重点审查对象", "Key review target in HRSS business"),
                [new ReasonView("art5.2", [RecordId])]),
            new MeasureView("key-supervision", "art8.2.2", "constraint", new("列为日常监管重点对象", "Key target of routine supervision"),
                [new ReasonView("art5.2", [RecordId])]),
        ],
        CatalogueVersion);

    public static CreditResponse NoRecord => new(
        new SubjectView(SubjectType.Individual.ToWire(), PersonMasked, null), AsOf, "no-record", [], [], CatalogueVersion);

    public static RestrictionResponse EnhancedReview => new(
        Unit, Business, AsOf, "enhanced-review", [new ReasonView("art8.2.1", [RecordId], KeyReviewText)], [], CatalogueVersion);

    public static RestrictionResponse Restricted => new(
        Unit, "youth-internship-base", AsOf, "restricted", [new ReasonView("art9.2.2", [CourtRecordId], YouthBaseText)], [], CatalogueVersion);

    public static AccessLogResponse AccessLog => new(Unit,
    [
        new AccessLogView(FiledAt, "partner", null, "某区就业促进中心 / a district employment centre", false, Business, "GET /api/subjects/{id}/restrictions")
        {
            ObjectId = "6f1c2b9e-4d3a-4e8f-9b7c-2a1d0e5f4c3b",
            LookupId = LookupId,
            Decision = "enhanced-review",
        },
        new AccessLogView(FiledAt.AddMinutes(-5), "subject", null, null, true, null, "GET /api/subjects/{id}/credit"),
    ]);

    public static ScreeningRequest ScreeningRequest => new(Business, [Unit, "91310110666007217X"]);

    public static ScreeningResponse Screening => new(Business, AsOf, CatalogueVersion,
    [
        new ScreeningResult(0, Unit, "general-dishonesty", "enhanced-review", [new ReasonView("art8.2.1", [RecordId], KeyReviewText)]),
        new ScreeningResult(1, "913101********217X", Problem: ProblemDocuments.Of(Problem.InvalidSubjectId(
            "校验码错误：第18位为“X”，作为居民身份证号码应为“9”，作为统一社会信用代码应为“T”。",
            "Wrong check character: character 18 is 'X', but a resident ID number with these digits ends in '9' and a USCC in 'T'."),
            "/api/screenings")),
    ]);

    public static RecordDetailResponse Record => new(
        RecordId, SubmittingUnit, DecisionNumber, 1, "active", new SubjectView(SubjectType.Unit.ToWire(), Unit, UnitName),
        "admin-penalty", "general", "general", DecisionDate, DecisionNumber, DecisionDate, ExpiresOn, null, new DateOnly(2024, 7, 30), false,
        Summary, null, null, null, null, CatalogueVersion,
        new RecordHistoryView(true,
        [
            new HistoryEntryView(1, "received", 1, SubmittingUnit, FiledAt.AddDays(-1), "general admin-penalty, catalogue 2026-04-01",
                "25697350d305cde3a8b485cb49b70e57b35c4a78793100cac5b9d9d28679a360"),
        ]));

    public static UnitQualityResponse Quality
    {
        get
        {
            var month = new TimelinessMonthView("2026-11", 40, 31, 6, 2, 1, 0.775, 5.1, 34);
            return new UnitQualityResponse(SubmittingUnit, new TimelinessView(month with { Month = null }, [month]),
                new RejectionsView(3, [new RejectionCodeView("invalid-subject-id", 2), new RejectionCodeView("missing-field", 1)],
                    [new RejectionMonthView("2026-11", 2), new RejectionMonthView("2026-10", 1)]));
        }
    }

    public static HealthReport Health => new HealthReport(
        "healthy", FiledAt, new HealthStorage(true, true, null), new HealthVersions("1.0.0+bf118e0", "2023-09-01,2026-04-01"))
    {
        Freshness = [new SourceFreshnessView(SubmittingUnit, FiledAt.AddHours(-2), new Dictionary<string, long> { ["admin-penalty"] = 1 })],
    };

    public static HealthReport Unhealthy => new(
        "unhealthy", FiledAt, new HealthStorage(false, true, "RequestFailedException"), new HealthVersions("1.0.0+bf118e0", "2023-09-01,2026-04-01"));

    /// <summary>The catalogue in force on <see cref="AsOf"/>, as served, with each list cut to its first entries.</summary>
    public static CatalogueDocument Catalogue()
    {
        var full = CatalogueSet.LoadEmbedded().ForDate(AsOf).Document;
        return new CatalogueDocument
        {
            Version = full.Version,
            EffectiveFrom = full.EffectiveFrom,
            Title = full.Title,
            MeasuresValidUntil = full.MeasuresValidUntil,
            AfterMeasuresEnd = full.AfterMeasuresEnd,
            Units = [.. full.Units.Take(2)],
            BusinessTypes = [.. full.BusinessTypes.Where(b => b.Code is Business or "employment-aid")],
            DataList = [.. full.DataList.Take(1)],
            BehaviourList = [.. full.BehaviourList.Take(1)],
            ApplicationList = [.. full.ApplicationList.Where(m => m.Article == "art8.2.1")],
            PublicationRegimes = [.. full.PublicationRegimes.Take(1)],
            WageArrears = full.WageArrears,
            CreditEnhancing = full.CreditEnhancing,
            EarliestDecisionDate = full.EarliestDecisionDate,
            QueryPeriodYears = full.QueryPeriodYears,
            Deadlines = full.Deadlines,
        };
    }

    public static ObjectionFilingBody ObjectionRequest => new(Unit, RecordId, "处罚所依据的事实有误 / The facts the penalty rests on are wrong", ["缴款凭证.pdf"]);

    public static ObjectionFiled ObjectionFiled => new(ObjectionId, "pending", new DateOnly(2026, 12, 8), RecordId, FiledOn);

    public static ObjectionView ObjectionPending => new(
        ObjectionId, "pending", RecordId, SubmittingUnit, "subject", "处罚所依据的事实有误 / The facts the penalty rests on are wrong", ["缴款凭证.pdf"],
        FiledOn, new DateOnly(2026, 12, 8), false, null, null, null, null, null);

    public static ObjectionView ObjectionUpheld => ObjectionPending with
    {
        Status = "decided",
        Outcome = ObjectionOutcome.Upheld.ToWire(),
        DecisionReason = "经复核，处罚事实清楚 / On review, the facts are clear",
        DecidedOn = FiledOn,
    };

    public static ObjectionList Objections => new(
        [new ObjectionSummary(ObjectionId, "pending", RecordId, SubmittingUnit, FiledOn, new DateOnly(2026, 12, 8), false, false, null, null, "subject")]);

    public static ObjectionDecisionBody Upheld => new(ObjectionOutcome.Upheld.ToWire(), "经复核，处罚事实清楚 / On review, the facts are clear", null);

    public static ObjectionDecisionBody Corrected => new(ObjectionOutcome.Corrected.ToWire(), "处罚决定书编号有误 / The decision number was wrong",
        System.Text.Json.JsonDocument.Parse("""{"decisionNumber":"沪人社监罚〔2024〕132号"}""").RootElement.Clone());

    public static RepairFilingBody RepairRequest => new(Unit, RecordId, "罚款已缴清并整改 / The fine is paid and the practice corrected", true, ["缴款书.pdf"], null, null);

    public static RepairFiled RepairFiled => new(RepairId, "pending", new DateOnly(2026, 12, 4), RecordId, FiledOn, false);

    public static RepairView RepairPending => new(
        RepairId, "pending", RecordId, SubmittingUnit, "罚款已缴清并整改 / The fine is paid and the practice corrected", true, ["缴款书.pdf"], null, false,
        FiledOn, new DateOnly(2026, 12, 4), null, null, null, null, null);

    public static RepairView RepairApproved => RepairPending with
    {
        Status = "decided",
        Outcome = RepairOutcome.Approved.ToWire(),
        DecidedOn = FiledOn,
        DecidedLate = false,
    };

    public static RepairList Repairs => new(
        [new RepairSummary(RepairId, "pending", RecordId, SubmittingUnit, FiledOn, new DateOnly(2026, 12, 4), null, false)]);

    public static RepairDecisionBody Approved => new(RepairOutcome.Approved.ToWire(), null);

    public static RepairDecisionBody Rejected => new(RepairOutcome.Rejected.ToWire(), "欠款尚未全部清偿 / The arrears are not all paid");

    /// <summary>A repair applied for with nothing but the record: three supplyable conditions unmet.</summary>
    public static Problem RepairNotEligible => Problem.RepairNotEligible(FiledOn,
    [
        new ProblemCondition(RepairCodes.StatementMissing, "请说明失信行为已经纠正、法定义务已经履行的情况。", "State how the behaviour was corrected and the obligations were performed."),
        new ProblemCondition(RepairCodes.CommitmentMissing, "请作出公开信用承诺。", "Make a public credit commitment."),
        new ProblemCondition(RepairCodes.ProofMissing, "请提供已经履行法定义务的证明材料（至少一项）。", "Give proof that the obligations were fulfilled (at least one piece of evidence)."),
    ]);

    // Console (docs/console.md)

    /// <summary>A unit's newest refusal: a penalty whose USCC has a wrong check character.</summary>
    public static UnitRejectionsResponse Rejections => new(SubmittingUnit,
    [
        new RejectionView(FiledAt, "SH-HRSS-ENFORCEMENT-2026-12-01-001", 0, "AP-2026-0456", "invalid-subject-id", "subject.id",
            new LocalizedName("统一社会信用代码校验码错误：第18位为“X”，应为“T”。", "Wrong USCC check character: character 18 is 'X', expected 'T'."),
            """{"sourceRecordId":"AP-2026-0456","version":1,"action":"upsert","kind":"admin-penalty","subject":{"type":"unit","id":"91310110666007217X"}}""",
            null),
    ], false);
}
