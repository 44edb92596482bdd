using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// A record of a message that passed every check and is ready to be written: where it lives, and either its
/// classification (upsert) or, for a revoke that carries only the record's identity, none.
/// </summary>
public sealed record PreparedRecord(
    RecordElement Element,
    RecordSubmission Submission,
    string RecordId,
    string SubjectKey,
    string Partition,
    ClassifiedRecord? Classified,
    string CatalogueVersion);

/// <summary>What writing one prepared record came to.</summary>
public sealed record WrittenRecord(PreparedRecord Record, bool Stored, IngestRejection? Stale);
