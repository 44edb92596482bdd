using System.Text;
using System.Text.Json.Nodes;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>
/// A corpus of bad messages as upstream systems really send them: encoding garbage, oversize, wrong types,
/// injection strings, future dates, wrong check characters. Each names the reason code it must be refused with.
/// </summary>
public static class BadInput
{
    public const string Source = "SH-HRSS-ENFORCEMENT";

    /// <summary>Whole messages that cannot be accepted at all: (case, body, code).</summary>
    public static TheoryData<string, string, string> Messages()
    {
        var data = new TheoryData<string, string, string>
        {
            { "empty body", "", "invalid-json" },
            { "plain text", "records attached, please process", "invalid-json" },
            { "seed mojibake", Mojibake(), "invalid-json" },
            { "truncated json", $$"""{"schema":"credit-records/v1","messageId":"{{Id()}}","source":"{{Source}}","records":[""", "invalid-json" },
            { "nested 100 deep", new string('[', 100) + new string(']', 100), "invalid-json" },
            // JSON but not a signed message (contract v2: the sender is proven before any check of version 1).
            { "json array", "[]", "unauthenticated-source" },
            { "json string", "\"credit-records/v1\"", "unauthenticated-source" },
            { "unsigned envelope", Envelope(), "unauthenticated-source" },
            { "signed by another unit, source rewritten", Forged(TestKeys.Sign(Envelope(source: "SH-EMPLOYMENT"))), "unauthenticated-source" },
            { "another unit's key on its own source", SourceKeys.MessageSigner.Sign(TestKeys.KeyOf("SH-EMPLOYMENT"), Envelope()), "unauthenticated-source" },
            { "no schema", TestKeys.Sign(Envelope(schema: null)), "unknown-schema" },
            { "future schema version", TestKeys.Sign(Envelope(schema: "credit-records/v2")), "unknown-schema" },
            { "schema with wrong case", TestKeys.Sign(Envelope(schema: "Credit-Records/V1")), "unknown-schema" },
            { "no message id", TestKeys.Sign(Envelope(messageId: null)), "missing-field" },
            // Without a source there is no unit to prove: whatever key signed it, it is not the envelope's source's.
            { "no source", Envelope(source: null), "unauthenticated-source" },
            { "no records", TestKeys.Sign(Envelope(omitRecords: true)), "missing-field" },
            { "empty records", TestKeys.Sign(Envelope(records: new JsonArray())), "missing-field" },
            { "records is an object", TestKeys.Sign(Envelope(records: new JsonObject())), "invalid-field" },
            { "sentAt not a time", TestKeys.Sign(Envelope(sentAt: "yesterday")), "invalid-field" },
            { "501 records", TestKeys.Sign(Envelope(records: new JsonArray(Enumerable.Range(0, 501).Select(_ => (JsonNode)Good()).ToArray()))), "too-many-records" },
            { "over 64 KiB", TestKeys.Sign(Envelope(records: new JsonArray(Good(summary: new string('长', 22_000))))), "message-too-large" },
        };
        return data;
    }

