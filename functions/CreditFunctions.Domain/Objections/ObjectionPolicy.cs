using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Objections;

/// <summary>An objection as filed (docs/contracts.md "Shapes clients rely on": <c>{"subjectId","recordId","reason","evidence":[…]}</c>); the subject id already parsed.</summary>
public sealed record ObjectionRequest
{
    public required SubjectId Subject { get; init; }
    public required string RecordId { get; init; }
    public string? Reason { get; init; }
    /// <summary>References to evidence (file names, links, document numbers); optional.</summary>
    public IReadOnlyList<string>? Evidence { get; init; }
}

/// <summary>The result of <see cref="ObjectionPolicy.CheckFiling"/>: accepted with the cleaned text, or every problem.</summary>
public sealed record ObjectionFilingCheck
{
    public required IReadOnlyList<ObjectionProblem> Problems { get; init; }
    public bool IsAccepted => Problems.Count == 0;
    /// <summary>The reason, trimmed (null when refused for it).</summary>
    public string? Reason { get; init; }
    /// <summary>The evidence references, trimmed.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];
}

/// <summary>
/// A unit's decision (docs/contracts.md "Shapes clients rely on": <c>{"outcome":"corrected|revoked|upheld","reason","corrected":{…record fields…}}</c>).
/// <see cref="Corrected"/> is the whole corrected record as a submission; the app fills fields the unit left out from
/// the current version. Source, source record id, version and action are set by <see cref="ObjectionPolicy"/>.
/// </summary>
public sealed record ObjectionDecisionRequest
{
    public string? Outcome { get; init; }
    public string? Reason { get; init; }
    public RecordSubmission? Corrected { get; init; }
}

/// <summary>The result of <see cref="ObjectionPolicy.CheckDecision"/>.</summary>
public sealed record ObjectionDecisionCheck
{
    public required IReadOnlyList<ObjectionProblem> Problems { get; init; }
    public bool IsAccepted => Problems.Count == 0;
    public ObjectionOutcome? Outcome { get; init; }
    public string? Reason { get; init; }
    /// <summary>For <see cref="ObjectionOutcome.Corrected"/>: the new version, classified again (art5, art7).</summary>
    public ClassifiedRecord? CorrectedRecord { get; init; }
}

/// <summary>
/// The rules of objections (art10 of the Measures; Shanghai Social Credit Regulations art36): who may object, to what,
/// with what, who decides and what each decision does to the record. Deadlines: <see cref="ObjectionDeadlines"/>.
/// </summary>
/// <remarks>
/// Choices (the texts leave them open; docs/rules.md "Objections (art10)" lists them as defaults):
/// <list type="bullet">
/// <item>Only a record shown on the filing day can be objected to (<c>record-not-shown</c>): art10 speaks of
/// "information on the platform"; an excluded, withdrawn, revoked, repaired or expired record is no longer there, so
/// there is nothing to mark or to correct and push.</item>
/// <item>A court listing (<c>court-dishonest-debtor</c>) is refused (<c>objection-to-court</c>): the court that listed
/// the debtor is the "unit that made the original act" and corrects its list itself; no HRSS unit can decide it.</item>
/// <item>A record of another subject answers <c>record-not-found</c>, so nobody learns another subject's record ids.</item>
/// <item>A record already marked <see cref="CreditRecord.UnderObjection"/> counts as having an open objection.</item>
/// <item>A correction keeps the subject and the kind; a record about the wrong subject or of the wrong kind is revoked
/// (and the right one submitted as a new record).</item>
/// </list>
/// </remarks>
public static class ObjectionPolicy
{
    /// <summary>
    /// Whether <paramref name="filer"/> may object for <paramref name="subject"/> (art10): the subject itself, or the
    /// Public Credit Information Service Center for any subject.
    /// </summary>
    public static bool MayFile(ObjectionFiler? filer, SubjectId subject) => filer switch
    {
        { Role: ObjectionFilerRole.CreditCenter } => true,
        { Role: ObjectionFilerRole.Subject, Subject: { } own } => own == subject,
        _ => false,
    };

