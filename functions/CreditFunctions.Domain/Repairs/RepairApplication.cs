using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Repairs;

/// <summary>
/// An application for credit repair of one dishonesty record (art11; docs/contracts.md "Shapes clients rely on":
/// <c>{"subjectId","recordId","statement","commitment":true,"evidence":[…]}</c>), the subject id already parsed. The
/// wage-arrears list needs two more facts (MOHRSS Order No. 45, arts 11–17): <see cref="CorrectedOn"/> and
/// <see cref="CriminalProceedingsPending"/>.
/// </summary>
public sealed record RepairApplication
{
    public required SubjectId Subject { get; init; }
    public required string RecordId { get; init; }
    /// <summary>The statement of how the behaviour was corrected and the obligations performed (NDRC Order No. 36).</summary>
    public string? Statement { get; init; }
    /// <summary>The public credit commitment (NDRC Order No. 36) — for the wage-arrears list, the written commitment not to default on wages again (MOHRSS Order No. 45).</summary>
    public bool Commitment { get; init; }
    /// <summary>Proof that the obligations were fulfilled (payment receipts, the penalty paid, …): at least one reference.</summary>
    public IReadOnlyList<string>? Evidence { get; init; }
    /// <summary>Wage-arrears list only: the day the arrears were corrected (paid in full), China Standard Time.</summary>
    public DateOnly? CorrectedOn { get; init; }
    /// <summary>
    /// Wage-arrears list only: criminal proceedings for refusing to pay labour remuneration (Criminal Law art276-1) are
    /// pending against the subject. No record kind carries this, so it is a fact of the application: the applicant
    /// declares it and the app sets it too when the listing unit has transferred the case to the public security
    /// organs. Pending proceedings refuse early removal (MOHRSS Order No. 45, arts 11–17).
    /// </summary>
    public bool CriminalProceedingsPending { get; init; }
}
