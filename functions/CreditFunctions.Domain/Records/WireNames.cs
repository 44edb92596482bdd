using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Records;

/// <summary>The kebab-case names used in JSON, tables and the catalogue, and their parsing. No allocation.</summary>
public static class WireNames
{
    public static string ToWire(this RecordKind kind) => kind switch
    {
        RecordKind.WageArrearsList => "wage-arrears-list",
        RecordKind.AdminPenalty => "admin-penalty",
        RecordKind.FalseMaterials => "false-materials",
        RecordKind.CommitmentBreach => "commitment-breach",
        RecordKind.OtherDishonesty => "other-dishonesty",
        RecordKind.CourtDishonestDebtor => "court-dishonest-debtor",
        RecordKind.Award => "award",
        RecordKind.HarmoniousLabourEnterprise => "harmonious-labour-enterprise",
        RecordKind.OtherEnhancing => "other-enhancing",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseKind(string? value, out RecordKind kind)
    {
        switch (value)
        {
            case "wage-arrears-list": kind = RecordKind.WageArrearsList; return true;
            case "admin-penalty": kind = RecordKind.AdminPenalty; return true;
            case "false-materials": kind = RecordKind.FalseMaterials; return true;
            case "commitment-breach": kind = RecordKind.CommitmentBreach; return true;
            case "other-dishonesty": kind = RecordKind.OtherDishonesty; return true;
            case "court-dishonest-debtor": kind = RecordKind.CourtDishonestDebtor; return true;
            case "award": kind = RecordKind.Award; return true;
            case "harmonious-labour-enterprise": kind = RecordKind.HarmoniousLabourEnterprise; return true;
            case "other-enhancing": kind = RecordKind.OtherEnhancing; return true;
            default: kind = default; return false;
        }
    }

    public static string ToWire(this RecordPolarity polarity) => polarity switch
    {
        RecordPolarity.Dishonesty => "dishonesty",
        RecordPolarity.Enhancing => "enhancing",
        RecordPolarity.ExternalCourt => "external-court",
        _ => throw new ArgumentOutOfRangeException(nameof(polarity)),
    };

    public static bool TryParsePolarity(string? value, out RecordPolarity polarity)
    {
        switch (value)
        {
            case "dishonesty": polarity = RecordPolarity.Dishonesty; return true;
            case "enhancing": polarity = RecordPolarity.Enhancing; return true;
            case "external-court": polarity = RecordPolarity.ExternalCourt; return true;
            default: polarity = default; return false;
        }
    }

    public static string ToWire(this RecordClassification classification) => classification switch
    {
        RecordClassification.Serious => "serious",
        RecordClassification.General => "general",
        RecordClassification.Excluded => "excluded",
        RecordClassification.Enhancing => "enhancing",
        RecordClassification.CourtListing => "court-listing",
        _ => throw new ArgumentOutOfRangeException(nameof(classification)),
    };

    public static bool TryParseClassification(string? value, out RecordClassification classification)
    {
        switch (value)
        {
            case "serious": classification = RecordClassification.Serious; return true;
            case "general": classification = RecordClassification.General; return true;
            case "excluded": classification = RecordClassification.Excluded; return true;
            case "enhancing": classification = RecordClassification.Enhancing; return true;
            case "court-listing": classification = RecordClassification.CourtListing; return true;
            default: classification = default; return false;
        }
    }

    public static string ToWire(this Severity severity) => severity switch
    {
        Severity.General => "general",
        Severity.Serious => "serious",
        _ => throw new ArgumentOutOfRangeException(nameof(severity)),
    };

    public static bool TryParseSeverity(string? value, out Severity severity)
    {
        switch (value)
        {
            case "general": severity = Severity.General; return true;
            case "serious": severity = Severity.Serious; return true;
            default: severity = default; return false;
        }
    }

    public static string ToWire(this RecordState state) => state switch
    {
        RecordState.Active => "active",
        RecordState.Withdrawn => "withdrawn",
        RecordState.Revoked => "revoked",
        RecordState.Repaired => "repaired",
        RecordState.Expired => "expired",
        RecordState.Excluded => "excluded",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static bool TryParseState(string? value, out RecordState state)
    {
        switch (value)
        {
            case "active": state = RecordState.Active; return true;
            case "withdrawn": state = RecordState.Withdrawn; return true;
            case "revoked": state = RecordState.Revoked; return true;
            case "repaired": state = RecordState.Repaired; return true;
            case "expired": state = RecordState.Expired; return true;
            case "excluded": state = RecordState.Excluded; return true;
            default: state = default; return false;
        }
    }

    public static string ToWire(this SubjectType type) => type == SubjectType.Unit ? "unit" : "individual";

    public static bool TryParseSubjectType(string? value, out SubjectType type)
    {
        switch (value)
        {
            case "unit": type = SubjectType.Unit; return true;
            case "individual": type = SubjectType.Individual; return true;
            default: type = default; return false;
        }
    }
}
