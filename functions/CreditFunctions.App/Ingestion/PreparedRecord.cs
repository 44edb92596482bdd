using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Ingestion;

/// <summary>A record of a message that passed every check: its place in the message and what is to happen to it.</summary>
public sealed record PreparedRecord(RecordElement Element, string SourceRecordId, RecordIntent Intent);

/// <summary>What reading one element of a message came to: a record ready to apply, or why it was refused.</summary>
public readonly record struct Preparation(PreparedRecord? Record, RejectedItem? Rejection);
