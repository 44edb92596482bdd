namespace CreditFunctions.App.Contracts;

/// <summary>
/// What the push function finds on <c>credit-platform-outbox</c> (internal to the app): where pending events were written.
/// The outbox rows are the truth; a lost notice is made good by reconciliation.
/// </summary>
public sealed record OutboxNotice(IReadOnlyList<OutboxPointer> Events);

/// <summary>An outbox row: its bucket partition and event id.</summary>
public sealed record OutboxPointer(string Partition, string EventId);
