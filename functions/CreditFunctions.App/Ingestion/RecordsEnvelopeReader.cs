using System.Text.Json;
using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Reads the envelope of a queue message (contract: <c>credit-ingest</c>). Only the envelope is judged here;
/// each record is judged on its own later, so one bad record never sinks the good ones beside it.
/// </summary>
public static class RecordsEnvelopeReader
{
    public const string Schema = RecordsEnvelope.SchemaName;
    public const int MaxRecords = RecordsEnvelope.MaxRecords;
    public const int MaxMessageBytes = RecordsEnvelope.MaxMessageBytes;

    /// <param name="body">The envelope: the signed message's payload (or, in a transition, the message itself).</param>
    /// <param name="messageBytes">The size of the queue message as it arrived (signed: larger than the envelope).</param>
    public static EnvelopeReadResult Read(string body, int? messageBytes = null)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return EnvelopeReadResult.Rejected(IngestRejection.InvalidJson(e.Message));
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EnvelopeReadResult.Rejected(IngestRejection.UnknownSchema(null));
            }

            // Read who sent it first, so that even a refused envelope is filed under its sender and message id.
            var messageId = StringProperty(root, "messageId");
            var source = StringProperty(root, "source");
            var schema = StringProperty(root, "schema");
            if (schema != Schema)
            {
                return EnvelopeReadResult.Rejected(IngestRejection.UnknownSchema(schema), messageId, source);
            }

            if (string.IsNullOrWhiteSpace(messageId))
            {
                return EnvelopeReadResult.Rejected(IngestRejection.MissingField("messageId"), null, source);
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                return EnvelopeReadResult.Rejected(IngestRejection.MissingField("source"), messageId);
            }

            DateTimeOffset? sentAt = null;
            if (root.TryGetProperty("sentAt", out var sentAtJson) && sentAtJson.ValueKind != JsonValueKind.Null)
            {
                if (sentAtJson.ValueKind != JsonValueKind.String || !sentAtJson.TryGetDateTimeOffset(out var parsed))
                {
                    return EnvelopeReadResult.Rejected(IngestRejection.InvalidField("sentAt", "an ISO 8601 time with offset"), messageId, source);
                }

                sentAt = parsed;
            }

            var recordsBlob = StringProperty(root, "recordsBlob");
            if (!root.TryGetProperty("records", out var records) || records.ValueKind == JsonValueKind.Null)
            {
                if (!string.IsNullOrWhiteSpace(recordsBlob))
                {
                    return EnvelopeReadResult.Accepted(new RecordsEnvelope(messageId, source, sentAt, [], recordsBlob)
                    {
                        RecordsBlobSha256 = StringProperty(root, Trust.RecordsBlobHash.Field),
                    });
                }

                return EnvelopeReadResult.Rejected(IngestRejection.MissingField("records"), messageId, source);
            }

            if (records.ValueKind != JsonValueKind.Array)
            {
                return EnvelopeReadResult.Rejected(IngestRejection.InvalidField("records", "an array of records"), messageId, source);
            }

            var count = records.GetArrayLength();
            if (count == 0)
            {
                return EnvelopeReadResult.Rejected(IngestRejection.MissingField("records"), messageId, source);
            }

            if (count > MaxRecords)
            {
                return EnvelopeReadResult.Rejected(IngestRejection.TooManyRecords(count, MaxRecords), messageId, source);
            }

            // Checked after the count: a queue can never deliver over 64 KiB, so an oversize body came another way,
            // and when it holds too many records that is the more useful thing to tell the sender.
            var bytes = messageBytes ?? System.Text.Encoding.UTF8.GetByteCount(body);
            if (bytes > MaxMessageBytes)
            {
                return EnvelopeReadResult.Rejected(IngestRejection.MessageTooLarge(bytes, MaxMessageBytes), messageId, source);
            }

            var elements = new List<RecordElement>(count);
            var index = 0;
            foreach (var record in records.EnumerateArray())
            {
                // Clone: the document is disposed when this method returns.
                elements.Add(new RecordElement(index++, record.GetRawText(), record.Clone()));
            }

            return EnvelopeReadResult.Accepted(new RecordsEnvelope(messageId, source, sentAt, elements, recordsBlob));
        }
    }

    internal static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Either a sound envelope, or why the whole message was refused (with what could be read of it).</summary>
public sealed record EnvelopeReadResult(RecordsEnvelope? Envelope, IngestRejection? Rejection, string? MessageId, string? Source)
{
    public static EnvelopeReadResult Accepted(RecordsEnvelope envelope) => new(envelope, null, envelope.MessageId, envelope.Source);

    public static EnvelopeReadResult Rejected(IngestRejection rejection, string? messageId = null, string? source = null) =>
        new(null, rejection, messageId, source);
}
