using Azure;

namespace CreditFunctions.App.Repairs;

/// <summary>The life of a repair application: pending, deciding (the unit's decision won and is being applied), decided.</summary>
public static class RepairStatus
{
    public const string Pending = "pending";
    public const string Deciding = "deciding";
    public const string Decided = "decided";
}

/// <summary>A repair application as stored in <c>Repairs</c>; the subject by its pseudonymous key only.</summary>
public sealed record StoredRepair
{
    public required string RepairId { get; init; }
    public required string RecordId { get; init; }
    public required string SubjectKey { get; init; }
    public required string Unit { get; init; }
    public required string FiledBy { get; init; }
    public required string Statement { get; init; }
    public bool Commitment { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public DateOnly? CorrectedOn { get; init; }
    public bool CriminalProceedingsPending { get; init; }
    public bool WageArrearsRemoval { get; init; }
    public required DateTimeOffset FiledAt { get; init; }
    public required DateOnly FiledOn { get; init; }
    public required DateOnly DueOn { get; init; }
    public string Status { get; init; } = RepairStatus.Pending;
    public string? Outcome { get; init; }
    public string? DecisionReason { get; init; }
    public string? DecidedBy { get; init; }
    public DateOnly? DecidedOn { get; init; }
    /// <summary>Records of parties listed with the unit that left the list with it (MOHRSS Order No. 45).</summary>
    public IReadOnlyList<string> RemovedWithUnit { get; init; } = [];
    public ETag ETag { get; init; }
}
