using System.Text.Json;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Turns one JSON record of the envelope into the domain's <see cref="RecordSubmission"/>. It checks only what
/// JSON can get wrong (presence, types) and the subject id; the rules (kind, severity, dates) are the classifier's.
/// </summary>
public static class RecordSubmissionReader
{
    public static bool TryRead(JsonElement json, string source, DateOnly today, out RecordSubmission? submission, out IngestRejection? rejection)
    {
        submission = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            rejection = IngestRejection.InvalidField("records[]", "a JSON object");
            return false;
        }

        if (!RequiredString(json, "sourceRecordId", out var sourceRecordId, out rejection)
            || !RequiredString(json, "action", out var action, out rejection)
            || !Version(json, out var version, out rejection)
            || !RequiredString(json, "kind", out var kind, out rejection)
            || !OptionalStrings(json, out rejection, out var texts)
            || !OptionalBool(json, "minorViolation", out var minor, out rejection)
            || !OptionalBool(json, "harmMitigated", out var mitigated, out rejection)
            || !Subject(json, today, out var subject, out var subjectName, out var legalRepresentative, out rejection))
        {
            return false;
        }

        submission = new RecordSubmission
        {
            Source = source,
            SourceRecordId = sourceRecordId,
            Version = version,
            Action = action,
            Kind = kind,
            Subject = subject,
            SubjectName = subjectName,
            LegalRepresentative = legalRepresentative,
            DecisionDate = texts["decisionDate"],
            DecisionNumber = texts["decisionNumber"],
            BehaviourCode = texts["behaviourCode"],
            Severity = texts["severity"],
            LegalBasis = texts["legalBasis"],
            Procedure = texts["procedure"],
            MinorViolation = minor,
            HarmMitigated = mitigated,
            ListingEndDate = texts["listingEndDate"],
            ListedWithUnitId = texts["listedWithUnitId"],
            ValidUntil = texts["validUntil"],
            Summary = texts["summary"],
        };
        return true;
    }

    /// <summary>
    /// A revoke needs only the record's identity and a version (the record id is derived from the envelope's source and
    /// the sourceRecordId, so a source can only ever revoke its own records). Other fields, subject and kind included,
    /// are neither needed nor trusted: the revoke withdraws the record wherever it is.
    /// </summary>
    public static bool TryReadRevoke(JsonElement json, out string sourceRecordId, out long version, out IngestRejection? rejection)
    {
        version = 0;
        sourceRecordId = "";
        if (json.ValueKind != JsonValueKind.Object)
        {
            rejection = IngestRejection.InvalidField("records[]", "a JSON object");
            return false;
        }

        return RequiredString(json, "sourceRecordId", out sourceRecordId, out rejection) && Version(json, out version, out rejection);
    }

    /// <summary>Whether the element says <c>"action": "revoke"</c> (anything else is read as a full record).</summary>
    public static bool IsRevoke(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object && RecordsEnvelopeReader.StringProperty(json, "action")?.Trim() == RecordActions.Revoke;

    /// <summary>The upstream id of a record, when it can be read, so a rejection can name it.</summary>
    public static string? SourceRecordIdOf(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object ? RecordsEnvelopeReader.StringProperty(json, "sourceRecordId") : null;

    private static readonly string[] OptionalTextFields =
    [
        "decisionDate", "decisionNumber", "behaviourCode", "severity", "legalBasis", "procedure",
        "listingEndDate", "listedWithUnitId", "validUntil", "summary",
    ];

    // Free text shown to the public or kept as evidence: generous, but bounded so one record cannot fill an entity.
    private const int MaxTextLength = 2_000;

    private static bool RequiredString(JsonElement json, string name, out string value, out IngestRejection? rejection)
    {
        value = "";
        if (!json.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            rejection = IngestRejection.MissingField(name);
            return false;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            rejection = IngestRejection.InvalidField(name, "a string");
            return false;
        }

        value = element.GetString()!.Trim();
        if (value.Length == 0)
        {
            rejection = IngestRejection.MissingField(name);
            return false;
        }

        if (value.Length > 256 && name != "kind")
        {
            rejection = IngestRejection.InvalidField(name, "at most 256 characters");
            return false;
        }

        rejection = null;
        return true;
    }

    private static bool Version(JsonElement json, out long version, out IngestRejection? rejection)
    {
        version = 0;
        if (!json.TryGetProperty("version", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            rejection = IngestRejection.MissingField("version");
            return false;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out version) || version < 1)
        {
            rejection = IngestRejection.InvalidField("version", "a whole number of at least 1");
            return false;
        }

        rejection = null;
        return true;
    }

    private static bool OptionalStrings(JsonElement json, out IngestRejection? rejection, out Dictionary<string, string?> texts)
    {
        texts = new Dictionary<string, string?>(OptionalTextFields.Length, StringComparer.Ordinal);
        foreach (var name in OptionalTextFields)
        {
            texts[name] = null;
            if (!json.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (element.ValueKind != JsonValueKind.String)
            {
                rejection = IngestRejection.InvalidField(name, "a string");
                return false;
            }

            var text = element.GetString()!.Trim();
            if (text.Length > MaxTextLength)
            {
                rejection = IngestRejection.InvalidField(name, $"at most {MaxTextLength} characters");
                return false;
            }

            texts[name] = text.Length == 0 ? null : text;
        }

        rejection = null;
        return true;
    }

    private static bool OptionalBool(JsonElement json, string name, out bool value, out IngestRejection? rejection)
    {
        value = false;
        rejection = null;
        if (!json.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            value = element.GetBoolean();
            return true;
        }

        rejection = IngestRejection.InvalidField(name, "true or false");
        return false;
    }

    /// <summary>The <c>subject</c> member of a record or of a subject profile.</summary>
    public static bool TryReadSubject(
        JsonElement json, DateOnly today, out SubjectId subject, out string? name, out SubjectId? legalRepresentative, out IngestRejection? rejection) =>
        Subject(json, today, out subject, out name, out legalRepresentative, out rejection);

    private static bool Subject(
        JsonElement json, DateOnly today, out SubjectId subject, out string? name, out SubjectId? legalRepresentative, out IngestRejection? rejection)
    {
        subject = default;
        name = null;
        legalRepresentative = null;
        if (!json.TryGetProperty("subject", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            rejection = IngestRejection.MissingField("subject");
            return false;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            rejection = IngestRejection.InvalidField("subject", "an object with type, id and name");
            return false;
        }

        if (!RequiredString(element, "type", out var type, out rejection))
        {
            rejection = rejection! with { Field = "subject.type" };
            return false;
        }

        SubjectType expected;
        switch (type)
        {
            case "unit":
                expected = SubjectType.Unit;
                break;
            case "individual":
                expected = SubjectType.Individual;
                break;
            default:
                rejection = IngestRejection.InvalidField("subject.type", "\"unit\" or \"individual\"");
                return false;
        }

        if (!element.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            rejection = id.ValueKind == JsonValueKind.Undefined || id.ValueKind == JsonValueKind.Null
                ? IngestRejection.MissingField("subject.id")
                : IngestRejection.InvalidField("subject.id", "a string");
            return false;
        }

        if (!SubjectId.TryParse(id.GetString(), expected, today, out subject, out var error))
        {
            rejection = new IngestRejection(error.Code, error.Zh, error.En, "subject.id");
            return false;
        }

        if (element.TryGetProperty("name", out var nameElement) && nameElement.ValueKind != JsonValueKind.Null)
        {
            if (nameElement.ValueKind != JsonValueKind.String || nameElement.GetString()!.Length > 200)
            {
                rejection = IngestRejection.InvalidField("subject.name", "a string of at most 200 characters");
                return false;
            }

            name = nameElement.GetString()!.Trim();
        }

        if (element.TryGetProperty("legalRepresentativeId", out var rep) && rep.ValueKind != JsonValueKind.Null)
        {
            if (expected != SubjectType.Unit)
            {
                rejection = IngestRejection.InvalidField("subject.legalRepresentativeId", "absent: only a unit has a legal representative");
                return false;
            }

            if (rep.ValueKind != JsonValueKind.String
                || !SubjectId.TryParse(rep.GetString(), SubjectType.Individual, today, out var representative, out var repError))
            {
                rejection = rep.ValueKind != JsonValueKind.String
                    ? IngestRejection.InvalidField("subject.legalRepresentativeId", "a string")
                    : new IngestRejection(SubjectIdError.PublicCode, "法定代表人" + ErrorOf(rep, today).Zh, "Legal representative: " + ErrorOf(rep, today).En, "subject.legalRepresentativeId");
                return false;
            }

            legalRepresentative = representative;
        }

        rejection = null;
        return true;
    }

    private static SubjectIdError ErrorOf(JsonElement rep, DateOnly today)
    {
        SubjectId.TryParse(rep.GetString(), SubjectType.Individual, today, out _, out var error);
        return error!;
    }
}
