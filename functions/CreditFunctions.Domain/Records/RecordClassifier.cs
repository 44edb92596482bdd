using System.Globalization;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Periods;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Records;

/// <summary>
/// Classification of a submission (art5, art6, art7, art9.2). Checks, in this order: action, kind, source (data
/// list), required fields, subject type, listedWithUnitId, dates, behaviour code, severity, art5.2 exclusions, legal
/// basis; the first failure is the answer. docs/rules.md "Classification" lists every choice.
/// </summary>
public static class RecordClassifier
{
    /// <summary>
    /// Checks and classifies one submission with the catalogue in force on <paramref name="today"/> (China Standard
    /// Time). The action is checked to be upsert or revoke but otherwise not used: a revoke is checked by
    /// <see cref="CheckRevoke"/>, which needs only the record's identity; classifying a revoke that carries the whole
    /// record is only to keep its classification.
    /// </summary>
    public static ClassificationResult Classify(RecordSubmission submission, CatalogueSet catalogues, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(catalogues);
        var catalogue = catalogues.ForDate(today);

        if (CheckIdentity(submission, catalogue, out var kind) is { } identityProblem) return Reject(identityProblem);
        var entry = catalogue.DataListEntry(kind);

        foreach (var field in entry.RequiredFields)
        {
            if (!IsPresent(submission, field)) return Reject(Missing(field));
        }
        if (entry.SubjectTypes.Count > 0 && !entry.SubjectTypes.Contains(submission.Subject.Type.ToWire()))
        {
            return Reject(new RejectionReason(RejectionCodes.InvalidField, "subject.type",
                $"“{kind.ToWire()}”类记录的主体只能是{SubjectTypesZh(entry.SubjectTypes)}。",
                $"A {kind.ToWire()} record may only concern: {string.Join(", ", entry.SubjectTypes)}."));
        }
        if (CheckListedWith(submission, kind, today, out var listedWithUnit) is { } listedWithProblem) return Reject(listedWithProblem);

        if (!TryParseDate(submission.DecisionDate, out var decisionDate)) return Reject(BadDate("decisionDate", submission.DecisionDate));
        if (decisionDate < catalogue.EarliestDecisionDate)
        {
            return Reject(new RejectionReason(RejectionCodes.InvalidDate, "decisionDate",
                $"决定日期 {decisionDate:yyyy-MM-dd} 早于目录（版本 {catalogue.Version}）受理的最早决定日期 {catalogue.EarliestDecisionDate:yyyy-MM-dd}。",
                $"The decision date {decisionDate:yyyy-MM-dd} is before {catalogue.EarliestDecisionDate:yyyy-MM-dd}, the earliest decision date the catalogue (version {catalogue.Version}) accepts."));
        }
        if (decisionDate > today)
        {
            return Reject(new RejectionReason(RejectionCodes.FutureDecisionDate, "decisionDate",
                $"决定日期 {decisionDate:yyyy-MM-dd} 晚于今天（{today:yyyy-MM-dd}）。",
                $"The decision date {decisionDate:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})."));
        }
        DateOnly? listingEnd = null, validUntil = null;
        if (submission.ListingEndDate is not null)
        {
            if (!TryParseDate(submission.ListingEndDate, out var d)) return Reject(BadDate("listingEndDate", submission.ListingEndDate));
            if (d < decisionDate) return Reject(BeforeDecision("listingEndDate", d, decisionDate));
            listingEnd = d;
        }
        if (submission.ValidUntil is not null)
        {
            if (!TryParseDate(submission.ValidUntil, out var d)) return Reject(BadDate("validUntil", submission.ValidUntil));
            if (d < decisionDate) return Reject(BeforeDecision("validUntil", d, decisionDate));
            validUntil = d;
        }

        var polarity = kind.Polarity();
        if (polarity == RecordPolarity.ExternalCourt)
        {
            return Accept(submission, kind, RecordClassification.CourtListing, null,
                submission.LegalBasis ?? entry.DefaultLegalBasis, null, decisionDate, listingEnd, validUntil,
                PeriodRules.ForCourtListing(decisionDate, listingEnd), catalogue);
        }
        if (polarity == RecordPolarity.Enhancing)
        {
            var basis = submission.LegalBasis ?? entry.DefaultLegalBasis;
            if (kind == RecordKind.OtherEnhancing && !LegalBasisCheck.NamesLawOrRegulation(basis)) return Reject(BasisNotALaw(kind));
            return Accept(submission, kind, RecordClassification.Enhancing, null, basis, null, decisionDate, listingEnd, validUntil,
                PeriodRules.ForEnhancing(decisionDate, validUntil, catalogue), catalogue);
        }

        // Dishonesty (art5)
        BehaviourEntry? behaviour = null;
        if (submission.BehaviourCode is { } code)
        {
            behaviour = catalogue.Behaviour(code);
            if (behaviour is null)
            {
                return Reject(new RejectionReason(RejectionCodes.UnknownBehaviourCode, "behaviourCode",
                    $"行为代码“{code}”不在失信行为清单（目录版本 {catalogue.Version}）中。",
                    $"Behaviour code '{code}' is not in the behaviour list (catalogue version {catalogue.Version})."));
            }
            if (behaviour.Kind != kind.ToWire())
            {
                return Reject(new RejectionReason(RejectionCodes.InvalidField, "behaviourCode",
                    $"行为代码“{code}”属于“{behaviour.Kind}”，不能用于“{kind.ToWire()}”类记录。",
                    $"Behaviour code '{code}' belongs to kind '{behaviour.Kind}', not '{kind.ToWire()}'."));
            }
        }

        Severity? severity = null;
        if (behaviour is not null && WireNames.TryParseSeverity(behaviour.Severity, out var listed)) severity = listed;
        if (submission.Severity is { } given)
        {
            if (!WireNames.TryParseSeverity(given, out var parsed))
            {
                return Reject(new RejectionReason(RejectionCodes.InvalidField, "severity",
                    $"严重程度“{given}”无效，应为 general 或 serious。",
                    $"Severity '{given}' is invalid: expected general or serious."));
            }
            if (severity is { } fromList && fromList != parsed)
            {
                return Reject(new RejectionReason(RejectionCodes.InvalidField, "severity",
                    $"严重程度“{given}”与失信行为清单对“{behaviour!.Code}”的认定（{fromList.ToWire()}）不一致。",
                    $"Severity '{given}' contradicts the behaviour list, which grades '{behaviour!.Code}' as {fromList.ToWire()}."));
            }
            severity = parsed;
        }
        if (kind == RecordKind.WageArrearsList)
        {
            if (severity == Severity.General)
            {
                return Reject(new RejectionReason(RejectionCodes.InvalidField, "severity",
                    "被列入拖欠农民工工资失信联合惩戒对象名单一律属于严重失信。",
                    "A wage-arrears listing is always serious dishonesty."));
            }
            severity = Severity.Serious;
        }

        if (kind == RecordKind.AdminPenalty)
        {
            var summaryProcedure = false;
            if (submission.Procedure is { } procedure)
            {
                if (procedure == "summary") summaryProcedure = true;
                else if (procedure != "general")
                {
                    return Reject(new RejectionReason(RejectionCodes.InvalidField, "procedure",
                        $"程序“{procedure}”无效，应为 general 或 summary。",
                        $"Procedure '{procedure}' is invalid: expected general or summary."));
                }
            }
            if (summaryProcedure || submission.MinorViolation || submission.HarmMitigated)
            {
                // art5.2: not dishonesty. Stored for traceability, never published nor counted.
                return Accept(submission, kind, RecordClassification.Excluded, severity,
                    submission.LegalBasis ?? behaviour?.LegalBasis, behaviour?.Code, decisionDate, listingEnd, validUntil, null, catalogue);
            }
        }

        if (severity is not { } grade) return Reject(Missing("severity"));

        var legalBasis = ChooseLegalBasis(submission.LegalBasis, behaviour?.LegalBasis, entry.DefaultLegalBasis, out var namesLaw);
        if (grade == Severity.Serious && !namesLaw)
        {
            return Reject(new RejectionReason(RejectionCodes.SeriousWithoutLegalBasis, "legalBasis",
                "认定为严重失信，但未写明所依据的法律、法规或者党中央、国务院政策文件（第五条）。",
                "Serious dishonesty must rest on a law, a regulation, or a Central Committee / State Council policy document, and none is named (art5)."));
        }
        if (kind == RecordKind.OtherDishonesty && !namesLaw) return Reject(BasisNotALaw(kind));

        var classification = grade == Severity.Serious ? RecordClassification.Serious : RecordClassification.General;
        var period = PeriodRules.ForDishonesty(kind, grade, decisionDate, catalogue, behaviour?.Code);
        return Accept(submission, kind, classification, grade, legalBasis, behaviour?.Code, decisionDate, listingEnd, validUntil, period, catalogue,
            listedWithUnit);
    }

