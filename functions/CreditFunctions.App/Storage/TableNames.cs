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
    public const string Watches = "Watches";

    public static readonly IReadOnlyList<string> All = [Records, RecordLocators, Rejections, Idempotency, AccessLog, UnitQuality, Freshness, Objections, Repairs, Watches];
}
