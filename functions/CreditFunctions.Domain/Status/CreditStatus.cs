using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Status;

/// <summary>A subject's credit status on a day (art8). Wire: serious-dishonesty | general-dishonesty | trustworthy | no-record.</summary>
public enum CreditStatus
{
    NoRecord,
    Trustworthy,
    GeneralDishonesty,
    SeriousDishonesty,
}

/// <summary>Incentive (art8.1), constraint (art8.2) or joint punishment (art9).</summary>
public enum MeasureKind
{
    Incentive,
    Constraint,
    JointPunishment,
}

/// <summary>Why a measure applies: the article the records come from and their ids.</summary>
public sealed record MeasureReason(string Article, IReadOnlyList<string> RecordIds);

/// <summary>A measure of the application list that applies to the subject.</summary>
public sealed record AppliedMeasure(string Code, string Article, MeasureKind Kind, BilingualText Name, IReadOnlyList<MeasureReason> Reasons);

/// <summary>The answer of <see cref="CreditStatusEvaluator.Evaluate"/>.</summary>
public sealed record CreditStatusResult
{
    public required SubjectId Subject { get; init; }
    public required DateOnly AsOf { get; init; }
    public required CreditStatus Status { get; init; }
    /// <summary>Active records on <see cref="AsOf"/>, court listings included, newest decision first.</summary>
    public required IReadOnlyList<CreditRecord> ActiveRecords { get; init; }
    /// <summary>art8 incentives and constraints.</summary>
    public required IReadOnlyList<AppliedMeasure> Measures { get; init; }
    /// <summary>art9 joint punishments that follow from the active records (restriction checks apply them).</summary>
    public required IReadOnlyList<AppliedMeasure> JointPunishments { get; init; }
    public required string CatalogueVersion { get; init; }
    /// <summary>False after the Measures' end (2028-08-31): only measures resting on national rules are applied.</summary>
    public required bool MeasuresInForce { get; init; }
}

public static class StatusWireNames
{
    public static string ToWire(this CreditStatus status) => status switch
    {
        CreditStatus.SeriousDishonesty => "serious-dishonesty",
        CreditStatus.GeneralDishonesty => "general-dishonesty",
        CreditStatus.Trustworthy => "trustworthy",
        CreditStatus.NoRecord => "no-record",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static bool TryParseStatus(string? value, out CreditStatus status)
    {
        switch (value)
        {
            case "serious-dishonesty": status = CreditStatus.SeriousDishonesty; return true;
            case "general-dishonesty": status = CreditStatus.GeneralDishonesty; return true;
            case "trustworthy": status = CreditStatus.Trustworthy; return true;
            case "no-record": status = CreditStatus.NoRecord; return true;
            default: status = default; return false;
        }
    }

    public static string ToWire(this MeasureKind kind) => kind switch
    {
        MeasureKind.Incentive => "incentive",
        MeasureKind.Constraint => "constraint",
        MeasureKind.JointPunishment => "joint-punishment",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static bool TryParseMeasureKind(string? value, out MeasureKind kind)
    {
        switch (value)
        {
            case "incentive": kind = MeasureKind.Incentive; return true;
            case "constraint": kind = MeasureKind.Constraint; return true;
            case "joint-punishment": kind = MeasureKind.JointPunishment; return true;
            default: kind = default; return false;
        }
    }
}
