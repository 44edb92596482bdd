using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;

namespace CreditFunctions.Domain.Catalogue;

/// <summary>Checks catalogue versions, alone and together; collects every problem (one line each).</summary>
internal static class CatalogueValidator
{
    /// <summary>Every field a data-list entry may name: the wire names of a credit-records/v1 record.</summary>
    public static readonly IReadOnlySet<string> KnownFields = new HashSet<string>(StringComparer.Ordinal)
    {
        "sourceRecordId", "version", "action", "kind", "subject.id", "subject.name", "subject.legalRepresentativeId",
        "decisionDate", "decisionNumber", "behaviourCode", "severity", "legalBasis", "procedure", "minorViolation",
        "harmMitigated", "listingEndDate", "listedWithUnitId", "validUntil", "summary",
    };

    private static readonly HashSet<string> MeasureArticles = new(StringComparer.Ordinal)
    {
        "art8.1.1", "art8.1.2", "art8.1.3", "art8.2.1", "art8.2.2", "art8.2.3", "art8.2.4", "art9.1", "art9.2.1", "art9.2.2", "art9.3",
    };

    public static void ValidateOne(CatalogueDocument d, List<string> problems)
    {
        var v = string.IsNullOrWhiteSpace(d.Version) ? "(no version)" : d.Version;
        void P(string message) => problems.Add($"{v}: {message}");

        if (string.IsNullOrWhiteSpace(d.Version)) P("version is missing");
        if (d.EffectiveFrom == default) P("effectiveFrom is missing");
        if (d.MeasuresValidUntil == default) P("measuresValidUntil is missing");
        if (d.EarliestDecisionDate is { } earliestText)
        {
            if (!TryParseEarliestDecisionDate(earliestText, out var earliest))
                P($"earliestDecisionDate '{earliestText}' is not a date YYYY-MM-DD");
            else if (d.EffectiveFrom != default && earliest > d.EffectiveFrom)
                P($"earliestDecisionDate {earliest:yyyy-MM-dd} is after effectiveFrom {d.EffectiveFrom:yyyy-MM-dd}: decisions made while this version is in force would be refused");
        }

        // units
        var units = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in d.Units)
        {
            if (string.IsNullOrWhiteSpace(u.Code)) P("units: a unit has no code");
            else if (!units.Add(u.Code)) P($"units: duplicate unit '{u.Code}'");
        }

        // data list
        var kinds = new HashSet<RecordKind>();
        foreach (var e in d.DataList)
        {
            var at = $"dataList[{e.Kind}]";
            if (!WireNames.TryParseKind(e.Kind, out var kind)) { P($"{at}: unknown kind '{e.Kind}'"); continue; }
            if (!kinds.Add(kind)) P($"{at}: duplicate kind");
            if (e.Article != kind.Article()) P($"{at}: article '{e.Article}' but the Measures put this kind in {kind.Article()}");
            if (e.Polarity != kind.Polarity().ToWire()) P($"{at}: polarity '{e.Polarity}' but this kind is '{kind.Polarity().ToWire()}'");
            foreach (var t in e.SubjectTypes)
                if (!WireNames.TryParseSubjectType(t, out _)) P($"{at}: unknown subject type '{t}'");
            foreach (var f in e.RequiredFields)
            {
                if (!KnownFields.Contains(f)) P($"{at}: unknown required field '{f}'");
                if (e.OptionalFields.Contains(f)) P($"{at}: field '{f}' is both required and optional");
            }
            foreach (var f in e.OptionalFields)
                if (!KnownFields.Contains(f)) P($"{at}: unknown optional field '{f}'");
            if (kind != RecordKind.WageArrearsList && (e.RequiredFields.Contains("listedWithUnitId") || e.OptionalFields.Contains("listedWithUnitId")))
                P($"{at}: listedWithUnitId belongs to wage-arrears-list only (a party listed with a unit, MOHRSS Order No. 45)");
            if (e.Submitters.Count == 0) P($"{at}: nobody may submit it");
            foreach (var s in e.Submitters)
                if (!units.Contains(s)) P($"{at}: unknown submitting unit '{s}'");
            if (kind == RecordKind.WageArrearsList && !LegalBasisCheck.NamesLawOrRegulation(e.DefaultLegalBasis))
                P($"{at}: wage-arrears-list is serious and needs a defaultLegalBasis naming a law or regulation");
        }
        foreach (var kind in RecordKinds.All)
            if (!kinds.Contains(kind)) P($"dataList: kind '{kind.ToWire()}' ({kind.Article()}) is missing");

