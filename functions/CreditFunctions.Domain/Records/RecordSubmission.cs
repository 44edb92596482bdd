using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Records;

/// <summary>The values of <see cref="RecordSubmission.Action"/>.</summary>
public static class RecordActions
{
    public const string Upsert = "upsert";
    public const string Revoke = "revoke";
}

/// <summary>
/// The domain view of one record of a <c>credit-records/v1</c> envelope (docs/contracts.md "credit-records/v1"). Strings are as received:
/// the classifier checks them (kind, dates in <c>YYYY-MM-DD</c>, severity, procedure) and answers with a reason
/// code when one is wrong. The subject is already parsed (a bad subject id is the app's <c>invalid-subject-id</c>).
/// </summary>
public sealed record RecordSubmission
{
    /// <summary>The submitting unit's code (the envelope's <c>source</c>), e.g. "SH-HRSS-ENFORCEMENT" or "court".</summary>
    public required string Source { get; init; }
    public string? SourceRecordId { get; init; }
    public long Version { get; init; }
    /// <summary>"upsert" or "revoke" (<see cref="RecordActions"/>).</summary>
    public string? Action { get; init; }
    /// <summary>The kind as received, e.g. "admin-penalty".</summary>
    public string? Kind { get; init; }
    public required SubjectId Subject { get; init; }
    public string? SubjectName { get; init; }
    /// <summary>Units only: the legal representative's ID number, already parsed (art9.2.2).</summary>
    public SubjectId? LegalRepresentative { get; init; }
    /// <summary>"YYYY-MM-DD" as received.</summary>
    public string? DecisionDate { get; init; }
    public string? DecisionNumber { get; init; }
    public string? BehaviourCode { get; init; }
    /// <summary>"general" | "serious" | null.</summary>
    public string? Severity { get; init; }
    public string? LegalBasis { get; init; }
    /// <summary>admin-penalty only: "general" | "summary".</summary>
    public string? Procedure { get; init; }
    public bool MinorViolation { get; init; }
    public bool HarmMitigated { get; init; }
    /// <summary>"YYYY-MM-DD" as received; court listings: the last day listed.</summary>
    public string? ListingEndDate { get; init; }
    /// <summary>wage-arrears-list only: the USCC of the unit an individual was listed with.</summary>
    public string? ListedWithUnitId { get; init; }
    /// <summary>"YYYY-MM-DD" as received; credit-enhancing kinds: the last day valid.</summary>
    public string? ValidUntil { get; init; }
    public string? Summary { get; init; }

    public bool IsRevoke => string.Equals(Action, RecordActions.Revoke, StringComparison.Ordinal);
}
