using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Tests.Builders;

/// <summary>
/// Builds a submission as an upstream unit would send it:
/// <c>ASubmission.AdminPenalty().Behaviour("child-labour").DecidedOn("2024-04-30").Build()</c>.
/// Defaults: source SH-HRSS-ENFORCEMENT, unit subject, version 1, upsert, decided 2024-04-30.
/// </summary>
public sealed class ASubmission
{
    private RecordSubmission _s;

    private ASubmission(string kind, string source = "SH-HRSS-ENFORCEMENT") => _s = new RecordSubmission
    {
        Source = source,
        SourceRecordId = "R-" + kind + "-1",
        Version = 1,
        Action = RecordActions.Upsert,
        Kind = kind,
        Subject = Some.Unit,
        SubjectName = "上海某某建筑工程有限公司",
        DecisionDate = "2024-04-30",
        DecisionNumber = "沪人社监罚〔2024〕123号",
    };

    public static ASubmission OfKind(string kind) => new(kind);
    public static ASubmission WageArrearsList() => new ASubmission("wage-arrears-list").From("SH-HRSS-ENFORCEMENT");
    public static ASubmission AdminPenalty() => new ASubmission("admin-penalty").Procedure("general");
    public static ASubmission FalseMaterials() => new("false-materials", "SH-SOCIAL-INSURANCE");
    public static ASubmission CommitmentBreach() => new("commitment-breach", "SH-EMPLOYMENT");
    public static ASubmission OtherDishonesty() => new("other-dishonesty", "SH-HRSS");
    public static ASubmission CourtDishonestDebtor() => new("court-dishonest-debtor", "court");
    public static ASubmission Award() => new("award", "SH-HRSS");
    public static ASubmission HarmoniousLabourEnterprise() => new("harmonious-labour-enterprise", "SH-HRSS");
    public static ASubmission OtherEnhancing() => new("other-enhancing", "SH-DISTRICT-PUDONG");

    public ASubmission From(string source) { _s = _s with { Source = source }; return this; }
    public ASubmission About(SubjectId subject) { _s = _s with { Subject = subject }; return this; }
    public ASubmission Named(string? name) { _s = _s with { SubjectName = name }; return this; }
    public ASubmission DecidedOn(string? date) { _s = _s with { DecisionDate = date }; return this; }
    public ASubmission Number(string? number) { _s = _s with { DecisionNumber = number }; return this; }
    public ASubmission Behaviour(string? code) { _s = _s with { BehaviourCode = code }; return this; }
    public ASubmission Severity(string? severity) { _s = _s with { Severity = severity }; return this; }
    public ASubmission Serious() => Severity("serious");
    public ASubmission General() => Severity("general");
    public ASubmission LegalBasis(string? basis) { _s = _s with { LegalBasis = basis }; return this; }
    public ASubmission Procedure(string? procedure) { _s = _s with { Procedure = procedure }; return this; }
    public ASubmission SummaryProcedure() => Procedure("summary");
    public ASubmission MinorViolation() { _s = _s with { MinorViolation = true }; return this; }
    public ASubmission HarmMitigated() { _s = _s with { HarmMitigated = true }; return this; }
    public ASubmission ListedUntil(string? date) { _s = _s with { ListingEndDate = date }; return this; }
    public ASubmission ValidUntil(string? date) { _s = _s with { ValidUntil = date }; return this; }
    public ASubmission Action(string? action) { _s = _s with { Action = action }; return this; }
    public ASubmission Kind(string? kind) { _s = _s with { Kind = kind }; return this; }
    public ASubmission SourceRecordId(string? id) { _s = _s with { SourceRecordId = id }; return this; }
    public ASubmission Version(long version) { _s = _s with { Version = version }; return this; }
    public ASubmission ListedWith(string? uscc) { _s = _s with { ListedWithUnitId = uscc }; return this; }

    public RecordSubmission Build() => _s;
    public static implicit operator RecordSubmission(ASubmission b) => b.Build();
}