    /// <summary>
    /// The checks a revoke needs: action <c>revoke</c> and a <c>sourceRecordId</c>; a kind, when one is given, must be a
    /// known kind (<c>unknown-kind</c>). Nothing else: a revoke names the record by its identity, and the record id is
    /// derived from (source, sourceRecordId), so a source can only ever revoke its own records and needs no data-list
    /// authorization; subject, kind and the other fields may be left out. The version (≥ 1) is the reader's to check.
    /// Null when the revoke may proceed.
    /// </summary>
    public static RejectionReason? CheckRevoke(RecordSubmission submission, CatalogueSet catalogues, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(catalogues);
        if (string.IsNullOrWhiteSpace(submission.Action)) return Missing("action");
        if (!submission.IsRevoke)
        {
            return new RejectionReason(RejectionCodes.InvalidField, "action",
                $"操作“{submission.Action}”不是撤销（revoke）。", $"Action '{submission.Action}' is not revoke.");
        }
        if (!IsPresent(submission, "sourceRecordId")) return Missing("sourceRecordId");
        if (!string.IsNullOrWhiteSpace(submission.Kind) && !WireNames.TryParseKind(submission.Kind, out _))
        {
            return UnknownKind(submission.Kind, catalogues.ForDate(today));
        }
        return null;
    }

