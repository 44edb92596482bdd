using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Repairs;

/// <summary>
/// Builds a complete repair application for a record: <c>AnApplication.For(record).WithoutCommitment().Build()</c>.
/// Defaults: the record's subject, a statement, the credit commitment given, one piece of proof; for a wage-arrears
/// listing no correction date (set it with <see cref="CorrectedOn(string)"/>).
/// </summary>
public sealed class AnApplication
{
    private RepairApplication _a;

    private AnApplication(CreditRecord record) => _a = new RepairApplication
    {
        Subject = record.Subject,
        RecordId = record.RecordId,
        Statement = "已全额缴纳罚款并整改到位。The fine was paid in full and the practice corrected.",
        Commitment = true,
        Evidence = ["缴款凭证-2024-001.pdf"],
    };

    public static AnApplication For(CreditRecord record) => new(record);

    public AnApplication Statement(string? statement) { _a = _a with { Statement = statement }; return this; }
    public AnApplication WithoutStatement() => Statement(null);
    public AnApplication WithoutCommitment() { _a = _a with { Commitment = false }; return this; }
    public AnApplication Evidence(params string[] evidence) { _a = _a with { Evidence = evidence }; return this; }
    public AnApplication WithoutProof() { _a = _a with { Evidence = null }; return this; }
    public AnApplication CorrectedOn(string date) { _a = _a with { CorrectedOn = Some.Date(date) }; return this; }
    public AnApplication CriminalProceedingsPending() { _a = _a with { CriminalProceedingsPending = true }; return this; }
    public AnApplication BySubject(Domain.Subjects.SubjectId subject) { _a = _a with { Subject = subject }; return this; }

    public RepairApplication Build() => _a;
    public static implicit operator RepairApplication(AnApplication b) => b.Build();
}

/// <summary>Wage-arrears listings of a unit and the parties listed with it (MOHRSS Order No. 45).</summary>
public static class Listings
{
    /// <summary>A unit (<see cref="Some.Unit"/>) listed on <paramref name="decided"/>.</summary>
    public static CreditRecord OfUnit(string decided, string id = "unit-listing") =>
        ARecord.WageArrearsList().For(Some.Unit).DecidedOn(decided).WithId(id).Build();

    /// <summary>An individual listed with <paramref name="unit"/>'s listing (same decision number and date).</summary>
    public static CreditRecord PartyOf(CreditRecord unit, Domain.Subjects.SubjectId person, string id) =>
        ARecord.WageArrearsList().For(person).DecidedOn(unit.DecisionDate).WithId(id).Build()
            with { ListedWithUnitId = unit.Subject.Value, DecisionNumber = unit.DecisionNumber };
}
