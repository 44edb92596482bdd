using System.Text.Json.Serialization;

namespace CreditFunctions.Domain.Catalogue;

/// <summary>A text in Chinese and English. JSON: <c>{"zh":"…","en":"…"}</c>.</summary>
public sealed record BilingualText(string Zh, string En);

/// <summary>
/// One version of the "three lists" (art7) as it is stored in Catalogue/versions/*.json and served as-is by
/// <c>GET /api/catalogue</c>. Enumerated values are kept as their wire strings here so that a bad file is reported
/// as a list of problems (see <see cref="CatalogueValidationException"/>) rather than a deserialisation error.
/// </summary>
public sealed class CatalogueDocument
{
    /// <summary>Version name, e.g. "2023-09-01". Unique within a <see cref="CatalogueSet"/>.</summary>
    public string Version { get; set; } = "";
    /// <summary>First day this version is in force. It stays in force until the next version's effectiveFrom.</summary>
    public DateOnly EffectiveFrom { get; set; }
    /// <summary>Free-text note on where this version comes from.</summary>
    public BilingualText? Title { get; set; }
    /// <summary>The Measures' own end (art15): 2028-08-31.</summary>
    public DateOnly MeasuresValidUntil { get; set; }
    /// <summary>What applies after <see cref="MeasuresValidUntil"/> (shown to users).</summary>
    public BilingualText? AfterMeasuresEnd { get; set; }
    public List<UnitEntry> Units { get; set; } = [];
    public List<BusinessTypeEntry> BusinessTypes { get; set; } = [];
    /// <summary>Data list: every record kind, its fields and who may submit it.</summary>
    public List<DataListEntry> DataList { get; set; } = [];
    /// <summary>Behaviour list: behaviour codes → kind, severity, legal basis, optional period override.</summary>
    public List<BehaviourEntry> BehaviourList { get; set; } = [];
    /// <summary>Application list: measures (art8, art9), their trigger and the business types they affect.</summary>
    public List<MeasureEntry> ApplicationList { get; set; } = [];
    /// <summary>National publication-period regimes for art5.2–5.5 dishonesty, chosen by decision date.</summary>
    public List<PublicationRegimeEntry> PublicationRegimes { get; set; } = [];
    public WageArrearsRules WageArrears { get; set; } = new();
    public CreditEnhancingRules CreditEnhancing { get; set; } = new();
    /// <summary>
    /// The earliest decision date a submission may carry, <c>YYYY-MM-DD</c>: an earlier one is <c>invalid-date</c> (a date
    /// that cannot be a decision of the register's units, usually a typo). Absent = 2000-01-01 (a default of ours). Kept as
    /// text so that a bad value is one of the listed problems (see <see cref="CreditCatalogue.EarliestDecisionDate"/>).
    /// </summary>
    public string? EarliestDecisionDate { get; set; }
    /// <summary>Dishonesty information may be queried for this many years (Shanghai Social Credit Regulations art35).</summary>
    public int QueryPeriodYears { get; set; }
    public DeadlineRules Deadlines { get; set; } = new();
}

public sealed class UnitEntry
{
    public string Code { get; set; } = "";
    public BilingualText? Name { get; set; }
}

public sealed class BusinessTypeEntry
{
    public string Code { get; set; } = "";
    public BilingualText? Name { get; set; }
    /// <summary>Measure codes that never restrict this business type (e.g. employment-aid is exempt from art9.2).</summary>
    public List<string> ExemptFromMeasures { get; set; } = [];
    public string? ExemptionArticle { get; set; }
}

public sealed class DataListEntry
{
    /// <summary>Wire name of the kind, e.g. "admin-penalty".</summary>
    public string Kind { get; set; } = "";
    public string Article { get; set; } = "";
    /// <summary>"dishonesty", "enhancing" or "external-court".</summary>
    public string Polarity { get; set; } = "";
    public BilingualText? Name { get; set; }
    /// <summary>"unit", "individual"; empty = both.</summary>
    public List<string> SubjectTypes { get; set; } = [];
    /// <summary>Submission field names (wire names, e.g. "decisionNumber", "subject.name").</summary>
    public List<string> RequiredFields { get; set; } = [];
    public List<string> OptionalFields { get; set; } = [];
    /// <summary>Unit codes that may submit this kind.</summary>
    public List<string> Submitters { get; set; } = [];
    /// <summary>The legal basis used when neither the submission nor its behaviour code gives one (wage-arrears-list, court listings).</summary>
    public string? DefaultLegalBasis { get; set; }
}

public sealed class BehaviourEntry
{
    public string Code { get; set; } = "";
    public string Kind { get; set; } = "";
    /// <summary>"general" or "serious".</summary>
    public string Severity { get; set; } = "";
    public BilingualText? Name { get; set; }
    public string? LegalBasis { get; set; }
    /// <summary>Only when this behaviour's periods differ from the regime / kind defaults.</summary>
    public PeriodRule? Periods { get; set; }
}

