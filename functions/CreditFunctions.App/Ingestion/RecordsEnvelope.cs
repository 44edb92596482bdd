using System.Text.Json;

namespace CreditFunctions.App.Ingestion;

/// <summary>A <c>credit-records/v1</c> message whose envelope is sound; its records are read one by one.</summary>
public sealed record RecordsEnvelope(
    string MessageId,
    string Source,
    DateTimeOffset? SentAt,
    IReadOnlyList<RecordElement> Records,
    string? RecordsBlob);

/// <summary>One element of <c>records</c>: its position, its verbatim JSON (for Rejections), and the parsed JSON.</summary>
public sealed record RecordElement(int Index, string RawJson, JsonElement Json);
