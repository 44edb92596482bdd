using System.Collections.Frozen;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Periods;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Repairs;

/// <summary>
/// The answer to a repair application: eligible (the unit decides by <see cref="DueOn"/>), or refused at once with
/// every unmet condition and the <see cref="EarliestDate"/> it could succeed (null when no date can be given).
/// </summary>
public sealed record RepairEvaluation
{
    public required IReadOnlyList<RepairCondition> Conditions { get; init; }
    public bool IsEligible => Conditions.Count == 0;
    /// <summary>The day of the application (China Standard Time).</summary>
    public required DateOnly FiledOn { get; init; }
    /// <summary>
    /// Refused only: the first day an application could succeed. The latest date of the date-bound conditions, or
    /// <see cref="FiledOn"/> when only things the applicant can supply are missing; null when a bar holds (a court
    /// listing, new arrears in the listing period, criminal proceedings pending, …), because no date can be given here.
    /// </summary>
    public DateOnly? EarliestDate { get; init; }
    /// <summary>Eligible only: the submitting unit decides by this day (3 working days; 15 for the wage-arrears list).</summary>
    public DateOnly? DueOn { get; init; }
    /// <summary>The application is for early removal from the wage-arrears list (MOHRSS Order No. 45).</summary>
    public bool IsWageArrearsRemoval { get; init; }
    /// <summary>The statement, trimmed.</summary>
    public string? Statement { get; init; }
    /// <summary>The evidence references, trimmed.</summary>
    public IReadOnlyList<string> Evidence { get; init; } = [];

    public bool Has(string code)
    {
        foreach (var c in Conditions) if (c.Code == code) return true;
        return false;
    }
}

/// <summary>
/// Whether a repair application may go to the submitting unit for decision (art11 of the Measures; NDRC Order No. 36
/// and, for records decided before 2026-04-01, No. 58; MOHRSS Order No. 45 arts 11–17 for the wage-arrears list;
/// docs/rules.md "Credit repair (art11)"). An application that fails a condition is refused at once with every reason.
/// </summary>
/// <remarks>
/// Choices (the texts leave them open; docs/rules.md "Credit repair (art11)" lists them as defaults):
/// <list type="bullet">
/// <item>A record that cannot be repaired here at all (not this subject's, a court listing, credit-enhancing or excluded,
/// a party listed with a unit, no longer shown) is answered with that one reason alone: listing a missing commitment
/// beside "never here" would mislead.</item>
/// <item>Wage-arrears list, 6 months: counted from the correction, or from the listing when the arrears were corrected
/// before it ("listed for 6 months since the correction").</item>
/// <item>Wage-arrears list, new arrears: another dishonesty record of the same subject decided after the listing
/// decision and by today — a wage-arrears listing, or an administrative penalty whose behaviour code is one of
/// <see cref="NewArrearsBehaviourCodes"/> — whether or not it is still shown (it arose in the listing period); a
/// revoked, withdrawn or excluded one does not count (the act was found not to be so).</item>
/// <item>Criminal proceedings pending: a fact of the application (<see cref="RepairApplication.CriminalProceedingsPending"/>).</item>
/// <item>Evidence: at most 20 references of at most 500 characters, as for objections; the statement at most 2000 characters.</item>
/// </list>
/// </remarks>
public static class RepairEligibility
{
    private static readonly Lazy<WorkingDayCalendar> EmbeddedCalendar = new(() => WorkingDayCalendar.LoadEmbedded());

