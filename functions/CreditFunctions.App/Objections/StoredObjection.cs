using Azure;

namespace CreditFunctions.App.Objections;

/// <summary>The life of an objection: filed (pending), a decision taken and being applied (deciding), decided.</summary>
public static class ObjectionStatus
{
    public const string Pending = "pending";
    /// <summary>A unit's decision won the race (ETag) and is being applied to the record; shown as pending until done.</summary>
    public const string Deciding = "deciding";
    public const string Decided = "decided";
}

/// <summary>
/// An objection as stored in <c>Objections</c> (docs/table-design.md). The subject is its pseudonymous key, never its ID
/// number; the deadlines are those of <see cref="CreditFunctions.Domain.Objections.ObjectionDeadlines"/> on the filing day.
/// </summary>
public sealed record StoredObjection
{
    public required string ObjectionId { get; init; }
    public required string RecordId { get; init; }
    public required string SubjectKey { get; init; }
    /// <summary>The unit that submitted the record: the one that decides (art10, art12).</summary>
    public required string Unit { get; init; }
    /// <summary>"subject" or "center" (art10: the subject, or the Center acting for it).</summary>
    public required string FiledAs { get; init; }
    public required string FiledBy { get; init; }
    public required string Reason { get; init; }
    public IReadOnlyList<string> Evidence { get; init; } = [];
    public required DateTimeOffset FiledAt { get; init; }
    public required DateOnly FiledOn { get; init; }
    public required DateOnly MarkBy { get; init; }
    public required DateOnly PassToUnitBy { get; init; }
    public required DateOnly DecideBy { get; init; }
    public required int DecideWorkingDays { get; init; }
    public string Status { get; init; } = ObjectionStatus.Pending;
    public string? Outcome { get; init; }
    public string? DecisionReason { get; init; }
    /// <summary>The corrected record fields as the unit sent them, completed from the record (kept so a crashed decision can be finished).</summary>
    public string? CorrectedJson { get; init; }
    public long? CorrectedVersion { get; init; }
    public string? DecidedBy { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    /// <summary>When a sweep claimed the escalation (set before sending; see <see cref="ObjectionSweep"/>).</summary>
    public DateTimeOffset? EscalatedAt { get; init; }
    /// <summary>The escalation message was sent (set after sending).</summary>
    public bool EscalationSent { get; init; }
    public ETag ETag { get; init; }

    public bool IsOpen => Status != ObjectionStatus.Decided;
}