    /// <summary>
    /// Only the unit that submitted the record decides an objection against it (art10: "the unit that made the original
    /// act verifies and decides"; art12: only the submitting unit corrects a record).
    /// </summary>
    public static bool MayDecide(string? unitCode, CreditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return unitCode is not null && string.Equals(unitCode, record.Source, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks an objection being filed on <paramref name="today"/> (China Standard Time). <paramref name="record"/> is the
    /// record named by the request (null when none has that id); <paramref name="objectionAlreadyOpen"/> whether the
    /// record already has an open objection. Who-may and which-record problems come alone; otherwise every problem is
    /// listed at once: the record's (422), the request's (400), then the open objection (409).
    /// </summary>
    public static ObjectionFilingCheck CheckFiling(
        ObjectionFiler? filer, ObjectionRequest request, CreditRecord? record, bool objectionAlreadyOpen, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);

        // art10: the subject itself, or the Public Credit Information Service Center acting for it.
        if (filer is null)
        {
            return Refused(new ObjectionProblem(ObjectionCodes.NotAllowedToObject, ObjectionProblemKind.Forbidden, null,
                "只有信用主体本人或市公共信用信息服务中心可以提出异议。",
                "Only the subject itself or the Public Credit Information Service Center may file an objection."));
        }
        if (!MayFile(filer, request.Subject))
        {
            return Refused(new ObjectionProblem(ObjectionCodes.NotOwnSubject, ObjectionProblemKind.Forbidden, "subjectId",
                "信用主体只能对本主体的信息提出异议。",
                "A subject may only object to its own records."));
        }
        if (record is null || record.Subject != request.Subject)
        {
            return Refused(new ObjectionProblem(ObjectionCodes.RecordNotFound, ObjectionProblemKind.NotFound, "recordId",
                $"该主体没有编号为“{request.RecordId}”的信用记录。",
                $"This subject has no record '{request.RecordId}'."));
        }

        var problems = new List<ObjectionProblem>();

        // art10 concerns information on the platform: a record no longer (or never) shown has nothing to mark.
        if (!record.IsActiveOn(today))
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.RecordNotShown, ObjectionProblemKind.RecordNotObjectable, "recordId",
                $"该记录在 {today:yyyy-MM-dd} 未在公示中（{StateZh(record)}），不能对其提出异议。",
                $"The record is not shown on {today:yyyy-MM-dd} ({StateEn(record)}), so it cannot be objected to."));
        }
        // art9.2: the court's list is corrected by the court that made it, not by an HRSS unit.
        if (record.Kind == RecordKind.CourtDishonestDebtor)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.ObjectionToCourt, ObjectionProblemKind.RecordNotObjectable, "recordId",
                "失信被执行人名单由人民法院作出，请向作出决定的人民法院提出纠正申请。",
                "The list of dishonest judgment debtors is the court's: apply to the court that listed the debtor to correct it."));
        }

        var reason = CheckText(request.Reason, "reason", required: true, "异议理由", "reason", problems);
        var evidence = CheckEvidence(request.Evidence, problems);

        // docs/rules.md "Objections (art10)": one open objection per record.
        if (objectionAlreadyOpen || record.UnderObjection)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.ObjectionAlreadyOpen, ObjectionProblemKind.Conflict, "recordId",
                "该记录已有一项尚未办结的异议，请等待处理结果。",
                "An objection to this record is already open; wait for its decision."));
        }

        return new ObjectionFilingCheck { Problems = problems, Reason = problems.Count == 0 ? reason : null, Evidence = evidence };
    }

    /// <summary>
    /// Checks the decision of <paramref name="unitCode"/> on an objection against <paramref name="record"/> on
    /// <paramref name="today"/> (Regulations art36): <c>corrected</c> needs the corrected fields, which are classified
    /// again with the catalogue in force today (art5, art7) and keep the subject and kind; <c>upheld</c> needs a reason
    /// (1..2000 characters); a reason given with the other outcomes is kept (at most 2000 characters).
    /// </summary>
    public static ObjectionDecisionCheck CheckDecision(
        string? unitCode, CreditRecord record, bool objectionOpen, ObjectionDecisionRequest decision, CatalogueSet catalogues, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(catalogues);

        if (!MayDecide(unitCode, record))
        {
            return RefusedDecision(new ObjectionProblem(ObjectionCodes.NotSubmittingUnit, ObjectionProblemKind.Forbidden, null,
                "只有报送该记录的单位可以作出异议处理决定。",
                "Only the unit that submitted the record may decide the objection."));
        }
        if (!objectionOpen)
        {
            return RefusedDecision(new ObjectionProblem(ObjectionCodes.ObjectionNotOpen, ObjectionProblemKind.Conflict, null,
                "该异议已经办结，不能再次作出决定。",
                "This objection has already been decided."));
        }

        var problems = new List<ObjectionProblem>();
        ObjectionOutcome? outcome = null;
        if (TextRules.Clean(decision.Outcome) is not { } outcomeText)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.OutcomeRequired, ObjectionProblemKind.InvalidInput, "outcome",
                "请写明处理结果：corrected（更正）、revoked（撤销）或 upheld（维持）。",
                "State the outcome: corrected, revoked or upheld."));
        }
        else if (!ObjectionOutcomes.TryParse(outcomeText, out var parsed))
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.OutcomeInvalid, ObjectionProblemKind.InvalidInput, "outcome",
                $"处理结果“{outcomeText}”无效，应为 corrected、revoked 或 upheld。",
                $"Outcome '{outcomeText}' is invalid: expected corrected, revoked or upheld."));
        }
        else
        {
            outcome = parsed;
        }

        // Upheld: the unit says why the record stands (Regulations art36).
        var reason = CheckText(decision.Reason, "reason", required: outcome == ObjectionOutcome.Upheld, "维持原记录的理由", "reason for upholding the record", problems);

        ClassifiedRecord? corrected = null;
        if (outcome == ObjectionOutcome.Corrected)
        {
            corrected = CheckCorrection(record, decision.Corrected, catalogues, today, problems);
        }

        return new ObjectionDecisionCheck
        {
            Problems = problems,
            Outcome = problems.Count == 0 ? outcome : null,
            Reason = problems.Count == 0 ? reason : null,
            CorrectedRecord = problems.Count == 0 ? corrected : null,
        };
    }

    /// <summary>Marks the record "under objection" (art10: at once; queries show the mark and the platform is told).</summary>
    public static CreditRecord MarkUnderObjection(CreditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with { UnderObjection = true };
    }

    /// <summary>
    /// The record after an accepted decision taken on <paramref name="decidedOn"/>: <c>upheld</c> clears the mark;
    /// <c>revoked</c> withdraws it from that day (state revoked); <c>corrected</c> is the new version (version + 1,
    /// classified again, same record id), no longer marked. The history keeps the old version (art12).
    /// </summary>
    public static CreditRecord ApplyDecision(CreditRecord record, ObjectionDecisionCheck decision, DateOnly decidedOn)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(decision);
        if (!decision.IsAccepted || decision.Outcome is not { } outcome)
        {
            throw new ArgumentException("Only an accepted decision can be applied.", nameof(decision));
        }
        return outcome switch
        {
            ObjectionOutcome.Upheld => record with { UnderObjection = false },
            ObjectionOutcome.Revoked => record with { State = RecordState.Revoked, WithdrawnOn = decidedOn, UnderObjection = false },
            ObjectionOutcome.Corrected => decision.CorrectedRecord!.ToCreditRecord(record.RecordId) with { UnderObjection = false },
            _ => throw new ArgumentOutOfRangeException(nameof(decision)),
        };
    }

    private static ClassifiedRecord? CheckCorrection(
        CreditRecord record, RecordSubmission? submitted, CatalogueSet catalogues, DateOnly today, List<ObjectionProblem> problems)
    {
        if (submitted is null)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.CorrectedFieldsRequired, ObjectionProblemKind.InvalidInput, "corrected",
                "处理结果为更正时，须提交更正后的记录内容。",
                "A 'corrected' outcome needs the corrected record fields."));
            return null;
        }
        var before = problems.Count;
        if (submitted.Subject != record.Subject)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.CorrectedSubjectChanged, ObjectionProblemKind.InvalidInput, "corrected.subject",
                "更正不能改变记录的信用主体；记录主体有误的，应撤销该记录。",
                "A correction cannot change the subject of the record; a record about the wrong subject is revoked."));
        }
        var kind = submitted.Kind ?? record.Kind.ToWire();
        if (!string.Equals(kind, record.Kind.ToWire(), StringComparison.Ordinal))
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.CorrectedKindChanged, ObjectionProblemKind.InvalidInput, "corrected.kind",
                $"更正不能把“{record.Kind.ToWire()}”类记录改为“{kind}”；类别有误的，应撤销该记录并另行报送。",
                $"A correction cannot change a {record.Kind.ToWire()} record into '{kind}'; revoke it and submit the right record instead."));
        }
        if (problems.Count > before) return null;

        // The new version: same identity, next version, classified again with the catalogue in force (art5, art7).
        var normalised = submitted with
        {
            Source = record.Source,
            SourceRecordId = record.SourceRecordId,
            Version = record.Version + 1,
            Action = RecordActions.Upsert,
            Kind = kind,
        };
        var result = RecordClassifier.Classify(normalised, catalogues, today);
        if (result.IsAccepted) return result.Record;
        var rejection = result.Rejection;
        problems.Add(new ObjectionProblem(rejection.Code, ObjectionProblemKind.InvalidInput,
            rejection.Field is null ? "corrected" : "corrected." + rejection.Field,
            "更正后的记录不能接受：" + rejection.Zh,
            "The corrected record cannot be accepted: " + rejection.En));
        return null;
    }

    internal static string? CheckText(string? text, string field, bool required, string nameZh, string nameEn, List<ObjectionProblem> problems)
    {
        var cleaned = TextRules.Clean(text);
        if (cleaned is null)
        {
            if (required)
            {
                problems.Add(new ObjectionProblem(ObjectionCodes.ReasonRequired, ObjectionProblemKind.InvalidInput, field,
                    $"请填写{nameZh}（1 至 {TextRules.MaxReasonCharacters} 个字）。",
                    $"Give the {nameEn} (1 to {TextRules.MaxReasonCharacters} characters)."));
            }
            return null;
        }
        var length = TextRules.CharacterCount(cleaned);
        if (length > TextRules.MaxReasonCharacters)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.ReasonTooLong, ObjectionProblemKind.InvalidInput, field,
                $"{nameZh}共 {length} 个字，超过上限 {TextRules.MaxReasonCharacters} 个字。",
                $"The {nameEn} has {length} characters, more than the {TextRules.MaxReasonCharacters} allowed."));
            return null;
        }
        return cleaned;
    }

    internal static IReadOnlyList<string> CheckEvidence(IReadOnlyList<string>? evidence, List<ObjectionProblem> problems)
    {
        if (evidence is null || evidence.Count == 0) return [];
        if (evidence.Count > TextRules.MaxEvidenceItems)
        {
            problems.Add(new ObjectionProblem(ObjectionCodes.EvidenceTooMany, ObjectionProblemKind.InvalidInput, "evidence",
                $"证明材料共 {evidence.Count} 项，最多 {TextRules.MaxEvidenceItems} 项。",
                $"{evidence.Count} evidence references given; at most {TextRules.MaxEvidenceItems} are allowed."));
            return [];
        }
        var cleaned = new List<string>(evidence.Count);
        for (var i = 0; i < evidence.Count; i++)
        {
            var field = $"evidence[{i}]";
            if (TextRules.Clean(evidence[i]) is not { } item)
            {
                problems.Add(new ObjectionProblem(ObjectionCodes.EvidenceItemEmpty, ObjectionProblemKind.InvalidInput, field,
                    $"第 {i + 1} 项证明材料为空。",
                    $"Evidence reference {i + 1} is empty."));
                continue;
            }
            var length = TextRules.CharacterCount(item);
            if (length > TextRules.MaxEvidenceCharacters)
            {
                problems.Add(new ObjectionProblem(ObjectionCodes.EvidenceItemTooLong, ObjectionProblemKind.InvalidInput, field,
                    $"第 {i + 1} 项证明材料共 {length} 个字，超过上限 {TextRules.MaxEvidenceCharacters} 个字。",
                    $"Evidence reference {i + 1} has {length} characters, more than the {TextRules.MaxEvidenceCharacters} allowed."));
                continue;
            }
            cleaned.Add(item);
        }
        return cleaned;
    }

    private static ObjectionFilingCheck Refused(ObjectionProblem problem) => new() { Problems = [problem] };

    private static ObjectionDecisionCheck RefusedDecision(ObjectionProblem problem) => new() { Problems = [problem] };

    private static string StateZh(CreditRecord r) => r.State switch
    {
        _ when r.Classification == RecordClassification.Excluded || r.State == RecordState.Excluded => "不属于失信信息，不予公示",
        RecordState.Withdrawn => "已撤回",
        RecordState.Revoked => "已撤销",
        RecordState.Repaired => "已完成信用修复",
        _ => "不在公示期内",
    };

    private static string StateEn(CreditRecord r) => r.State switch
    {
        _ when r.Classification == RecordClassification.Excluded || r.State == RecordState.Excluded => "excluded, never published",
        RecordState.Withdrawn => "withdrawn",
        RecordState.Revoked => "revoked",
        RecordState.Repaired => "repaired",
        _ => "outside its publication period",
    };
}