    /// <summary>
    /// Behaviour codes of administrative penalties that are wage arrears (behaviour list: "withholding or delaying
    /// wages, not paid by the ordered deadline"). Such a penalty decided in the listing period is new arrears.
    /// </summary>
    public static IReadOnlySet<string> NewArrearsBehaviourCodes { get; } =
        new[] { "wage-arrears-ordered-unpaid" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Evaluates <paramref name="application"/> for <paramref name="record"/> on <paramref name="today"/> (the filing day,
    /// China Standard Time) with the catalogue in force that day. <paramref name="otherRecordsOfSubject"/> are the
    /// subject's other records (any state; the record itself may be among them), needed for the wage-arrears list's
    /// "no new arrears" rule. <paramref name="calendar"/> gives the working days of <see cref="RepairEvaluation.DueOn"/>;
    /// by default the embedded State Council calendar.
    /// </summary>
    public static RepairEvaluation Evaluate(
        CreditRecord record,
        RepairApplication application,
        DateOnly today,
        CatalogueSet catalogues,
        IReadOnlyList<CreditRecord>? otherRecordsOfSubject = null,
        WorkingDayCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(catalogues);
        var catalogue = catalogues.ForDate(today);
        var wageArrears = record.Kind == RecordKind.WageArrearsList;

        if (NotRepairableHere(record, application, today) is { } bar)
        {
            return new RepairEvaluation { Conditions = [bar], FiledOn = today, EarliestDate = null, IsWageArrearsRemoval = wageArrears };
        }

        var conditions = new List<RepairCondition>();

        // NDRC Order No. 36 (No. 58 before 2026-04-01): the minimum publication period has passed. Computed on the
        // record from the regime in force on its decision date; "at least" includes the day (art15).
        if (!wageArrears && record.RepairableFrom is { } repairableFrom && today < repairableFrom)
        {
            conditions.Add(new RepairCondition(RepairCodes.MinimumPeriodNotPassed, RepairConditionNature.DateBound, repairableFrom,
                SourceOfPeriod(record),
                $"最短公示期尚未届满：自 {repairableFrom:yyyy-MM-dd} 起方可申请信用修复。",
                $"The minimum publication period has not passed: repair may be applied for from {repairableFrom:yyyy-MM-dd}."));
        }

        // NDRC Order No. 36: the behaviour is corrected and the obligations performed — stated, and proved.
        var statement = TextRules.Clean(application.Statement);
        if (statement is null)
        {
            conditions.Add(new RepairCondition(RepairCodes.StatementMissing, RepairConditionNature.Supplyable, null, "NDRC Order No. 36",
                "请说明失信行为已经纠正、法定义务已经履行的情况。",
                "State how the behaviour was corrected and the obligations were performed."));
        }
        else if (TextRules.CharacterCount(statement) is var length && length > TextRules.MaxReasonCharacters)
        {
            conditions.Add(new RepairCondition(RepairCodes.StatementTooLong, RepairConditionNature.Supplyable, null, "NDRC Order No. 36",
                $"情况说明共 {length} 个字，超过上限 {TextRules.MaxReasonCharacters} 个字。",
                $"The statement has {length} characters, more than the {TextRules.MaxReasonCharacters} allowed."));
            statement = null;
        }

        // NDRC Order No. 36: a public credit commitment. MOHRSS Order No. 45: a written commitment not to default on wages again.
        var commitmentRequired = !wageArrears || catalogue.Document.WageArrears.EarlyRemovalRequiresWrittenCommitment;
        if (commitmentRequired && !application.Commitment)
        {
            conditions.Add(wageArrears
                ? new RepairCondition(RepairCodes.CommitmentMissing, RepairConditionNature.Supplyable, null, "MOHRSS Order No. 45 (arts 11–17)",
                    "请作出不再拖欠农民工工资的书面信用承诺。",
                    "Give a written commitment not to default on migrant workers' wages again.")
                : new RepairCondition(RepairCodes.CommitmentMissing, RepairConditionNature.Supplyable, null, "NDRC Order No. 36",
                    "请作出公开信用承诺。",
                    "Make a public credit commitment."));
        }

        var evidence = CheckProof(application.Evidence, conditions);

        if (wageArrears)
        {
            CheckWageArrears(record, application, today, catalogue, otherRecordsOfSubject, conditions);
        }

        if (conditions.Count > 0)
        {
            return new RepairEvaluation
            {
                Conditions = conditions,
                FiledOn = today,
                EarliestDate = EarliestDate(conditions, today),
                IsWageArrearsRemoval = wageArrears,
                Statement = statement,
                Evidence = evidence,
            };
        }

        // Decision deadline: 3 working days (default, after the State Council's 2025 repair plan); the wage-arrears
        // list 15 working days (MOHRSS Order No. 45, arts 11–17). Counted from the filing day, which is not counted.
        var days = wageArrears ? catalogue.Document.Deadlines.WageArrearsRemovalDecideWorkingDays : catalogue.Document.Deadlines.RepairDecideWorkingDays;
        return new RepairEvaluation
        {
            Conditions = [],
            FiledOn = today,
            DueOn = (calendar ?? EmbeddedCalendar.Value).AddWorkingDays(today, days),
            IsWageArrearsRemoval = wageArrears,
            Statement = statement,
            Evidence = evidence,
        };
    }

    /// <summary>
    /// The earliest day repair could succeed given these unmet conditions: null when a bar holds; otherwise the latest
    /// date-bound day, or today when only supplyable things are missing.
    /// </summary>
    public static DateOnly? EarliestDate(IReadOnlyList<RepairCondition> conditions, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var earliest = today;
        foreach (var c in conditions)
        {
            if (c.Nature == RepairConditionNature.Bar) return null;
            if (c.EarliestDate is { } d && d > earliest) earliest = d;
        }
        return earliest;
    }

    /// <summary>
    /// A wage-arrears listing, or an administrative penalty for wage arrears, of the same subject, decided after the
    /// listing and by <paramref name="today"/>, not revoked, withdrawn or excluded (MOHRSS Order No. 45, arts 11–17:
    /// no early removal while new arrears arise in the listing period).
    /// </summary>
    public static bool IsNewArrearsInListingPeriod(CreditRecord listing, CreditRecord other, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(listing, other) || other.RecordId == listing.RecordId) return false;
        if (other.Subject != listing.Subject || !other.IsDishonesty) return false;
        if (other.State is RecordState.Revoked or RecordState.Withdrawn or RecordState.Excluded) return false;
        var isArrears = other.Kind == RecordKind.WageArrearsList
            || (other.Kind == RecordKind.AdminPenalty && other.BehaviourCode is { } code && NewArrearsBehaviourCodes.Contains(code));
        if (!isArrears) return false;
        if (other.DecisionDate <= listing.DecisionDate || other.DecisionDate > today) return false;
        return listing.ExpiresOn is not { } end || other.DecisionDate < end;
    }

    private static RepairCondition? NotRepairableHere(CreditRecord record, RepairApplication application, DateOnly today)
    {
        if (record.Subject != application.Subject)
        {
            return new RepairCondition(RepairCodes.RecordNotFound, RepairConditionNature.Bar, null, "art11",
                $"该主体没有编号为“{application.RecordId}”的信用记录。",
                $"This subject has no record '{application.RecordId}'.");
        }
        // docs/rules.md "Credit repair (art11)": a court listing is the court's; it is not repaired here (art9.2).
        if (record.Kind == RecordKind.CourtDishonestDebtor || record.Classification == RecordClassification.CourtListing)
        {
            return new RepairCondition(RepairCodes.NotRepairableHere, RepairConditionNature.Bar, null, "art9.2",
                "失信被执行人名单由人民法院管理，不在本系统修复；请向作出决定的人民法院申请。",
                "A court listing of a dishonest judgment debtor is not repaired here: apply to the court that listed it.");
        }
        // art11: repair is of dishonesty. Credit-enhancing records (art6) and the exceptions of art5.2 are not dishonesty.
        if (record.Classification == RecordClassification.Excluded || record.State == RecordState.Excluded)
        {
            return new RepairCondition(RepairCodes.NotDishonesty, RepairConditionNature.Bar, null, "art5.2",
                "该记录依第五条第二项不属于失信信息，未予公示，无需修复。",
                "This record is not dishonesty (art5.2 exception) and is never published: there is nothing to repair.");
        }
        if (!record.IsDishonesty)
        {
            return new RepairCondition(RepairCodes.NotDishonesty, RepairConditionNature.Bar, null, "art11",
                "该记录为守信激励信息，不是失信信息，无需修复。",
                "This is a credit-enhancing record, not dishonesty: there is nothing to repair.");
        }
        // MOHRSS Order No. 45 (arts 11–17): a legal representative or responsible person listed with a unit leaves
        // the list together with the unit (see RepairCascade); the unit applies.
        if (record.Kind == RecordKind.WageArrearsList && !string.IsNullOrEmpty(record.ListedWithUnitId))
        {
            return new RepairCondition(RepairCodes.LeavesWithUnit, RepairConditionNature.Bar, null, "MOHRSS Order No. 45 (arts 11–17)",
                $"该记录随用人单位（{record.ListedWithUnitId}）一并列入名单，随该单位提前移出而一并移出，应由该单位提出申请。",
                $"This party was listed with the unit {record.ListedWithUnitId} and leaves the list with it: the unit applies.");
        }
        if (!record.IsActiveOn(today))
        {
            return new RepairCondition(RepairCodes.RecordNotActive, RepairConditionNature.Bar, null, "art11",
                $"该记录在 {today:yyyy-MM-dd} 已不在公示中（{StateZh(record.State)}），无需修复。",
                $"The record is no longer shown on {today:yyyy-MM-dd} ({record.State.ToWire()}): there is nothing to repair.");
        }
        // A dishonesty record without a repair period (e.g. a behaviour whose period has no minimum) is not repaired here.
        if (record.Kind != RecordKind.WageArrearsList && record.RepairableFrom is null)
        {
            return new RepairCondition(RepairCodes.NotRepairableHere, RepairConditionNature.Bar, null, "NDRC Order No. 36",
                "该记录没有可申请信用修复的期限，不能在此修复。",
                "This record has no period after which repair may be applied for: it is not repaired here.");
        }
        return null;
    }

    private static void CheckWageArrears(
        CreditRecord record, RepairApplication application, DateOnly today, CreditCatalogue catalogue,
        IReadOnlyList<CreditRecord>? others, List<RepairCondition> conditions)
    {
        const string source = "MOHRSS Order No. 45 (arts 11–17)";

        // The arrears are corrected, and at least 6 months have passed since (month-end clamped; the day itself counts).
        if (application.CorrectedOn is not { } correctedOn)
        {
            conditions.Add(new RepairCondition(RepairCodes.ArrearsNotCorrected, RepairConditionNature.Supplyable, null, source,
                "请写明拖欠的农民工工资已全部清偿（纠正）的日期。",
                "State the day the wage arrears were corrected (paid in full)."));
        }
        else if (correctedOn > today)
        {
            conditions.Add(new RepairCondition(RepairCodes.CorrectionDateInFuture, RepairConditionNature.Supplyable, null, source,
                $"纠正日期 {correctedOn:yyyy-MM-dd} 晚于申请日期 {today:yyyy-MM-dd}。",
                $"The correction date {correctedOn:yyyy-MM-dd} is after the application day {today:yyyy-MM-dd}."));
        }
        else
        {
            var countFrom = correctedOn > record.Start ? correctedOn : record.Start;
            var earliest = PeriodRules.WageArrearsEarliestRemoval(countFrom, catalogue);
            if (today < earliest)
            {
                var months = catalogue.Document.WageArrears.EarlyRemovalMonthsAfterCorrection;
                conditions.Add(new RepairCondition(RepairCodes.CorrectionPeriodNotPassed, RepairConditionNature.DateBound, earliest, source,
                    $"自纠正之日（{countFrom:yyyy-MM-dd}）起列入名单未满 {months} 个月：自 {earliest:yyyy-MM-dd} 起方可申请提前移出。",
                    $"Less than {months} months listed since the correction ({countFrom:yyyy-MM-dd}): early removal may be applied for from {earliest:yyyy-MM-dd}."));
            }
        }

        // Never while new arrears arose in the listing period.
        if (others is not null)
        {
            DateOnly? first = null;
            var count = 0;
            foreach (var other in others)
            {
                if (!IsNewArrearsInListingPeriod(record, other, today)) continue;
                count++;
                if (first is null || other.DecisionDate < first) first = other.DecisionDate;
            }
            if (count > 0)
            {
                conditions.Add(new RepairCondition(RepairCodes.NewArrearsInListingPeriod, RepairConditionNature.Bar, null, source,
                    $"列入名单期间又发生拖欠农民工工资行为（{count} 项，最早于 {first:yyyy-MM-dd} 作出决定），不得提前移出。",
                    $"New wage arrears arose in the listing period ({count}, the first decided on {first:yyyy-MM-dd}): no early removal."));
            }
        }

        // Never while criminal proceedings for refusing to pay labour remuneration are pending.
        if (application.CriminalProceedingsPending)
        {
            conditions.Add(new RepairCondition(RepairCodes.CriminalProceedingsPending, RepairConditionNature.Bar, null, source,
                "因拒不支付劳动报酬正被追究刑事责任，不得提前移出。",
                "Criminal proceedings for refusing to pay labour remuneration are pending: no early removal."));
        }
    }

    private static IReadOnlyList<string> CheckProof(IReadOnlyList<string>? evidence, List<RepairCondition> conditions)
    {
        const string source = "NDRC Order No. 36";
        if (evidence is { Count: > TextRules.MaxEvidenceItems })
        {
            conditions.Add(new RepairCondition(RepairCodes.EvidenceTooMany, RepairConditionNature.Supplyable, null, source,
                $"证明材料共 {evidence.Count} 项，最多 {TextRules.MaxEvidenceItems} 项。",
                $"{evidence.Count} evidence references given; at most {TextRules.MaxEvidenceItems} are allowed."));
            return [];
        }
        var cleaned = new List<string>();
        var bad = new List<int>();
        if (evidence is not null)
        {
            for (var i = 0; i < evidence.Count; i++)
            {
                if (TextRules.Clean(evidence[i]) is { } item && TextRules.CharacterCount(item) <= TextRules.MaxEvidenceCharacters) cleaned.Add(item);
                else bad.Add(i + 1);
            }
        }
        if (bad.Count > 0)
        {
            var list = string.Join(", ", bad);
            conditions.Add(new RepairCondition(RepairCodes.EvidenceItemInvalid, RepairConditionNature.Supplyable, null, source,
                $"第 {list} 项证明材料为空或超过 {TextRules.MaxEvidenceCharacters} 个字。",
                $"Evidence reference(s) {list} are empty or longer than {TextRules.MaxEvidenceCharacters} characters."));
        }
        else if (cleaned.Count == 0)
        {
            conditions.Add(new RepairCondition(RepairCodes.ProofMissing, RepairConditionNature.Supplyable, null, source,
                "请提供已经履行法定义务的证明材料（至少一项）。",
                "Give proof that the obligations were fulfilled (at least one piece of evidence)."));
        }
        return cleaned;
    }

    private static string SourceOfPeriod(CreditRecord record) => record.Regime switch
    {
        "ndrc-order-36" => "NDRC Order No. 36",
        "ndrc-order-58" => "NDRC Order No. 58",
        "ndrc-2019-527" => "NDRC office notice 〔2019〕527",
        { } other => "NDRC Order No. 36 (" + other + ")",
        null => "NDRC Order No. 36",
    };

    private static string StateZh(RecordState state) => state switch
    {
        RecordState.Withdrawn => "已撤回",
        RecordState.Revoked => "已撤销",
        RecordState.Repaired => "已修复",
        RecordState.Expired => "已期满",
        _ => "不在公示期内",
    };
}
