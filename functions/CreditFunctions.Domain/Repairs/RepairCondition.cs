namespace CreditFunctions.Domain.Repairs;

/// <summary>Stable codes of the conditions a repair application can fail (the 422 problem lists every one).</summary>
public static class RepairCodes
{
    /// <summary>No such record of this subject (also a record of another subject).</summary>
    public const string RecordNotFound = "record-not-found";
    /// <summary>Credit-enhancing or excluded (art5.2): not dishonesty, nothing to repair.</summary>
    public const string NotDishonesty = "not-dishonesty";
    /// <summary>A court listing (or a record with no repair period): not repaired here.</summary>
    public const string NotRepairableHere = "not-repairable-here";
    /// <summary>A party listed with a unit on the wage-arrears list leaves the list with the unit.</summary>
    public const string LeavesWithUnit = "leaves-with-unit";
    /// <summary>Already withdrawn, revoked, repaired or expired (not shown on the application day).</summary>
    public const string RecordNotActive = "record-not-active";
    /// <summary>The minimum publication period has not passed (NDRC Order No. 58 / No. 36).</summary>
    public const string MinimumPeriodNotPassed = "minimum-period-not-passed";
    /// <summary>No statement of the correction (NDRC Order No. 36).</summary>
    public const string StatementMissing = "statement-missing";
    public const string StatementTooLong = "statement-too-long";
    /// <summary>No public credit commitment / written commitment.</summary>
    public const string CommitmentMissing = "commitment-missing";
    /// <summary>No proof that the obligations were fulfilled.</summary>
    public const string ProofMissing = "proof-missing";
    public const string EvidenceTooMany = "evidence-too-many";
    public const string EvidenceItemInvalid = "evidence-item-invalid";
    /// <summary>Wage-arrears list: the arrears are not stated as corrected (no correction date).</summary>
    public const string ArrearsNotCorrected = "arrears-not-corrected";
    /// <summary>Wage-arrears list: the correction date is after the application day.</summary>
    public const string CorrectionDateInFuture = "correction-date-in-future";
    /// <summary>Wage-arrears list: less than 6 months since the correction (MOHRSS Order No. 45).</summary>
    public const string CorrectionPeriodNotPassed = "correction-period-not-passed";
    /// <summary>Wage-arrears list: new arrears arose in the listing period.</summary>
    public const string NewArrearsInListingPeriod = "new-arrears-in-listing-period";
    /// <summary>Wage-arrears list: criminal proceedings for refusing to pay wages are pending.</summary>
    public const string CriminalProceedingsPending = "criminal-proceedings-pending";

    /// <summary>A decision other than approved or rejected.</summary>
    public const string OutcomeInvalid = "outcome-invalid";
    /// <summary>A rejection without a reason.</summary>
    public const string ReasonRequired = "reason-required";
    public const string ReasonTooLong = "reason-too-long";
    /// <summary>Only the unit that submitted the record decides.</summary>
    public const string NotSubmittingUnit = "not-submitting-unit";
}

/// <summary>How an unmet condition bears on the earliest date an application could succeed.</summary>
public enum RepairConditionNature
{
    /// <summary>Met by waiting: it carries its own <see cref="RepairCondition.EarliestDate"/>.</summary>
    DateBound,
    /// <summary>Met by supplying what is missing (a statement, a commitment, proof): possible today.</summary>
    Supplyable,
    /// <summary>No application here can succeed while it holds (or ever): there is no earliest date.</summary>
    Bar,
}

/// <summary>
/// One unmet condition: a stable code, its nature, the earliest day it is met when it is date-bound, the source it
/// comes from, and a sentence in Chinese and English.
/// </summary>
public sealed record RepairCondition(
    string Code, RepairConditionNature Nature, DateOnly? EarliestDate, string Source, string Zh, string En);