    /// <summary>
    /// <c>listedWithUnitId</c> (MOHRSS Order No. 45: a party listed with a unit): only on a wage-arrears listing, where it
    /// must be a valid USCC (parsed, so it is kept in normal form) other than the subject's own.
    /// </summary>
    private static RejectionReason? CheckListedWith(RecordSubmission s, RecordKind kind, DateOnly today, out SubjectId? unit)
    {
        unit = null;
        if (s.ListedWithUnitId is not { } given) return null;
        if (kind != RecordKind.WageArrearsList)
        {
            return new RejectionReason(RejectionCodes.InvalidField, "listedWithUnitId",
                $"字段“listedWithUnitId”（随单位一并列入的当事人）只适用于拖欠农民工工资失信联合惩戒对象名单（wage-arrears-list），不适用于“{kind.ToWire()}”类记录。",
                $"'listedWithUnitId' (a party listed with a unit) belongs to wage-arrears-list records only, not to {kind.ToWire()}.");
        }
        if (!SubjectId.TryParse(given, SubjectType.Unit, today, out var parsed, out var error))
        {
            return new RejectionReason(RejectionCodes.InvalidField, "listedWithUnitId",
                $"字段“listedWithUnitId”应为一并列入名单的单位的统一社会信用代码：{error.Zh}",
                $"'listedWithUnitId' must be the USCC of the unit the party is listed with: {error.En}");
        }
        if (parsed == s.Subject)
        {
            return new RejectionReason(RejectionCodes.InvalidField, "listedWithUnitId",
                "字段“listedWithUnitId”是记录主体自身的统一社会信用代码：单位本身的列入名单记录不填写该字段，随单位列入的当事人的记录才填写。",
                "'listedWithUnitId' is the record's own subject: a unit's own listing leaves it out; it names the unit on the records of the parties listed with it.");
        }
        unit = parsed;
        return null;
    }

    /// <summary>Parses a date exactly as YYYY-MM-DD.</summary>
    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static RejectionReason? CheckIdentity(RecordSubmission s, CreditCatalogue catalogue, out RecordKind kind)
    {
        kind = default;
        if (string.IsNullOrWhiteSpace(s.Action)) return Missing("action");
        if (s.Action is not RecordActions.Upsert and not RecordActions.Revoke)
        {
            return new RejectionReason(RejectionCodes.InvalidField, "action",
                $"操作“{s.Action}”无效，应为 upsert 或 revoke。", $"Action '{s.Action}' is invalid: expected upsert or revoke.");
        }
        if (string.IsNullOrWhiteSpace(s.Kind)) return Missing("kind");
        if (!WireNames.TryParseKind(s.Kind, out kind)) return UnknownKind(s.Kind, catalogue);
        if (!catalogue.MaySubmit(s.Source, kind))
        {
            return new RejectionReason(RejectionCodes.UnauthorisedSource, "source",
                $"单位“{s.Source}”无权报送“{kind.ToWire()}”类记录（数据清单，目录版本 {catalogue.Version}）。",
                $"Unit '{s.Source}' may not submit {kind.ToWire()} records (data list, catalogue version {catalogue.Version}).");
        }
        return null;
    }

    private static RejectionReason UnknownKind(string kind, CreditCatalogue catalogue) =>
        new(RejectionCodes.UnknownKind, "kind",
            $"记录类型“{kind}”不在数据清单（目录版本 {catalogue.Version}）中。",
            $"Record kind '{kind}' is not in the data list (catalogue version {catalogue.Version}).");

