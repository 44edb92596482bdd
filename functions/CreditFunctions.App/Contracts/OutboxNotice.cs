namespace CreditFunctions.App.Contracts;

/// <summary>
/// What the push function finds on <c>credit-platform-outbox</c> (internal to the app): where pending events were written.
/// The outbox rows are the truth; a lost notice is made good by reconciliation.
/// </summary>
public sealed record OutboxNotice(IReadOnlyList<OutboxPointer> Events);

/// <summary>An outbox row: its bucket partition and event id.</summary>
/// <param name="Change">For a change of a subject (the watches' lane): what the row says, so the fan-out need not read it.</param>
public sealed record OutboxPointer(string Partition, string EventId, SubjectChangeNotice? Change = null)
{
    /// <summary>The lanes of the outbox: platform events, and changes of subjects for the watches' feeds.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsChange => EventId.StartsWith(ChangePrefix, StringComparison.Ordinal);

    public const string ChangePrefix = "change.";
}
