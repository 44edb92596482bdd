namespace CreditFunctions.Domain.Objections;

/// <summary>Stable codes of every objection problem (the <c>code</c> of the problem answer).</summary>
public static class ObjectionCodes
{
    /// <summary>The caller is neither the subject nor the Public Credit Information Service Center (art10).</summary>
    public const string NotAllowedToObject = "not-allowed-to-object";
    /// <summary>A subject objects on behalf of another subject.</summary>
    public const string NotOwnSubject = "not-own-subject";
    /// <summary>No such record of this subject (also a record of another subject: its existence is not revealed).</summary>
    public const string RecordNotFound = "record-not-found";
    /// <summary>The record is not shown on the filing day (excluded, withdrawn, revoked, repaired, expired).</summary>
    public const string RecordNotShown = "record-not-shown";
    /// <summary>A court listing: the court that listed the debtor corrects it, not an HRSS unit.</summary>
    public const string ObjectionToCourt = "objection-to-court";
    public const string ReasonRequired = "reason-required";
    public const string ReasonTooLong = "reason-too-long";
    public const string EvidenceTooMany = "evidence-too-many";
    public const string EvidenceItemEmpty = "evidence-item-empty";
    public const string EvidenceItemTooLong = "evidence-item-too-long";
    /// <summary>One open objection per record (docs/rules.md "Objections (art10)").</summary>
    public const string ObjectionAlreadyOpen = "objection-already-open";

    /// <summary>Only the unit that submitted the record decides (art10, art12).</summary>
    public const string NotSubmittingUnit = "not-submitting-unit";
    /// <summary>The objection was already decided.</summary>
    public const string ObjectionNotOpen = "objection-not-open";
    public const string OutcomeRequired = "outcome-required";
    public const string OutcomeInvalid = "outcome-invalid";
    /// <summary><c>corrected</c> without the corrected record fields.</summary>
    public const string CorrectedFieldsRequired = "corrected-fields-required";
    /// <summary>A correction may not move the record to another subject: revoke it instead.</summary>
    public const string CorrectedSubjectChanged = "corrected-subject-changed";
    /// <summary>A correction may not change the kind of record: revoke it and submit the right one instead.</summary>
    public const string CorrectedKindChanged = "corrected-kind-changed";
}

/// <summary>What sort of problem it is, so the app can choose its answer (403, 404, 400, 422, 409).</summary>
public enum ObjectionProblemKind
{
    /// <summary>The caller may not do this (403).</summary>
    Forbidden,
    /// <summary>No such record for this subject (404).</summary>
    NotFound,
    /// <summary>The request itself is wrong: missing or too long text, bad outcome, bad corrected fields (400).</summary>
    InvalidInput,
    /// <summary>The record cannot be objected to here (422).</summary>
    RecordNotObjectable,
    /// <summary>Conflicts with the objection's state: already open, or already decided (409).</summary>
    Conflict,
}

/// <summary>One problem with an objection or its decision: a stable code, the field concerned, a sentence in Chinese and English.</summary>
public sealed record ObjectionProblem(string Code, ObjectionProblemKind Kind, string? Field, string Zh, string En);
