using System.Text.Json;

namespace CreditFunctions.App.Objections;

/// <summary>POST /api/objections (contract.md): <c>{"subjectId","recordId","reason","evidence":[…]}</c>.</summary>
public sealed record ObjectionFilingBody(string? SubjectId, string? RecordId, string? Reason, IReadOnlyList<string>? Evidence);

/// <summary>POST /api/objections/{id}/decision: <c>{"outcome","reason","corrected":{…record fields…}}</c>.</summary>
public sealed record ObjectionDecisionBody(string? Outcome, string? Reason, JsonElement? Corrected);

/// <summary>201 answer to a filing: <c>{"objectionId","status","dueOn"}</c> and what else the subject needs to follow it.</summary>
public sealed record ObjectionFiled(string ObjectionId, string Status, DateOnly DueOn, string RecordId, DateOnly FiledOn);

/// <summary>One objection as its subject, the Center and the deciding unit see it (GET /api/objections/{id}).</summary>
public sealed record ObjectionView(
    string ObjectionId,
    string Status,
    string RecordId,
    string Unit,
    string FiledAs,
    string Reason,
    IReadOnlyList<string> Evidence,
    DateOnly FiledOn,
    DateOnly DueOn,
    bool Overdue,
    DateTimeOffset? EscalatedAt,
    string? Outcome,
    string? DecisionReason,
    DateOnly? DecidedOn,
    long? CorrectedVersion);

/// <summary>A row of GET /api/objections.</summary>
public sealed record ObjectionSummary(
    string ObjectionId, string Status, string RecordId, string Unit, DateOnly FiledOn, DateOnly DueOn, bool Overdue, bool Escalated, string? Outcome, DateOnly? DecidedOn);

public sealed record ObjectionList(IReadOnlyList<ObjectionSummary> Objections);