    private static string? ChooseLegalBasis(string? submitted, string? fromBehaviour, string? fromKind, out bool namesLaw)
    {
        namesLaw = true;
        if (LegalBasisCheck.NamesLawOrRegulation(submitted)) return submitted;
        if (LegalBasisCheck.NamesLawOrRegulation(fromBehaviour)) return fromBehaviour;
        if (LegalBasisCheck.NamesLawOrRegulation(fromKind)) return fromKind;
        namesLaw = false;
        return submitted ?? fromBehaviour ?? fromKind;
    }

    private static bool IsPresent(RecordSubmission s, string field) => field switch
    {
        "sourceRecordId" => !string.IsNullOrWhiteSpace(s.SourceRecordId),
        "version" => s.Version > 0,
        "action" => !string.IsNullOrWhiteSpace(s.Action),
        "kind" => !string.IsNullOrWhiteSpace(s.Kind),
        "subject.id" => !string.IsNullOrEmpty(s.Subject.Value),
        "subject.name" => !string.IsNullOrWhiteSpace(s.SubjectName),
        "subject.legalRepresentativeId" => s.LegalRepresentative is not null,
        "decisionDate" => !string.IsNullOrWhiteSpace(s.DecisionDate),
        "decisionNumber" => !string.IsNullOrWhiteSpace(s.DecisionNumber),
        "behaviourCode" => !string.IsNullOrWhiteSpace(s.BehaviourCode),
        "severity" => !string.IsNullOrWhiteSpace(s.Severity),
        "legalBasis" => !string.IsNullOrWhiteSpace(s.LegalBasis),
        "procedure" => !string.IsNullOrWhiteSpace(s.Procedure),
        "minorViolation" or "harmMitigated" => true,
        "listingEndDate" => !string.IsNullOrWhiteSpace(s.ListingEndDate),
        "listedWithUnitId" => !string.IsNullOrWhiteSpace(s.ListedWithUnitId),
        "validUntil" => !string.IsNullOrWhiteSpace(s.ValidUntil),
        "summary" => !string.IsNullOrWhiteSpace(s.Summary),
        _ => false,
    };

    private static ClassificationResult Reject(RejectionReason reason) => ClassificationResult.Rejected(reason);

    private static ClassificationResult Accept(
        RecordSubmission submission, RecordKind kind, RecordClassification classification, Severity? severity,
        string? legalBasis, string? behaviourCode, DateOnly decisionDate, DateOnly? listingEnd, DateOnly? validUntil,
        PublicationPeriod? period, CreditCatalogue catalogue, SubjectId? listedWithUnit = null) =>
        ClassificationResult.Accepted(new ClassifiedRecord
        {
            Submission = submission,
            ListedWithUnit = listedWithUnit,
            Kind = kind,
            Polarity = kind.Polarity(),
            Classification = classification,
            Severity = severity,
            LegalBasis = legalBasis,
            BehaviourCode = behaviourCode,
            DecisionDate = decisionDate,
            ListingEndDate = listingEnd,
            ValidUntil = validUntil,
            Period = period,
            CatalogueVersion = catalogue.Version,
        });

    private static RejectionReason Missing(string field) => field == "severity"
        ? new RejectionReason(RejectionCodes.MissingField, "severity",
            "未给出失信行为清单中的行为代码，也未给出严重程度（general 或 serious）。",
            "Neither a behaviour code of the behaviour list nor a severity (general or serious) is given.")
        : new RejectionReason(RejectionCodes.MissingField, field, $"缺少必填字段“{field}”。", $"The required field '{field}' is missing.");

    private static RejectionReason BadDate(string field, string? value) =>
        new(RejectionCodes.InvalidDate, field,
            $"字段“{field}”的日期“{value}”无效，应为 YYYY-MM-DD 格式的真实日期。",
            $"'{value}' in '{field}' is not a real date in the form YYYY-MM-DD.");

    private static RejectionReason BeforeDecision(string field, DateOnly value, DateOnly decision) =>
        new(RejectionCodes.InvalidDate, field,
            $"字段“{field}”的日期 {value:yyyy-MM-dd} 早于决定日期 {decision:yyyy-MM-dd}。",
            $"'{field}' {value:yyyy-MM-dd} is before the decision date {decision:yyyy-MM-dd}.");

    private static RejectionReason BasisNotALaw(RecordKind kind) =>
        new(RejectionCodes.InvalidField, "legalBasis",
            $"“{kind.ToWire()}”类记录（{kind.Article()}）须写明所依据的法律、法规或国家规定。",
            $"A {kind.ToWire()} record ({kind.Article()}) must name the law, regulation or national rule it rests on.");

    private static string SubjectTypesZh(List<string> types) =>
        string.Join("、", types.Select(t => t == "unit" ? "单位" : "个人"));
}
