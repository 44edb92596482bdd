namespace CreditFunctions.App.Objections;

/// <summary>The steps of objections and repairs as they appear in a record's history chain (art12).</summary>
public static class HistoryActions
{
    public const string ObjectionOpened = "objection-opened";
    public const string ObjectionEscalated = "objection-escalated";
    /// <summary>Followed by the outcome: objection-corrected, objection-revoked, objection-upheld.</summary>
    public const string ObjectionDecidedPrefix = "objection-";
    public const string RepairApplied = "repair-applied";
    public const string Repaired = "repaired";
    public const string RepairedWithUnit = "repaired-with-unit";
    public const string RepairRejected = "repair-rejected";

    /// <summary>The actor of the sweep's steps: the system, not a person.</summary>
    public const string Sweep = "system:objection-sweep";
}
