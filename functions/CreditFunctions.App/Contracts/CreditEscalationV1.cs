namespace CreditFunctions.App.Contracts;

/// <summary>
/// <c>credit-escalation/v1</c>, on <c>credit-escalations</c> and the unit's <c>notices-{unit}</c>: an objection not decided by
/// its decide-by day (Regulations art36). <see cref="ObjectionId"/> is the deduplication key: after a crash between
/// sending and recording it, the same escalation may be sent again.
/// </summary>
public sealed record EscalationNotice(
    string Schema, string ObjectionId, string RecordId, string Unit, DateOnly FiledOn, DateOnly DecideBy, DateTimeOffset EscalatedAt)
{
    public const string SchemaName = "credit-escalation/v1";
}
