namespace CreditFunctions.Domain.Lifecycle;

/// <summary>The steps of a record's life as its history chain names them (art12).</summary>
public static class HistoryActions
{
    public const string Received = "received";
    public const string Superseded = "superseded";
    public const string Moved = "moved";
    public const string Revoked = "revoked";
    public const string Expired = "expired";
    public const string ObjectionOpened = "objection-opened";
    public const string ObjectionEscalated = "objection-escalated";

    /// <summary>Followed by the outcome: objection-corrected, objection-revoked, objection-upheld.</summary>
    public const string ObjectionDecidedPrefix = "objection-";
    public const string RepairApplied = "repair-applied";
    public const string Repaired = "repaired";
    public const string RepairedWithUnit = "repaired-with-unit";
    public const string RepairRejected = "repair-rejected";
}

/// <summary>The actors of steps the system takes by itself.</summary>
public static class SystemActors
{
    public const string ExpirySweep = "expiry-sweep";
    public const string ObjectionSweep = "system:objection-sweep";
}
