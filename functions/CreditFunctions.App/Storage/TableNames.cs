namespace CreditFunctions.App.Storage;

/// <summary>Table names. docs/table-design.md says what each holds and which query it serves.</summary>
public static class TableNames
{
    public const string Records = "Records";
    public const string RecordLocators = "RecordLocators";
    public const string Rejections = "Rejections";
    public const string Idempotency = "Idempotency";
    public const string AccessLog = "AccessLog";
    public const string UnitQuality = "UnitQuality";
    public const string Freshness = "Freshness";
    public const string Objections = "Objections";
    public const string Repairs = "Repairs";

    public static readonly IReadOnlyList<string> All = [Records, RecordLocators, Rejections, Idempotency, AccessLog, UnitQuality, Freshness, Objections, Repairs];
}

/// <summary>Queue names fixed by the contract.</summary>
public static class QueueNames
{
    public const string Ingest = "credit-ingest";
    public const string Subjects = "credit-subjects";
    public const string IngestRejected = "credit-ingest-rejected";
    public const string PlatformOutbox = Platform.PlatformOutbox.QueueName;
    public const string Objections = "credit-objections";
    public const string Escalations = "credit-escalations";
    public const string Notifications = "credit-notifications";

    public static readonly IReadOnlyList<string> All = [Ingest, Subjects, IngestRejected, PlatformOutbox, Objections, Escalations, Notifications];
}
