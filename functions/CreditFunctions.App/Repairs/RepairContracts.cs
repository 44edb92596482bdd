namespace CreditFunctions.App.Repairs;

/// <summary>
/// POST /api/repairs (contract.md): <c>{"subjectId","recordId","statement","commitment":true,"evidence":[…]}</c>, and for
/// the wage-arrears list <c>"correctedOn"</c> (YYYY-MM-DD) and <c>"criminalProceedingsPending"</c>.
/// </summary>
public sealed record RepairFilingBody(
    string? SubjectId, string? RecordId, string? Statement, bool? Commitment, IReadOnlyList<string>? Evidence, string? CorrectedOn, bool? CriminalProceedingsPending);

/// <summary>POST /api/repairs/{id}/decision: <c>{"outcome":"approved|rejected","reason"}</c>.</summary>
public sealed record RepairDecisionBody(string? Outcome, string? Reason);

/// <summary>201 answer: <c>{"repairId","status","dueOn"}</c>.</summary>
public sealed record RepairFiled(string RepairId, string Status, DateOnly DueOn, string RecordId, DateOnly FiledOn, bool WageArrearsRemoval);

/// <summary>One repair application as its subject, the Center and the deciding unit see it (GET /api/repairs/{id}).</summary>
public sealed record RepairView(
    string RepairId,
    string Status,
    string RecordId,
    string Unit,
    string Statement,
    bool Commitment,
    IReadOnlyList<string> Evidence,
    DateOnly? CorrectedOn,
    bool WageArrearsRemoval,
    DateOnly FiledOn,
    DateOnly DueOn,
    string? Outcome,
    string? DecisionReason,
    DateOnly? DecidedOn,
    bool? DecidedLate,
    IReadOnlyList<string>? RemovedWithUnit);

/// <summary>A row of GET /api/repairs.</summary>
public sealed record RepairSummary(string RepairId, string Status, string RecordId, string Unit, DateOnly FiledOn, DateOnly DueOn, string? Outcome);

public sealed record RepairList(IReadOnlyList<RepairSummary> Repairs);
