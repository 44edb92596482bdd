using System.Diagnostics.CodeAnalysis;
using CreditFunctions.Domain.Periods;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Records;

/// <summary>Reason codes of the contract that the classifier can give (docs/contracts.md "What happens to bad input").</summary>
public static class RejectionCodes
{
    public const string MissingField = "missing-field";
    public const string InvalidField = "invalid-field";
    public const string InvalidDate = "invalid-date";
    public const string FutureDecisionDate = "future-decision-date";
    public const string UnknownKind = "unknown-kind";
    public const string UnknownBehaviourCode = "unknown-behaviour-code";
    public const string SeriousWithoutLegalBasis = "serious-without-legal-basis";
    public const string UnauthorisedSource = "unauthorised-source";
}

/// <summary>Why a submission was rejected: a stable code, the field concerned, and a sentence in Chinese and English.</summary>
public sealed record RejectionReason(string Code, string? Field, string Zh, string En);

/// <summary>Either an accepted <see cref="ClassifiedRecord"/> or a <see cref="RejectionReason"/>.</summary>
public sealed class ClassificationResult
{
    private ClassificationResult(ClassifiedRecord? record, RejectionReason? rejection)
    {
        Record = record;
        Rejection = rejection;
    }

    public ClassifiedRecord? Record { get; }
    public RejectionReason? Rejection { get; }

    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAccepted => Record is not null;

    public static ClassificationResult Accepted(ClassifiedRecord record) => new(record, null);
    public static ClassificationResult Rejected(RejectionReason reason) => new(null, reason);
}

/// <summary>
/// An accepted record: what it is, how serious, on what legal basis, and when it is shown. <see cref="Period"/> is
/// null for an <see cref="RecordClassification.Excluded"/> record (never published).
/// </summary>
public sealed record ClassifiedRecord
{
    public required RecordSubmission Submission { get; init; }
    /// <summary>
    /// wage-arrears-list only: <see cref="RecordSubmission.ListedWithUnitId"/> parsed as a USCC, in normal form (trimmed,
    /// upper case); null when not given. Use this rather than the submission's text to link the party to its unit.
    /// </summary>
    public SubjectId? ListedWithUnit { get; init; }
    public required RecordKind Kind { get; init; }
    public required RecordPolarity Polarity { get; init; }
    public required RecordClassification Classification { get; init; }
    /// <summary>general | serious for dishonesty (also kept on excluded records when known); null otherwise.</summary>
    public Severity? Severity { get; init; }
    public string? LegalBasis { get; init; }
    public string? BehaviourCode { get; init; }
    public required DateOnly DecisionDate { get; init; }
    public DateOnly? ListingEndDate { get; init; }
    public DateOnly? ValidUntil { get; init; }
    /// <summary>Null when excluded.</summary>
    public PublicationPeriod? Period { get; init; }
    /// <summary>The catalogue version used to classify, kept with the record (art7: history is not rewritten).</summary>
    public required string CatalogueVersion { get; init; }

    /// <summary>The stored view of this record, state active (or excluded), not under objection.</summary>
    public CreditRecord ToCreditRecord(string recordId) => new()
    {
        RecordId = recordId,
        Source = Submission.Source,
        SourceRecordId = Submission.SourceRecordId ?? "",
        Version = Submission.Version,
        Kind = Kind,
        Subject = Submission.Subject,
        SubjectName = Submission.SubjectName,
        LegalRepresentative = Submission.LegalRepresentative,
        Classification = Classification,
        Severity = Severity,
        DecisionDate = DecisionDate,
        DecisionNumber = Submission.DecisionNumber,
        Start = Period?.Start ?? DecisionDate,
        ExpiresOn = Period?.ExpiresOn,
        RepairableFrom = Period?.RepairableFrom,
        Regime = Period?.Regime,
        State = Classification == RecordClassification.Excluded ? RecordState.Excluded : RecordState.Active,
        Summary = Submission.Summary,
        CatalogueVersion = CatalogueVersion,
        LegalBasis = LegalBasis,
        BehaviourCode = BehaviourCode,
        ListedWithUnitId = ListedWithUnit?.Value,
    };
}
