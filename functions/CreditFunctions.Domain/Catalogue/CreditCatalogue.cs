using System.Collections.Frozen;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Catalogue;

/// <summary>One validated catalogue version with its lookups (built once, read without allocation).</summary>
public sealed class CreditCatalogue
{
    private readonly DataListEntry[] _dataList = new DataListEntry[RecordKinds.All.Count];
    private readonly FrozenSet<string>[] _submitters = new FrozenSet<string>[RecordKinds.All.Count];
    private readonly FrozenDictionary<string, BehaviourEntry> _behaviours;
    private readonly FrozenDictionary<string, MeasureEntry> _measures;
    private readonly FrozenSet<string> _units;
    private readonly FrozenDictionary<string, CompiledBusinessType> _businessTypes;
    private readonly CompiledRegime[] _regimes;

    /// <summary>Only from a validated document (see <see cref="CatalogueSet"/>).</summary>
    internal CreditCatalogue(CatalogueDocument document)
    {
        Document = document;
        foreach (var entry in document.DataList)
        {
            WireNames.TryParseKind(entry.Kind, out var kind);
            _dataList[(int)kind] = entry;
            _submitters[(int)kind] = entry.Submitters.ToFrozenSet(StringComparer.Ordinal);
        }
        _behaviours = document.BehaviourList.ToFrozenDictionary(b => b.Code, StringComparer.Ordinal);
        _measures = document.ApplicationList.ToFrozenDictionary(m => m.Code, StringComparer.Ordinal);
        _units = document.Units.Select(u => u.Code).ToFrozenSet(StringComparer.Ordinal);

        var compiled = document.ApplicationList.Select(CompiledMeasure.From).ToArray();
        Measures = compiled;
        var byCode = compiled.ToDictionary(m => m.Code, StringComparer.Ordinal);
        _businessTypes = document.BusinessTypes.ToFrozenDictionary(
            b => b.Code,
            b => new CompiledBusinessType(
                b.Code,
                compiled.Where(m => m.Effect != RestrictionDecision.Allowed && m.BusinessTypes.Contains(b.Code)).ToArray(),
                b.ExemptFromMeasures.Select(code => byCode[code]).ToArray()),
            StringComparer.Ordinal);
        _regimes = document.PublicationRegimes.Select(CompiledRegime.Compile).ToArray();
        EarliestDecisionDate = document.EarliestDecisionDate is { } earliest
            && CatalogueValidator.TryParseEarliestDecisionDate(earliest, out var parsed)
                ? parsed
                : CatalogueValidator.DefaultEarliestDecisionDate;
    }

    /// <summary>The JSON model, as served by GET /api/catalogue.</summary>
    public CatalogueDocument Document { get; }
    public string Version => Document.Version;
    public DateOnly EffectiveFrom => Document.EffectiveFrom;
    public DateOnly MeasuresValidUntil => Document.MeasuresValidUntil;

    /// <summary>A decision date before this is <c>invalid-date</c> (the document's earliestDecisionDate, else 2000-01-01).</summary>
    public DateOnly EarliestDecisionDate { get; }

    /// <summary>The application list, compiled, in catalogue order.</summary>
    internal CompiledMeasure[] Measures { get; }

    /// <summary>Whether the Measures are in force on <paramref name="day"/> (through 2028-08-31, art15).</summary>
    public bool MeasuresInForceOn(DateOnly day) => day <= Document.MeasuresValidUntil;

    public bool IsKnownBusinessType(string businessType) => _businessTypes.ContainsKey(businessType);
    public bool IsKnownUnit(string unitCode) => _units.Contains(unitCode);
    public DataListEntry DataListEntry(RecordKind kind) => _dataList[(int)kind];
    public bool MaySubmit(string unitCode, RecordKind kind) => _submitters[(int)kind].Contains(unitCode);
    public BehaviourEntry? Behaviour(string code) => _behaviours.GetValueOrDefault(code);
    public MeasureEntry? Measure(string code) => _measures.GetValueOrDefault(code);

    internal CompiledBusinessType? BusinessType(string code) => _businessTypes.GetValueOrDefault(code);

    /// <summary>The regime for art5.2–5.5 dishonesty decided on <paramref name="decisionDate"/>.</summary>
    public PublicationRegimeEntry? RegimeFor(RecordKind kind, DateOnly decisionDate)
    {
        var bit = 1 << (int)kind;
        foreach (var regime in _regimes)
        {
            if ((regime.KindMask & bit) != 0 && regime.From <= decisionDate && decisionDate <= regime.Until) return regime.Entry;
        }
        return null;
    }

