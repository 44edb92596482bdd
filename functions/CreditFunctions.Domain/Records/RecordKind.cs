namespace CreditFunctions.Domain.Records;

/// <summary>What a record is about (art5, art6, art9.2). Wire names: see <see cref="WireNames"/>.</summary>
public enum RecordKind
{
    /// <summary>wage-arrears-list, art5.1 (and art9.1): always serious.</summary>
    WageArrearsList,
    /// <summary>admin-penalty, art5.2.</summary>
    AdminPenalty,
    /// <summary>false-materials, art5.3.</summary>
    FalseMaterials,
    /// <summary>commitment-breach, art5.4.</summary>
    CommitmentBreach,
    /// <summary>other-dishonesty, art5.5.</summary>
    OtherDishonesty,
    /// <summary>court-dishonest-debtor, art9.2: an external list, not HRSS dishonesty.</summary>
    CourtDishonestDebtor,
    /// <summary>award, art6.1.</summary>
    Award,
    /// <summary>harmonious-labour-enterprise, art6.2.</summary>
    HarmoniousLabourEnterprise,
    /// <summary>other-enhancing, art6.3.</summary>
    OtherEnhancing,
}

/// <summary>Which side of the ledger a kind is on.</summary>
public enum RecordPolarity
{
    /// <summary>"dishonesty" (art5).</summary>
    Dishonesty,
    /// <summary>"enhancing" (art6).</summary>
    Enhancing,
    /// <summary>"external-court" (art9.2): the court's list, shown but not HRSS dishonesty.</summary>
    ExternalCourt,
}

/// <summary>The outcome of classification (art5, art7).</summary>
public enum RecordClassification
{
    /// <summary>"serious" dishonesty.</summary>
    Serious,
    /// <summary>"general" dishonesty.</summary>
    General,
    /// <summary>"excluded": art5.2 exception (summary procedure, minor, harm mitigated); stored, never published nor counted.</summary>
    Excluded,
    /// <summary>"enhancing" (art6).</summary>
    Enhancing,
    /// <summary>"court-listing" (art9.2).</summary>
    CourtListing,
}

/// <summary>Severity of dishonest behaviour (art5, last paragraph).</summary>
public enum Severity
{
    /// <summary>"general".</summary>
    General,
    /// <summary>"serious".</summary>
    Serious,
}

/// <summary>Where a stored record stands.</summary>
public enum RecordState
{
    Active,
    Withdrawn,
    Revoked,
    Repaired,
    Expired,
    Excluded,
}

/// <summary>Facts about each kind that come from the Measures themselves (not from the catalogue).</summary>
public static class RecordKinds
{
    /// <summary>All kinds, in article order.</summary>
    public static IReadOnlyList<RecordKind> All { get; } =
    [
        RecordKind.WageArrearsList, RecordKind.AdminPenalty, RecordKind.FalseMaterials, RecordKind.CommitmentBreach,
        RecordKind.OtherDishonesty, RecordKind.CourtDishonestDebtor, RecordKind.Award,
        RecordKind.HarmoniousLabourEnterprise, RecordKind.OtherEnhancing,
    ];

    /// <summary>The article the kind comes from: art5.1 … art5.5, art6.1 … art6.3, art9.2.</summary>
    public static string Article(this RecordKind kind) => kind switch
    {
        RecordKind.WageArrearsList => "art5.1",
        RecordKind.AdminPenalty => "art5.2",
        RecordKind.FalseMaterials => "art5.3",
        RecordKind.CommitmentBreach => "art5.4",
        RecordKind.OtherDishonesty => "art5.5",
        RecordKind.CourtDishonestDebtor => "art9.2",
        RecordKind.Award => "art6.1",
        RecordKind.HarmoniousLabourEnterprise => "art6.2",
        RecordKind.OtherEnhancing => "art6.3",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static RecordPolarity Polarity(this RecordKind kind) => kind switch
    {
        RecordKind.WageArrearsList or RecordKind.AdminPenalty or RecordKind.FalseMaterials
            or RecordKind.CommitmentBreach or RecordKind.OtherDishonesty => RecordPolarity.Dishonesty,
        RecordKind.CourtDishonestDebtor => RecordPolarity.ExternalCourt,
        RecordKind.Award or RecordKind.HarmoniousLabourEnterprise or RecordKind.OtherEnhancing => RecordPolarity.Enhancing,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
