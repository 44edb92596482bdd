namespace CreditFunctions.Domain.Catalogue;

/// <summary>The business types a restriction check is asked about (docs/rules.md "Restriction checks", art8.2.3 and art9). The catalogue lists them.</summary>
public static class BusinessTypes
{
    public const string GovernmentFunding = "government-funding";
    public const string GovernmentProcurement = "government-procurement";
    public const string TenderingBidding = "tendering-bidding";
    public const string FinancingLoan = "financing-loan";
    public const string MarketAccess = "market-access";
    public const string TaxPreference = "tax-preference";
    public const string AwardsHonours = "awards-honours";
    public const string Travel = "travel";
    public const string StartupGuaranteedLoan = "startup-guaranteed-loan";
    public const string PreStartupGuaranteedLoan = "pre-startup-guaranteed-loan";
    public const string YouthTrainingCamp = "youth-training-camp";
    public const string YouthInternshipBase = "youth-internship-base";
    public const string EmploymentAid = "employment-aid";
    public const string NotificationCommitment = "notification-commitment";
    public const string HrssBusiness = "hrss-business";
}

/// <summary>Unit codes of the contract (docs/contracts.md "Units").</summary>
public static class UnitCodes
{
    public const string Hrss = "SH-HRSS";
    public const string HrssEnforcement = "SH-HRSS-ENFORCEMENT";
    public const string SocialInsurance = "SH-SOCIAL-INSURANCE";
    public const string Employment = "SH-EMPLOYMENT";
    public const string CreditCenter = "SH-CREDIT-CENTER";
    public const string Court = "court";

    /// <summary>The 16 districts of Shanghai, as SH-DISTRICT-{NAME}.</summary>
    public static IReadOnlyList<string> Districts { get; } =
    [
        "SH-DISTRICT-HUANGPU", "SH-DISTRICT-XUHUI", "SH-DISTRICT-CHANGNING", "SH-DISTRICT-JINGAN",
        "SH-DISTRICT-PUTUO", "SH-DISTRICT-HONGKOU", "SH-DISTRICT-YANGPU", "SH-DISTRICT-MINHANG",
        "SH-DISTRICT-BAOSHAN", "SH-DISTRICT-JIADING", "SH-DISTRICT-PUDONG", "SH-DISTRICT-JINSHAN",
        "SH-DISTRICT-SONGJIANG", "SH-DISTRICT-QINGPU", "SH-DISTRICT-FENGXIAN", "SH-DISTRICT-CHONGMING",
    ];
}
