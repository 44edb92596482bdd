using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.Domain.Objections;

namespace CreditFunctions.App.Objections;

// [Description], [Required] and [WireSet] are what the OpenAPI document says of each member; they change nothing on the
// wire. Request members stay nullable: ObjectionPolicy answers a missing one with its own code (reason-required, …).

/// <summary>POST /api/objections: <c>{"subjectId","recordId","reason","evidence":[…]}</c>.</summary>
[Description("An objection to a record (art10).")]
public sealed record ObjectionFilingBody(
    [property: Required, Description("The subject the record is about: a USCC or resident ID number (a subject files for itself only).")] string? SubjectId,
    [property: Required, Description("The record objected to (from a credit answer).")] string? RecordId,
    [property: Required, Description("Why the record is wrong, 1 to 2000 characters.")] string? Reason,
    [property: MaxLength(TextRules.MaxEvidenceItems), Description("References to evidence (file names, links, document numbers), at most 20 of at most 500 characters each.")] IReadOnlyList<string>? Evidence);

/// <summary>POST /api/objections/{id}/decision: <c>{"outcome","reason","corrected":{…record fields…}}</c>.</summary>
[Description("The submitting unit's decision on an objection (Regulations art36).")]
public sealed record ObjectionDecisionBody(
    [property: Required, Description("corrected, revoked or upheld."), WireSet(WireSets.ObjectionOutcome)] string? Outcome,
    [property: Description("Why; required for upheld, at most 2000 characters.")] string? Reason,
    [property: Description("For corrected: the record fields that change, as in a credit-records/v1 record (kind and subject stay); fields left out keep their stored values.")] JsonElement? Corrected);

/// <summary>201 answer to a filing: <c>{"objectionId","status","dueOn"}</c> and what else the subject needs to follow it.</summary>
[Description("An objection filed: the record is marked under objection and the submitting unit must decide by dueOn.")]
public sealed record ObjectionFiled(
    [property: Description("The objection's id, for GET /api/objections/{id}.")] string ObjectionId,
    [property: Description("pending."), WireSet(WireSets.CaseStatus)] string Status,
    [property: Description("The day the unit must decide by (5 working days).")] DateOnly DueOn,
    [property: Description("The record objected to.")] string RecordId,
    [property: Description("The day it was filed (China Standard Time).")] DateOnly FiledOn);

/// <summary>One objection as its subject, the Center and the deciding unit see it (GET /api/objections/{id}).</summary>
[Description("One objection, its deadline and, once decided, the outcome.")]
public sealed record ObjectionView(
    [property: Description("The objection's id.")] string ObjectionId,
    [property: Description("pending or decided."), WireSet(WireSets.CaseStatus)] string Status,
    [property: Description("The record objected to.")] string RecordId,
    [property: Description("The unit that submitted the record and decides.")] string Unit,
    [property: Description("Who filed it."), WireSet(WireSets.ObjectionFiler)] string FiledAs,
    [property: Description("The reason given.")] string Reason,
    [property: Description("The evidence references given.")] IReadOnlyList<string> Evidence,
    [property: Description("The day it was filed.")] DateOnly FiledOn,
    [property: Description("The day the unit must decide by.")] DateOnly DueOn,
    [property: Description("Still pending after dueOn.")] bool Overdue,
    [property: Description("When the hourly sweep escalated it as overdue, if it did.")] DateTimeOffset? EscalatedAt,
    [property: Description("Once decided: the outcome."), WireSet(WireSets.ObjectionOutcome)] string? Outcome,
    [property: Description("Once decided: the unit's reason, when it gave one.")] string? DecisionReason,
    [property: Description("Once decided: the day.")] DateOnly? DecidedOn,
    [property: Description("Once corrected: the record's new version.")] long? CorrectedVersion);

/// <summary>A row of GET /api/objections.</summary>
[Description("An objection in a list.")]
public sealed record ObjectionSummary(
    [property: Description("The objection's id.")] string ObjectionId,
    [property: Description("pending or decided."), WireSet(WireSets.CaseStatus)] string Status,
    [property: Description("The record objected to.")] string RecordId,
    [property: Description("The deciding unit.")] string Unit,
    [property: Description("The day it was filed.")] DateOnly FiledOn,
    [property: Description("The day the unit must decide by.")] DateOnly DueOn,
    [property: Description("Still pending after dueOn.")] bool Overdue,
    [property: Description("Escalated as overdue by the hourly sweep.")] bool Escalated,
    [property: Description("Once decided: the outcome."), WireSet(WireSets.ObjectionOutcome)] string? Outcome,
    [property: Description("Once decided: the day.")] DateOnly? DecidedOn,
    [property: Description("Who filed it: the subject, or the Center for it (absent for objections listed before the list carried it)."), WireSet(WireSets.ObjectionFiler)] string? FiledAs);

[Description("Objections, the most urgent (earliest dueOn) first.")]
public sealed record ObjectionList(
    [property: Description("The objections, by dueOn.")] IReadOnlyList<ObjectionSummary> Objections);
