namespace CreditFunctions.App.Contracts;

/// <summary>Queue names fixed by the contract.</summary>
public static class QueueNames
{
    public const string Ingest = "credit-ingest";
    public const string Subjects = "credit-subjects";
    public const string IngestRejected = "credit-ingest-rejected";
    /// <summary>Internal to the app: the push's notices of pending platform events.</summary>
    public const string PlatformOutbox = "credit-platform-outbox";
    public const string Objections = "credit-objections";
    public const string Escalations = "credit-escalations";
    public const string Notifications = "credit-notifications";
    /// <summary>Internal to the app: the webhook deliverer's notices of watches with changes to call back.</summary>
    public const string WatchDeliveries = "watch-deliveries";

    public static readonly IReadOnlyList<string> All = [Ingest, Subjects, IngestRejected, PlatformOutbox, Objections, Escalations, Notifications, WatchDeliveries];

    /// <summary>
    /// A unit's own queue of notices (contract v2 "Notices go only to their unit"): its rejections, the objections it
    /// must decide and their escalations, so no unit dequeues another's. <c>notices-{unit code in lower case}</c>.
    /// </summary>
    public static string NoticesOf(string unit) => "notices-" + unit.Trim().ToLowerInvariant();
}
