using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
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
    /// Decision for <paramref name="subject"/> and <paramref name="businessType"/> on <paramref name="asOf"/>.
    /// <paramref name="legalRepresentativeRecords"/>: the records (court listings) of the unit's legal representative; may be empty.
    /// </summary>
    public static RestrictionResult Evaluate(
        SubjectId subject,
        IReadOnlyList<CreditRecord> records,
        IReadOnlyList<CreditRecord> legalRepresentativeRecords,
        string businessType,
        DateOnly asOf,
        CatalogueSet catalogues)
        => throw new NotImplementedException();
}
