using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Records;

/// <summary>
/// A stored record as the status and restriction logic reads it. The app keeps it in Table Storage and hands it
/// back. <see cref="IsActiveOn"/> is the single definition of "active" (docs/rules.md "Publication periods and expiry": start ≤ d &lt; expiresOn).
/// </summary>
public sealed record CreditRecord
{
    public required string RecordId { get; init; }
    public required string Source { get; init; }
    public required string SourceRecordId { get; init; }
    public long Version { get; init; }
    public required RecordKind Kind { get; init; }
    public required SubjectId Subject { get; init; }
    public string? SubjectName { get; init; }
    public SubjectId? LegalRepresentative { get; init; }
    public required RecordClassification Classification { get; init; }
    public Severity? Severity { get; init; }
    public required DateOnly DecisionDate { get; init; }
    public string? DecisionNumber { get; init; }
    /// <summary>First day shown (the decision date).</summary>
    public required DateOnly Start { get; init; }
    /// <summary>First day no longer shown; null = open-ended (a court listing without end date).</summary>
    public DateOnly? ExpiresOn { get; init; }
    /// <summary>From this day a repair may be applied for; null = not repairable here.</summary>
    public DateOnly? RepairableFrom { get; init; }
    /// <summary>Name of the publication regime used (e.g. "ndrc-order-58").</summary>
    public string? Regime { get; init; }
    public RecordState State { get; init; } = RecordState.Active;
    /// <summary>The day it stopped being shown because it was withdrawn, revoked or repaired (first day not shown).</summary>
    public DateOnly? WithdrawnOn { get; init; }
    public bool UnderObjection { get; init; }
    public string? Summary { get; init; }
    public required string CatalogueVersion { get; init; }
    public string? LegalBasis { get; init; }
    public string? BehaviourCode { get; init; }
    public string? ListedWithUnitId { get; init; }

    public RecordPolarity Polarity => Kind.Polarity();

    /// <summary>Counts as dishonesty (serious or general) — excluded records never do.</summary>
    public bool IsDishonesty => Classification is RecordClassification.Serious or RecordClassification.General;

    /// <summary>
    /// Shown and counted on day <paramref name="day"/>: not excluded; start ≤ day &lt; expiresOn; and not withdrawn,
    /// revoked or repaired — or withdrawn only later than <paramref name="day"/> (<see cref="WithdrawnOn"/>).
    /// </summary>
    public bool IsActiveOn(DateOnly day)
    {
        if (Classification == RecordClassification.Excluded || State == RecordState.Excluded) return false;
        if (day < Start) return false;
        if (ExpiresOn is { } expires && day >= expires) return false;
        return State switch
        {
            RecordState.Active or RecordState.Expired => WithdrawnOn is not { } w || day < w,
            _ => WithdrawnOn is { } withdrawn && day < withdrawn,
        };
    }
}
