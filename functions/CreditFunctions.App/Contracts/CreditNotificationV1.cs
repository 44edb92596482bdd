namespace CreditFunctions.App.Contracts;

/// <summary>
/// <c>credit-notification/v1</c>, on <c>credit-notifications</c>: a subject is told of an outcome (what, when, which record).
/// The subject is named by its pseudonymous key, never by an ID number. Sent once per decision (the case's claim).
/// </summary>
public sealed record SubjectNotification(
    string Schema, string SubjectKey, string RecordId, string Event, string Outcome, DateTimeOffset At, string? ObjectionId, string? RepairId)
{
    public const string SchemaName = "credit-notification/v1";
    public const string ObjectionDecided = "objection-decided";
    public const string RepairDecided = "repair-decided";
}
