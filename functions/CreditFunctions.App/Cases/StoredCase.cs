using Azure;

namespace CreditFunctions.App.Cases;

/// <summary>The life of a case (an objection or a repair application): filed, a decision taken and being applied, decided.</summary>
public static class CaseStatus
{
    public const string Pending = "pending";

    /// <summary>A unit's decision won the race (ETag) and is being applied to the record; shown as pending until done.</summary>
    public const string Deciding = "deciding";
    public const string Decided = "decided";
}

/// <summary>
/// What objections (art10) and repair applications (art11) have in common as stored: a case about one record, filed by
/// or for its subject (its pseudonymous key, never its ID number), passed to the unit that submitted the record, due on a
/// working day, decided once. Each kind adds its own fields (<see cref="CaseKind{TCase}"/>).
/// </summary>
public abstract record StoredCase
{
    protected StoredCase()
    {
    }

    /// <summary>A case read from its table: the common fields as stored, the kind adding its own.</summary>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    protected StoredCase(CaseFields c)
    {
        ArgumentNullException.ThrowIfNull(c);
        (Id, RecordId, SubjectKey, Unit, FiledBy, FiledAt, FiledOn, DueOn) = (c.Id, c.RecordId, c.SubjectKey, c.Unit, c.FiledBy, c.FiledAt, c.FiledOn, c.DueOn);
        (Status, Outcome, DecisionReason, DecidedBy, DecidedOn, DecidedAt) = (c.Status, c.Outcome, c.DecisionReason, c.DecidedBy, c.DecidedOn, c.DecidedAt);
        (EscalatedAt, EscalationSent, NotifiedAt, ETag) = (c.EscalatedAt, c.EscalationSent, c.NotifiedAt, c.ETag);
    }

    public required string Id { get; init; }
    public required string RecordId { get; init; }
    public required string SubjectKey { get; init; }

    /// <summary>The unit that submitted the record: the one that decides (art10, art11, art12).</summary>
    public required string Unit { get; init; }
    public required string FiledBy { get; init; }
    public required DateTimeOffset FiledAt { get; init; }
    public required DateOnly FiledOn { get; init; }

    /// <summary>The last working day for the unit's decision.</summary>
    public required DateOnly DueOn { get; init; }
    public string Status { get; init; } = CaseStatus.Pending;
    public string? Outcome { get; init; }
    public string? DecisionReason { get; init; }
    public string? DecidedBy { get; init; }
    public DateOnly? DecidedOn { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>When a sweep claimed the escalation (set before sending).</summary>
    public DateTimeOffset? EscalatedAt { get; init; }

    /// <summary>The escalation was sent (set after sending).</summary>
    public bool EscalationSent { get; init; }

    /// <summary>When the completer of the decision claimed the subject's notice (set before sending, like an escalation).</summary>
    public DateTimeOffset? NotifiedAt { get; init; }
    public ETag ETag { get; init; }

    public bool IsOpen => Status != CaseStatus.Decided;

    public bool IsOverdueOn(DateOnly today) => IsOpen && today > DueOn;
}

/// <summary>A case's row in its unit's list and in the open list: enough to list without reading each case.</summary>
public sealed record CaseIndexRow(
    string Id, string RecordId, string Unit, string Status, DateOnly FiledOn, DateOnly DueOn, string? Outcome, DateOnly? DecidedOn, bool Escalated)
{
    /// <summary>Objections: who filed it (subject or center), as the kind writes it (<see cref="CaseKind{TCase}.WriteIndex"/>);
    /// null on rows written before the index carried it, and for repairs.</summary>
    public string? FiledAs { get; init; }

    public bool IsOverdueOn(DateOnly today) => Status != CaseStatus.Decided && today > DueOn;
}

/// <summary>The fields every case has, as read from its entity.</summary>
public sealed record CaseFields(
    string Id, string RecordId, string SubjectKey, string Unit, string FiledBy, DateTimeOffset FiledAt, DateOnly FiledOn, DateOnly DueOn,
    string Status, string? Outcome, string? DecisionReason, string? DecidedBy, DateOnly? DecidedOn, DateTimeOffset? DecidedAt,
    DateTimeOffset? EscalatedAt, bool EscalationSent, DateTimeOffset? NotifiedAt, ETag ETag);
