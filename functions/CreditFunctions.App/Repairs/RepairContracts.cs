using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.Domain.Objections;

namespace CreditFunctions.App.Repairs;

// [Description], [Required] and [WireSet] are what the OpenAPI document says of each member; they change nothing on the
// wire. Request members stay nullable: RepairEligibility answers a missing one with an unmet condition of its own.

/// <summary>
/// POST /api/repairs: <c>{"subjectId","recordId","statement","commitment":true,"evidence":[…]}</c>, and for the wage-arrears
/// list <c>"correctedOn"</c> (YYYY-MM-DD) and <c>"criminalProceedingsPending"</c>.
/// </summary>
[Description("An application for credit repair (art11).")]
public sealed record RepairFilingBody(
    [property: Required, Description("The subject the record is about: a USCC or resident ID number.")] string? SubjectId,
    [property: Required, Description("The record to repair (from a credit answer).")] string? RecordId,
    [property: Required, Description("How the behaviour was corrected and the obligations performed, 1 to 2000 characters.")] string? Statement,
    [property: Required, Description("The public credit commitment (for the wage-arrears list, the written commitment): must be true.")] bool? Commitment,
    [property: MaxLength(TextRules.MaxEvidenceItems), Description("Proof that the obligations were fulfilled (file names, links, document numbers): at least one, at most 20.")] IReadOnlyList<string>? Evidence,
    [property: Description("wage-arrears-list only: the day the arrears were corrected, YYYY-MM-DD (early removal needs 6 months since).")] string? CorrectedOn,
    [property: Description("wage-arrears-list only: whether criminal proceedings for refusing to pay wages are pending (they bar early removal).")] bool? CriminalProceedingsPending);

/// <summary>POST /api/repairs/{id}/decision: <c>{"outcome":"approved|rejected","reason"}</c>.</summary>
[Description("The submitting unit's decision on a repair application.")]
public sealed record RepairDecisionBody(
    [property: Required, Description("approved or rejected."), WireSet(WireSets.RepairOutcome)] string? Outcome,
    [property: Description("Why; required for rejected, at most 2000 characters.")] string? Reason);

/// <summary>201 answer: <c>{"repairId","status","dueOn"}</c>.</summary>
[Description("A repair application filed: the submitting unit must decide by dueOn.")]
public sealed record RepairFiled(
    [property: Description("The application's id, for GET /api/repairs/{id}.")] string RepairId,
    [property: Description("pending."), WireSet(WireSets.CaseStatus)] string Status,
    [property: Description("The day the unit must decide by: 3 working days, 15 for early removal from the wage-arrears list.")] DateOnly DueOn,
    [property: Description("The record to repair.")] string RecordId,
    [property: Description("The day it was filed.")] DateOnly FiledOn,
    [property: Description("Early removal from the wage-arrears list (MOHRSS Order No. 45): the parties listed with the unit leave with it.")] bool WageArrearsRemoval);

/// <summary>One repair application as its subject, the Center and the deciding unit see it (GET /api/repairs/{id}).</summary>
[Description("One repair application, its due day and, once decided, the outcome.")]
public sealed record RepairView(
    [property: Description("The application's id.")] string RepairId,
    [property: Description("pending or decided."), WireSet(WireSets.CaseStatus)] string Status,
    [property: Description("The record to repair.")] string RecordId,
    [property: Description("The unit that submitted the record and decides.")] string Unit,
    [property: Description("The statement given.")] string Statement,
    [property: Description("The commitment was made.")] bool Commitment,
    [property: Description("The evidence references given.")] IReadOnlyList<string> Evidence,
    [property: Description("wage-arrears-list: the day the arrears were corrected.")] DateOnly? CorrectedOn,
    [property: Description("Early removal from the wage-arrears list.")] bool WageArrearsRemoval,
    [property: Description("The day it was filed.")] DateOnly FiledOn,
    [property: Description("The day the unit must decide by.")] DateOnly DueOn,
    [property: Description("Once decided: the outcome."), WireSet(WireSets.RepairOutcome)] string? Outcome,
    [property: Description("Once decided: the unit's reason, when it gave one.")] string? DecisionReason,
    [property: Description("Once decided: the day.")] DateOnly? DecidedOn,
    [property: Description("Once decided: after dueOn.")] bool? DecidedLate,
    [property: Description("Once approved for a unit's wage-arrears listing: the records of the parties listed with it, removed too.")] IReadOnlyList<string>? RemovedWithUnit);

/// <summary>A row of GET /api/repairs.</summary>
[Description("A repair application in a list.")]
public sealed record RepairSummary(
    [property: Description("The application's id.")] string RepairId,
    [property: Description("pending or decided."), WireSet(WireSets.CaseStatus)] string Status,
    [property: Description("The record to repair.")] string RecordId,
    [property: Description("The deciding unit.")] string Unit,
    [property: Description("The day it was filed.")] DateOnly FiledOn,
    [property: Description("The day the unit must decide by.")] DateOnly DueOn,
    [property: Description("Once decided: the outcome."), WireSet(WireSets.RepairOutcome)] string? Outcome,
    [property: Description("Still pending after dueOn.")] bool Overdue);

[Description("Repair applications, the most urgent (earliest dueOn) first.")]
public sealed record RepairList(
    [property: Description("The applications, by dueOn.")] IReadOnlyList<RepairSummary> Repairs);