/// <summary>Months of publication: the minimum before repair may be applied for, the maximum after which it expires.</summary>
public sealed class PeriodRule
{
    /// <summary>Null = cannot be repaired early (runs to the maximum).</summary>
    public int? MinimumMonths { get; set; }
    public int MaximumMonths { get; set; }
}

public sealed class MeasureEntry
{
    public string Code { get; set; } = "";
    /// <summary>art8.1.1, art8.1.2, art8.2.1, art8.2.2, art8.2.3, art9.1, art9.2.1, art9.2.2.</summary>
    public string Article { get; set; } = "";
    /// <summary>"incentive", "constraint" or "joint-punishment".</summary>
    public string Kind { get; set; } = "";
    public BilingualText? Name { get; set; }
    /// <summary>The measure applies when any one of these conditions holds.</summary>
    public MeasureTrigger Trigger { get; set; } = new();
    /// <summary>Business types this measure affects in a restriction check.</summary>
    public List<string> BusinessTypes { get; set; } = [];
    /// <summary>In a restriction check: "restricted" or "enhanced-review"; null = informative only.</summary>
    public string? Effect { get; set; }
    /// <summary>The sentence given as the reason when the measure restricts.</summary>
    public BilingualText? ReasonText { get; set; }
    /// <summary>Whether the measure still applies after the Measures' end (art15), because it rests on national rules.</summary>
    public bool ContinuesAfterMeasuresEnd { get; set; }
    public string? NationalBasis { get; set; }
}

public sealed class MeasureTrigger
{
    public List<MeasureCondition> AnyOf { get; set; } = [];
}

/// <summary>
/// One condition; every field given must hold. With <see cref="Kinds"/> or <see cref="Classifications"/> it needs at
/// least one active record (of the subject, or of its legal representative) that matches both.
/// </summary>
public sealed class MeasureCondition
{
    /// <summary>"self" (default) or "legal-representative" (the unit's legal representative, art9.2.2).</summary>
    public string? Of { get; set; }
    /// <summary>The subject must be of one of these types ("unit", "individual").</summary>
    public List<string>? SubjectTypes { get; set; }
    /// <summary>The subject's credit status must be one of these.</summary>
    public List<string>? Statuses { get; set; }
    public List<string>? Kinds { get; set; }
    /// <summary>"serious", "general", "enhancing", "court-listing".</summary>
    public List<string>? Classifications { get; set; }
}

public sealed class PublicationRegimeEntry
{
    /// <summary>Stable name, e.g. "ndrc-order-36". The same name in two versions must mean the same periods.</summary>
    public string Name { get; set; } = "";
    public BilingualText? Title { get; set; }
    /// <summary>First decision date covered; null = open start.</summary>
    public DateOnly? DecisionsFrom { get; set; }
    /// <summary>Last decision date covered (inclusive); null = open end.</summary>
    public DateOnly? DecisionsUntil { get; set; }
    /// <summary>Record kinds these periods apply to (art5.2–5.5 kinds).</summary>
    public List<string> Kinds { get; set; } = [];
    public PeriodRule? General { get; set; }
    public PeriodRule? Serious { get; set; }
}

public sealed class WageArrearsRules
{
    public BilingualText? Basis { get; set; }
    /// <summary>Listed for this many months from the listing decision (MOHRSS Order No. 45: 3 years).</summary>
    public int ListingMonths { get; set; }
    /// <summary>Early removal: at least this many months since the arrears were corrected.</summary>
    public int EarlyRemovalMonthsAfterCorrection { get; set; }
    public bool EarlyRemovalRequiresWrittenCommitment { get; set; }
    public int RemovalDecisionWorkingDays { get; set; }
}

public sealed class CreditEnhancingRules
{
    /// <summary>Default validity when a record gives no validUntil (default: 36 months).</summary>
    public int DefaultValidityMonths { get; set; }
}

public sealed class DeadlineRules
{
    public int ObjectionMarkWorkingDays { get; set; }
    public int ObjectionPassWorkingDays { get; set; }
    public int ObjectionDecideWorkingDays { get; set; }
    public int RepairDecideWorkingDays { get; set; }
    public int WageArrearsRemovalDecideWorkingDays { get; set; }
    public int RevokedActWithdrawWorkingDays { get; set; }
}

/// <summary>Source-generated JSON for the catalogue files and for serving them (camelCase, nulls omitted).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    WriteIndented = true)]
[JsonSerializable(typeof(CatalogueDocument))]
[JsonSerializable(typeof(List<CatalogueDocument>))]
public sealed partial class CatalogueJsonContext : JsonSerializerContext;
