using System.Text.Json;

namespace CreditFunctions.App.Contracts;

/// <summary>
/// <c>credit-records/v1</c>, on <c>credit-ingest</c> (docs/contracts.md "credit-records/v1"): an envelope of 1 to 500 records from one source,
/// or a claim check (<c>recordsBlob</c>); since v2 signed by its source as a flattened JWS. This is the envelope once
/// read and found sound; its records are read one by one (<c>RecordSubmissionReader</c>).
/// </summary>
public sealed record RecordsEnvelope(
    string MessageId,
    string Source,
    DateTimeOffset? SentAt,
    IReadOnlyList<RecordElement> Records,
    string? RecordsBlob)
{
    public const string SchemaName = "credit-records/v1";

    public const int MaxRecords = 500;

    /// <summary>Azure queue messages are at most 64 KiB; a larger body can only have come from somewhere else.</summary>
    public const int MaxMessageBytes = QueueSender.MaxMessageBytes;

    /// <summary>The SHA-256 (hex) of the claim-check blob's bytes, which a signed envelope with <c>recordsBlob</c> carries.</summary>
    public string? RecordsBlobSha256 { get; init; }
}

/// <summary>One element of <c>records</c>: its position, its verbatim JSON (for Rejections), and the parsed JSON.</summary>
public sealed record RecordElement(int Index, string RawJson, JsonElement Json);