    /// <summary>One bad record beside a good one: (case, bad record, code).</summary>
    public static TheoryData<string, string, string> Records()
    {
        var data = new TheoryData<string, string, string>
        {
            { "no sourceRecordId", Without("sourceRecordId"), "missing-field" },
            { "version as a string", With("version", "1"), "invalid-field" },
            { "version zero", With("version", 0), "invalid-field" },
            { "version fractional", With("version", 1.5), "invalid-field" },
            { "no action", Without("action"), "missing-field" },
            { "unknown action", With("action", "delete"), "invalid-field" },
            { "unknown kind", With("kind", "fraud"), "unknown-kind" },
            { "kind with sql injection", With("kind", "admin-penalty'; DROP TABLE Records;--"), "unknown-kind" },
            { "no subject", Without("subject"), "missing-field" },
            { "subject type company", WithSubject(new JsonObject { ["type"] = "company", ["id"] = "91310110666007217T" }), "invalid-field" },
            { "USCC wrong check character", WithSubject(new JsonObject { ["type"] = "unit", ["id"] = "91310110666007217U" }), "invalid-subject-id" },
            { "USCC with a letter O", WithSubject(new JsonObject { ["type"] = "unit", ["id"] = "91310110666OO7217T" }), "invalid-subject-id" },
            { "ID number wrong check character", WithSubject(new JsonObject { ["type"] = "individual", ["id"] = "110105194912310021" }), "invalid-subject-id" },
            { "ID number born in the future", WithSubject(new JsonObject { ["type"] = "individual", ["id"] = FutureBorn() }), "invalid-subject-id" },
            { "ID number with OData injection", WithSubject(new JsonObject { ["type"] = "individual", ["id"] = "' or PartitionKey ne '" }), "invalid-subject-id" },
            { "subject name of 300 characters", WithSubject(new JsonObject { ["type"] = "unit", ["id"] = "91310110666007217T", ["name"] = new string('名', 300) }), "invalid-field" },
            { "decision date 13th month", With("decisionDate", "2024-13-01"), "invalid-date" },
            { "decision date day first", With("decisionDate", "30/04/2024"), "invalid-date" },
            { "decision date 30 February", With("decisionDate", "2024-02-30"), "invalid-date" },
            { "decision date in 2099", With("decisionDate", "2099-01-01"), "future-decision-date" },
            { "serious without legal basis", With("severity", "serious"), "serious-without-legal-basis" },
            { "unknown behaviour code", With("behaviourCode", "HRSS-NOT-A-CODE"), "unknown-behaviour-code" },
            { "minorViolation as text", With("minorViolation", "no"), "invalid-field" },
            { "summary of 5000 characters", With("summary", new string('x', 5000)), "invalid-field" },
            { "record is a string", "\"admin-penalty\"", "invalid-field" },
        };
        return data;
    }

    public static string Id() => $"bad-{Guid.NewGuid():N}";

    /// <summary>A message of SH-EMPLOYMENT whose envelope is made to say it is from <see cref="Source"/>, the signature left as it was.</summary>
    private static string Forged(string signedByOther)
    {
        var parts = System.Text.Json.JsonDocument.Parse(signedByOther).RootElement;
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts.GetProperty("payload").GetString()!)).Replace("SH-EMPLOYMENT", Source, StringComparison.Ordinal);
        return SourceKeys.MessageSigner.Flattened(parts.GetProperty("protected").GetString()!,
            Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), parts.GetProperty("signature").GetString()!);
    }

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }

    public static JsonObject Good(string? summary = null)
    {
        var record = RecordsMessage.AdminPenalty(Subjects.NewUscc());
        if (summary is not null)
        {
            record["summary"] = summary;
        }

        return record;
    }

    /// <summary>An envelope with one good record, but for what the arguments change (messageId "" = a fresh id).</summary>
    public static string Envelope(
        string? schema = "credit-records/v1", string? messageId = "", string? source = Source, JsonNode? records = null, bool omitRecords = false, string? sentAt = null)
    {
        var envelope = new JsonObject();
        if (schema is not null)
        {
            envelope["schema"] = schema;
        }

        if (messageId is not null)
        {
            envelope["messageId"] = messageId == "" ? Id() : messageId;
        }

        if (source is not null)
        {
            envelope["source"] = source;
        }

        if (sentAt is not null)
        {
            envelope["sentAt"] = sentAt;
        }

        if (!omitRecords)
        {
            envelope["records"] = records ?? new JsonArray(Good());
        }

        return envelope.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Without(string field)
    {
        var record = Good();
        record.Remove(field);
        return record.ToJsonString();
    }

    private static string With(string field, JsonNode? value)
    {
        var record = Good();
        record[field] = value;
        return record.ToJsonString();
    }

    private static string WithSubject(JsonObject subject)
    {
        var record = Good();
        record["subject"] = subject;
        return record.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string FutureBorn()
    {
        var body = "31010120990101001";
        return body + Domain.Subjects.SubjectId.ComputeIdCheck(body);
    }

    /// <summary>The seed document's first bytes: Chinese text that went through a double encoding.</summary>
    private static string Mojibake()
    {
        var path = Path.Combine(RepositoryRootOf(), "..", "shared", "seed", "000_1f5b93016277b4a6.txt");
        return File.Exists(path)
            ? Encoding.UTF8.GetString(File.ReadAllBytes(path).AsSpan(0, 400)).TrimEnd('\uFFFD')
            : "?。ㄒ唬?鐩戠潱绠＄悊 records";
    }

    private static string RepositoryRootOf() => CreditFunctions.Testing.RepositoryRoot.Find();
}
