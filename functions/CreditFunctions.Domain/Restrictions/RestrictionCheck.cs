using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Restrictions;

/// <summary>restricted | enhanced-review | allowed (ordered from least to most severe).</summary>
public enum RestrictionDecision
{
    Allowed,
    EnhancedReview,
    Restricted,
}

/// <summary>One reason: the measure's article, the records behind it, and a sentence in Chinese and English.</summary>
public sealed record RestrictionReason(string Article, string MeasureCode, IReadOnlyList<string> RecordIds, BilingualText Text);

/// <summary>The business type is not in the catalogue (the API answers 400, code <see cref="Code"/>).</summary>
public sealed record RestrictionError(string Code, BilingualText Text, IReadOnlyList<string> KnownBusinessTypes);

/// <summary>The answer of <see cref="RestrictionCheck.Evaluate"/>: a decision with every reason, or an <see cref="Error"/>.</summary>
public sealed record RestrictionResult
{
    public required SubjectId Subject { get; init; }
    public required string BusinessType { get; init; }
    public required DateOnly AsOf { get; init; }
    public RestrictionDecision Decision { get; init; }
    public IReadOnlyList<RestrictionReason> Reasons { get; init; } = [];
    /// <summary>Measures that would have restricted but the business type is exempt from them (employment-aid, art9.2).</summary>
    public IReadOnlyList<RestrictionReason> Exemptions { get; init; } = [];
    public string? CatalogueVersion { get; init; }
    /// <summary>Set (and nothing else meaningful) when the business type is unknown.</summary>
    public RestrictionError? Error { get; init; }
    public bool IsError => Error is not null;
}

public static class RestrictionWireNames
{
    public const string UnknownBusinessTypeCode = "unknown-business-type";

    public static string ToWire(this RestrictionDecision decision) => decision switch
    {
        RestrictionDecision.Restricted => "restricted",
        RestrictionDecision.EnhancedReview => "enhanced-review",
        RestrictionDecision.Allowed => "allowed",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };
}

/// <summary>Restriction checks (art8.2.3, art9): may this subject do this business today?</summary>
public static class RestrictionCheck
{
    /// <summary>
    /// Decision for <paramref name="subject"/> and <paramref name="businessType"/> on <paramref name="asOf"/>: every
    /// measure of the application list (catalogue in force on <paramref name="asOf"/>) that affects the business type
    /// and whose trigger holds gives a reason; the decision is the strongest effect (restricted &gt; enhanced-review &gt;
    /// allowed). <paramref name="legalRepresentativeRecords"/>: the records (court listings) of the unit's legal
    /// representative; may be empty. An unknown business type gives a result with <see cref="RestrictionResult.Error"/>.
    /// </summary>
    /// <summary>
    /// Whether deciding <paramref name="businessType"/> needs the records of a unit's legal representative: only when a
    /// measure affecting it has a condition "of" the legal representative (art9.2.2 in the shipped lists). Callers
    /// read that second subject only then, so every other check costs a single read.
    /// </summary>
    public static bool NeedsLegalRepresentative(string businessType, DateOnly asOf, CatalogueSet catalogues)
    {
        ArgumentNullException.ThrowIfNull(catalogues);
        foreach (var measure in catalogues.ForDate(asOf).Document.ApplicationList)
        {
            if (!measure.BusinessTypes.Contains(businessType))
            {
                continue;
            }

            foreach (var condition in measure.Trigger.AnyOf)
            {
                if (condition.Of == "legal-representative")
                {
                    return true;
                }
            }
        }

        return false;
    }

    public static RestrictionResult Evaluate(
        SubjectId subject,
        IReadOnlyList<CreditRecord> records,
        IReadOnlyList<CreditRecord> legalRepresentativeRecords,
        string businessType,
        DateOnly asOf,
        CatalogueSet catalogues)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalogues);
        legalRepresentativeRecords ??= [];
        var catalogue = catalogues.ForDate(asOf);
        var business = businessType is null ? null : catalogue.BusinessType(businessType);
        if (business is null)
        {
            var known = new List<string>(catalogue.Document.BusinessTypes.Count);
            foreach (var b in catalogue.Document.BusinessTypes) known.Add(b.Code);
            return new RestrictionResult
            {
                Subject = subject,
                BusinessType = businessType ?? "",
                AsOf = asOf,
                CatalogueVersion = catalogue.Version,
                Error = new RestrictionError(
                    RestrictionWireNames.UnknownBusinessTypeCode,
                    new BilingualText($"业务类型“{businessType}”不在应用清单中。", $"Business type '{businessType}' is not in the application list."),
                    known),
            };
        }

        var inForce = catalogue.MeasuresInForceOn(asOf);
        var status = CreditStatusEvaluator.StatusOf(subject, records, asOf);
        var decision = RestrictionDecision.Allowed;
        List<RestrictionReason>? reasons = null;
        foreach (var measure in business.Restricting)
        {
            if (!inForce && !measure.ContinuesAfterMeasuresEnd) continue;
            var found = MeasureEvaluation.Evaluate(measure, subject, records, legalRepresentativeRecords, status, asOf, groupByRecordArticle: false);
            if (found is null) continue;
            (reasons ??= []).Add(ToReason(measure, found));
            if (measure.Effect > decision) decision = measure.Effect;
        }

        List<RestrictionReason>? exemptions = null;
        foreach (var measure in business.Exempt)
        {
            if (!inForce && !measure.ContinuesAfterMeasuresEnd) continue;
            var found = MeasureEvaluation.Evaluate(measure, subject, records, legalRepresentativeRecords, status, asOf, groupByRecordArticle: false);
            if (found is not null) (exemptions ??= []).Add(ToReason(measure, found));
        }

        return new RestrictionResult
        {
            Subject = subject,
            BusinessType = businessType!,
            AsOf = asOf,
            Decision = decision,
            Reasons = reasons ?? (IReadOnlyList<RestrictionReason>)[],
            Exemptions = exemptions ?? (IReadOnlyList<RestrictionReason>)[],
            CatalogueVersion = catalogue.Version,
        };
    }

    private static RestrictionReason ToReason(CompiledMeasure measure, List<Status.MeasureReason> found) =>
        new(measure.Article, measure.Code, found.Count == 0 ? [] : found[0].RecordIds, measure.ReasonText);
}
