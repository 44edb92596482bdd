namespace CreditFunctions.App.Objections;

/// <summary>
/// On <c>credit-objections</c>: an objection passed to the unit that submitted the record (art10: at most 2 working
/// days; sent at filing). No personal data: the unit reads the objection through the API.
/// </summary>
public sealed record ObjectionNotice(
    string Schema, string ObjectionId, string RecordId, string Unit, DateOnly FiledOn, DateOnly DueOn, DateTimeOffset At)
{
    public const string SchemaName = "credit-objection/v1";
}

/// <summary>
/// On <c>credit-escalations</c>: an objection not decided by its decide-by day (Regulations art36). <see cref="ObjectionId"/>
/// is the deduplication key: after a crash between sending and recording it, the same escalation may be sent again.
/// </summary>
public sealed record EscalationNotice(
    string Schema, string ObjectionId, string RecordId, string Unit, DateOnly FiledOn, DateOnly DecideBy, DateTimeOffset EscalatedAt)
{
    public const string SchemaName = "credit-escalation/v1";
}

/// <summary>
/// On <c>credit-notifications</c>: a subject is told of an outcome (what, when, which record). The subject is named by
/// its pseudonymous key, never by an ID number.
/// </summary>
public sealed record SubjectNotification(
    string Schema, string SubjectKey, string RecordId, string Event, string Outcome, DateTimeOffset At, string? ObjectionId, string? RepairId)
{
    public const string SchemaName = "credit-notification/v1";
    public const string ObjectionDecided = "objection-decided";
    public const string RepairDecided = "repair-decided";
}