    private sealed record CompiledRegime(PublicationRegimeEntry Entry, int KindMask, DateOnly From, DateOnly Until)
    {
        public static CompiledRegime Compile(PublicationRegimeEntry e) => new(
            e, Masks.Kinds(e.Kinds), e.DecisionsFrom ?? DateOnly.MinValue, e.DecisionsUntil ?? DateOnly.MaxValue);
    }
}

internal sealed record CompiledBusinessType(string Code, CompiledMeasure[] Restricting, CompiledMeasure[] Exempt);

/// <summary>A measure of the application list in a form that is evaluated without allocation.</summary>
internal sealed class CompiledMeasure
{
    public required MeasureEntry Entry { get; init; }
    public required string Code { get; init; }
    public required string Article { get; init; }
    public required MeasureKind Kind { get; init; }
    public required BilingualText Name { get; init; }
    public required BilingualText ReasonText { get; init; }
    public required RestrictionDecision Effect { get; init; }
    public required CompiledCondition[] Conditions { get; init; }
    public required string[] BusinessTypes { get; init; }
    public required bool ContinuesAfterMeasuresEnd { get; init; }

    public static CompiledMeasure From(MeasureEntry e)
    {
        StatusWireNames.TryParseMeasureKind(e.Kind, out var kind);
        var name = e.Name ?? new BilingualText(e.Code, e.Code);
        return new CompiledMeasure
        {
            Entry = e,
            Code = e.Code,
            Article = e.Article,
            Kind = kind,
            Name = name,
            ReasonText = e.ReasonText ?? name,
            Effect = e.Effect switch
            {
                "restricted" => RestrictionDecision.Restricted,
                "enhanced-review" => RestrictionDecision.EnhancedReview,
                _ => RestrictionDecision.Allowed,
            },
            Conditions = e.Trigger.AnyOf.Select(CompiledCondition.From).ToArray(),
            BusinessTypes = e.BusinessTypes.ToArray(),
            ContinuesAfterMeasuresEnd = e.ContinuesAfterMeasuresEnd,
        };
    }
}

/// <summary>One trigger condition as bit masks (0 = no constraint).</summary>
internal readonly record struct CompiledCondition(bool OfLegalRepresentative, int SubjectTypeMask, int StatusMask, int KindMask, int ClassificationMask)
{
    public bool NeedsRecords => KindMask != 0 || ClassificationMask != 0;

    public static CompiledCondition From(MeasureCondition c) => new(
        c.Of == "legal-representative",
        Masks.SubjectTypes(c.SubjectTypes),
        Masks.Statuses(c.Statuses),
        Masks.Kinds(c.Kinds),
        Masks.Classifications(c.Classifications));

    public bool Matches(CreditRecord record) =>
        (KindMask == 0 || (KindMask & (1 << (int)record.Kind)) != 0) &&
        (ClassificationMask == 0 || (ClassificationMask & (1 << (int)record.Classification)) != 0);

    public bool SubjectMatches(SubjectType type, CreditStatus status) =>
        (SubjectTypeMask == 0 || (SubjectTypeMask & (1 << (int)type)) != 0) &&
        (StatusMask == 0 || (StatusMask & (1 << (int)status)) != 0);
}

internal static class Masks
{
    public static int Kinds(IEnumerable<string>? values)
    {
        var mask = 0;
        if (values is null) return 0;
        foreach (var v in values) if (WireNames.TryParseKind(v, out var k)) mask |= 1 << (int)k;
        return mask;
    }

    public static int Classifications(IEnumerable<string>? values)
    {
        var mask = 0;
        if (values is null) return 0;
        foreach (var v in values) if (WireNames.TryParseClassification(v, out var c)) mask |= 1 << (int)c;
        return mask;
    }

    public static int Statuses(IEnumerable<string>? values)
    {
        var mask = 0;
        if (values is null) return 0;
        foreach (var v in values) if (StatusWireNames.TryParseStatus(v, out var s)) mask |= 1 << (int)s;
        return mask;
    }

    public static int SubjectTypes(IEnumerable<string>? values)
    {
        var mask = 0;
        if (values is null) return 0;
        foreach (var v in values) if (WireNames.TryParseSubjectType(v, out var t)) mask |= 1 << (int)t;
        return mask;
    }
}