        // behaviour list
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in d.BehaviourList)
        {
            var at = $"behaviourList[{b.Code}]";
            if (string.IsNullOrWhiteSpace(b.Code)) P("behaviourList: a behaviour has no code");
            else if (!codes.Add(b.Code)) P($"{at}: duplicate code");
            var knownKind = WireNames.TryParseKind(b.Kind, out var kind);
            if (!knownKind) P($"{at}: unknown kind '{b.Kind}'");
            else if (kind.Polarity() != RecordPolarity.Dishonesty) P($"{at}: kind '{b.Kind}' is not dishonesty (art5)");
            if (!WireNames.TryParseSeverity(b.Severity, out var severity)) P($"{at}: severity '{b.Severity}' is neither general nor serious");
            else
            {
                if (severity == Severity.Serious && !LegalBasisCheck.NamesLawOrRegulation(b.LegalBasis))
                    P($"{at}: serious behaviour without a legal basis naming a law, a regulation or a Central Committee / State Council document (art5)");
                if (knownKind && kind == RecordKind.WageArrearsList && severity != Severity.Serious)
                    P($"{at}: wage-arrears-list is always serious");
            }
            if (b.Periods is { } p) CheckPeriod(p, $"{at}.periods", P);
        }

        // business types (before measures, which name them)
        var businessTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in d.BusinessTypes)
        {
            if (string.IsNullOrWhiteSpace(t.Code)) P("businessTypes: a business type has no code");
            else if (!businessTypes.Add(t.Code)) P($"businessTypes: duplicate '{t.Code}'");
        }

        // application list
        var measureCodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in d.ApplicationList)
        {
            var at = $"applicationList[{m.Code}]";
            if (string.IsNullOrWhiteSpace(m.Code)) P("applicationList: a measure has no code");
            else if (!measureCodes.Add(m.Code)) P($"{at}: duplicate code");
            if (!MeasureArticles.Contains(m.Article)) P($"{at}: article '{m.Article}' is not a measure of art8 or art9");
            if (!StatusWireNames.TryParseMeasureKind(m.Kind, out var kind)) P($"{at}: kind '{m.Kind}' is not incentive, constraint or joint-punishment");
            else
            {
                var expected = kind switch { MeasureKind.Incentive => "art8.1.", MeasureKind.Constraint => "art8.2.", _ => "art9." };
                if (!m.Article.StartsWith(expected, StringComparison.Ordinal)) P($"{at}: a {m.Kind} measure belongs in {expected}*, not {m.Article}");
                if (kind == MeasureKind.Incentive && m.Effect is not null) P($"{at}: an incentive cannot restrict (effect '{m.Effect}')");
            }
            if (m.Name is null) P($"{at}: name {{zh,en}} is missing");
            if (m.Trigger.AnyOf.Count == 0) P($"{at}: trigger has no condition");
            foreach (var c in m.Trigger.AnyOf)
            {
                if (c.Of is not null and not "self" and not "legal-representative") P($"{at}: trigger 'of' is '{c.Of}', expected self or legal-representative");
                if (c.Kinds is null && c.Classifications is null && c.Statuses is null) P($"{at}: a trigger condition names no kind, classification or status");
                if (c.Of == "legal-representative" && c.Kinds is null && c.Classifications is null) P($"{at}: a legal-representative condition must name kinds or classifications");
                foreach (var s in c.SubjectTypes ?? []) if (!WireNames.TryParseSubjectType(s, out _)) P($"{at}: trigger names unknown subject type '{s}'");
                foreach (var s in c.Statuses ?? []) if (!StatusWireNames.TryParseStatus(s, out _)) P($"{at}: trigger names unknown status '{s}'");
                foreach (var k in c.Kinds ?? []) if (!WireNames.TryParseKind(k, out _)) P($"{at}: trigger names unknown kind '{k}'");
                foreach (var k in c.Classifications ?? [])
                    if (!WireNames.TryParseClassification(k, out var cl) || cl == RecordClassification.Excluded)
                        P($"{at}: trigger names unknown classification '{k}' (excluded records never count)");
            }
            foreach (var t in m.BusinessTypes)
                if (!businessTypes.Contains(t)) P($"{at}: unknown business type '{t}'");
            if (m.Effect is not null and not "restricted" and not "enhanced-review") P($"{at}: effect '{m.Effect}' is neither restricted nor enhanced-review");
            if (m.Effect is not null && m.BusinessTypes.Count == 0) P($"{at}: has an effect but affects no business type");
            if (m.Effect is not null && m.ReasonText is null) P($"{at}: reasonText {{zh,en}} is missing");
        }
        foreach (var t in d.BusinessTypes)
        {
            foreach (var code in t.ExemptFromMeasures)
            {
                var measure = d.ApplicationList.Find(m => m.Code == code);
                if (measure is null) P($"businessTypes[{t.Code}]: unknown measure reference '{code}'");
                else if (measure.BusinessTypes.Contains(t.Code)) P($"businessTypes[{t.Code}]: exempt from '{code}' but that measure lists it");
            }
        }

        // publication regimes
        var regimeNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in d.PublicationRegimes)
        {
            var at = $"publicationRegimes[{r.Name}]";
            if (string.IsNullOrWhiteSpace(r.Name)) P("publicationRegimes: a regime has no name");
            else if (!regimeNames.Add(r.Name)) P($"{at}: duplicate name");
            if (r.DecisionsFrom is { } f && r.DecisionsUntil is { } u && u < f) P($"{at}: decisionsUntil {u:yyyy-MM-dd} is before decisionsFrom {f:yyyy-MM-dd}");
            if (r.Kinds.Count == 0) P($"{at}: applies to no kind");
            foreach (var k in r.Kinds)
            {
                if (!WireNames.TryParseKind(k, out var kind)) P($"{at}: unknown kind '{k}'");
                else if (kind is RecordKind.WageArrearsList || kind.Polarity() != RecordPolarity.Dishonesty)
                    P($"{at}: kind '{k}' has its own period rule, not a regime (art5.2–5.5 kinds only)");
            }
            if (r.General is null) P($"{at}: general periods are missing"); else CheckPeriod(r.General, $"{at}.general", P);
            if (r.Serious is null) P($"{at}: serious periods are missing"); else CheckPeriod(r.Serious, $"{at}.serious", P);
        }
        foreach (var kind in RecordKinds.All)
        {
            if (kind == RecordKind.WageArrearsList || kind.Polarity() != RecordPolarity.Dishonesty) continue;
            var wire = kind.ToWire();
            var covering = d.PublicationRegimes
                .Where(r => r.Kinds.Contains(wire))
                .OrderBy(r => r.DecisionsFrom ?? DateOnly.MinValue)
                .ToList();
            if (covering.Count == 0) { P($"publicationRegimes: no regime covers '{wire}'"); continue; }
            if (covering[0].DecisionsFrom is not null) P($"publicationRegimes: '{wire}' decided before {covering[0].DecisionsFrom:yyyy-MM-dd} has no regime (the first one must have no decisionsFrom)");
            if (covering[^1].DecisionsUntil is not null) P($"publicationRegimes: '{wire}' decided after {covering[^1].DecisionsUntil:yyyy-MM-dd} has no regime (the last one must have no decisionsUntil)");
            for (var i = 1; i < covering.Count; i++)
            {
                var prev = covering[i - 1];
                var next = covering[i];
                if (prev.DecisionsUntil is not { } until || next.DecisionsFrom is not { } from || from <= until)
                    P($"publicationRegimes: '{prev.Name}' and '{next.Name}' overlap for '{wire}'");
                else if (from != until.AddDays(1))
                    P($"publicationRegimes: gap between '{prev.Name}' and '{next.Name}' for '{wire}' ({until.AddDays(1):yyyy-MM-dd} to {from.AddDays(-1):yyyy-MM-dd})");
            }
        }

        if (d.WageArrears.ListingMonths <= 0) P("wageArrears.listingMonths must be positive");
        if (d.WageArrears.EarlyRemovalMonthsAfterCorrection < 0) P("wageArrears.earlyRemovalMonthsAfterCorrection must not be negative");
        if (d.WageArrears.RemovalDecisionWorkingDays <= 0) P("wageArrears.removalDecisionWorkingDays must be positive");
        if (d.CreditEnhancing.DefaultValidityMonths <= 0) P("creditEnhancing.defaultValidityMonths must be positive");
        if (d.QueryPeriodYears <= 0) P("queryPeriodYears must be positive");
        var dl = d.Deadlines;
        if (dl.ObjectionMarkWorkingDays <= 0) P("deadlines.objectionMarkWorkingDays must be positive");
        if (dl.ObjectionPassWorkingDays <= 0) P("deadlines.objectionPassWorkingDays must be positive");
        if (dl.ObjectionDecideWorkingDays <= 0) P("deadlines.objectionDecideWorkingDays must be positive");
        if (dl.RepairDecideWorkingDays <= 0) P("deadlines.repairDecideWorkingDays must be positive");
        if (dl.WageArrearsRemovalDecideWorkingDays <= 0) P("deadlines.wageArrearsRemovalDecideWorkingDays must be positive");
        if (dl.RevokedActWithdrawWorkingDays <= 0) P("deadlines.revokedActWithdrawWorkingDays must be positive");
    }

    /// <summary>The default when a version gives no earliestDecisionDate.</summary>
    public static readonly DateOnly DefaultEarliestDecisionDate = new(2000, 1, 1);

    /// <summary>Exactly YYYY-MM-DD and a real date, as record dates are read.</summary>
    public static bool TryParseEarliestDecisionDate(string text, out DateOnly date) =>
        RecordClassifier.TryParseDate(text, out date);

    private static void CheckPeriod(PeriodRule p, string at, Action<string> problem)
    {
        if (p.MaximumMonths <= 0) problem($"{at}: maximumMonths must be positive");
        if (p.MinimumMonths is { } min && (min < 0 || min > p.MaximumMonths))
            problem($"{at}: minimumMonths {min} must be between 0 and maximumMonths {p.MaximumMonths}");
    }

    /// <summary>Checks between versions: unique names, no two in force from the same day, regimes that agree.</summary>
    public static void ValidateTogether(IReadOnlyList<CatalogueDocument> documents, List<string> problems)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var starts = new Dictionary<DateOnly, string>();
        foreach (var d in documents)
        {
            if (!names.Add(d.Version)) problems.Add($"{d.Version}: two catalogue files carry this version");
            if (starts.TryGetValue(d.EffectiveFrom, out var other) && other != d.Version)
                problems.Add($"{d.Version}: overlaps version {other}: both are effective from {d.EffectiveFrom:yyyy-MM-dd}");
            else starts[d.EffectiveFrom] = d.Version;
        }
        for (var i = 0; i < documents.Count; i++)
        {
            for (var j = i + 1; j < documents.Count; j++)
            {
                foreach (var a in documents[i].PublicationRegimes)
                {
                    foreach (var b in documents[j].PublicationRegimes)
                    {
                        if (a.Name != b.Name) continue;
                        if (a.DecisionsFrom != b.DecisionsFrom || !SamePeriod(a.General, b.General) || !SamePeriod(a.Serious, b.Serious)
                            || (a.DecisionsUntil is not null && b.DecisionsUntil is not null && a.DecisionsUntil != b.DecisionsUntil))
                            problems.Add($"{documents[j].Version}: regime '{a.Name}' differs from version {documents[i].Version} (a regime name must mean the same periods in every version)");
                    }
                }
            }
        }
    }

    private static bool SamePeriod(PeriodRule? a, PeriodRule? b) =>
        a is null ? b is null : b is not null && a.MinimumMonths == b.MinimumMonths && a.MaximumMonths == b.MaximumMonths;
}
