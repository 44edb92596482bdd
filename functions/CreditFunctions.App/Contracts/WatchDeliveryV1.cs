namespace CreditFunctions.App.Contracts;

/// <summary>
/// What the webhook deliverer finds on <c>watch-deliveries</c> (internal to the app): which watches have changes for their
/// callbacks. Like the outbox notice it carries no change itself: the watch's feed and its delivery state are the truth,
/// so a repeated or lost notice costs a read, never a change (a lost one is made good by reconciliation).
/// </summary>
public sealed record WatchDeliveryNotice(IReadOnlyList<string> WatchIds);
