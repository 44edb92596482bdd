using System.Text.Json;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Trust;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Applies a <c>subject-profile/v1</c> message (contract: <c>credit-subjects</c>): a subject's name and, for a unit,
/// its legal representative, which art9.2.2 needs (a unit whose legal representative is a dishonest judgment
/// debtor). The profile row is merged, so applying a message twice leaves it as applying it once; the last message
/// applied wins (the schema carries no version). Bad input is kept verbatim in Rejections like any other.
/// </summary>
public sealed class SubjectProfileIngestor(
    SignedMessageVerifier senders,
    RecordStore records,
    RejectionLedger rejections,
    CatalogueSet catalogues,
    TimeProvider clock,
    ILogger<SubjectProfileIngestor> logger)
{
    public const string Schema = SubjectProfileMessage.SchemaName;

    public async Task<IngestRejection?> IngestAsync(string body, CancellationToken cancellationToken)
    {
        // Proven by its source like a records message (contract v2); refused ones are filed under no unit.
        var proof = senders.Verify(body);
        if (!proof.IsAccepted)
        {
            var refusal = proof.Outcome == SenderProofOutcome.NotJson
                ? IngestRejection.InvalidJson(proof.JsonError ?? "")
                : new IngestRejection(proof.Refusal!.Code, proof.Refusal.Zh, proof.Refusal.En, proof.Refusal.Field);
            await rejections.RecordAsync(null, null, [new RejectedItem(null, null, body, refusal)], [], cancellationToken);
            logger.LogWarning("A subject profile was refused before its sender was known: {Code} ({Check})", refusal.Code, proof.Refusal?.Check);
            return refusal;
        }

        var (profile, rejection, messageId, source) = Read(proof.GetPayloadText());
        if (rejection is not null)
        {
            await rejections.RecordAsync(source, messageId, [new RejectedItem(null, null, body, rejection)], [], cancellationToken);
            logger.LogWarning("Subject profile {MessageId} from {Source} rejected: {Code}", messageId, source, rejection.Code);
            return rejection;
        }

        var (subject, name, representative) = profile!.Value;
        await records.WriteProfileAsync(subject, name, representative, source!, cancellationToken);
        logger.LogInformation("Subject profile {MessageId} from {Source} applied", messageId, source);
        return null;
    }

    private ((SubjectId Subject, string? Name, SubjectId? Representative)? Profile, IngestRejection? Rejection, string? MessageId, string? Source) Read(string body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
        }
        catch (JsonException e)
        {
            return (null, IngestRejection.InvalidJson(e.Message), null, null);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, IngestRejection.UnknownSchema(null), null, null);
            }

            var messageId = RecordsEnvelopeReader.StringProperty(root, "messageId");
            var source = RecordsEnvelopeReader.StringProperty(root, "source");
            var schema = RecordsEnvelopeReader.StringProperty(root, "schema");
            if (schema != Schema)
            {
                return (null, IngestRejection.UnknownSchema(schema), messageId, source);
            }

            if (string.IsNullOrWhiteSpace(messageId))
            {
                return (null, IngestRejection.MissingField("messageId"), null, source);
            }

            if (string.IsNullOrWhiteSpace(source))
            {
                return (null, IngestRejection.MissingField("source"), messageId, null);
            }

            var today = ChinaStandardTime.Today(clock);
            if (!catalogues.ForDate(today).IsKnownUnit(source))
            {
                return (null, new IngestRejection(RejectionCodes.UnauthorisedSource,
                    $"“{Problem(source)}”不是已登记的报送单位。", $"'{Problem(source)}' is not a registered submitting unit.", "source"), messageId, source);
            }

            // The message has a subject member like a record's, and the same rules apply to it.
            if (!RecordSubmissionReader.TryReadSubject(root, today, out var subject, out var name, out var representative, out var problem))
            {
                return (null, problem, messageId, source);
            }

            return ((subject, name, representative), null, messageId, source);
        }
    }

    private static string Problem(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");
}
