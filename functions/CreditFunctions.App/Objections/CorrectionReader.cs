using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Objections;

/// <summary>
/// The <c>corrected</c> fields of a decision as a <see cref="RecordSubmission"/>. The unit sends what it corrects; every
/// field it leaves out is taken from the record as stored (ObjectionDecisionRequest: "the app fills fields the unit left
/// out from the current version"), and the whole is read exactly as an ingested record is, then classified again by
/// <see cref="Domain.Objections.ObjectionPolicy.CheckDecision"/>.
/// </summary>
public static class CorrectionReader
{
    /// <summary>
    /// The merged record fields (JSON, kept on the objection so a crashed decision can be finished the same way), or a
    /// 400 problem. Null JSON and no problem when the unit sent no corrected fields.
    /// </summary>
    public static bool TryMerge(JsonElement? corrected, CreditRecord current, out string? mergedJson, out Problem? problem)
    {
        mergedJson = null;
        problem = null;
        if (corrected is not { } given || given.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return true;
        }

        if (given.ValueKind != JsonValueKind.Object)
        {
            problem = Problem.Refused(400, "invalid-field", "corrected 应为记录字段组成的 JSON 对象。", "'corrected' must be a JSON object of record fields.");
            return false;
        }

        var merged = FromRecord(current);
        // A new behaviour code brings its own grade and legal basis from the behaviour list; a grade given alone replaces
        // the code. Inherited values would otherwise contradict what the unit corrected.
        if (given.TryGetProperty("behaviourCode", out _))
        {
            if (!given.TryGetProperty("severity", out _))
            {
                merged.Remove("severity");
            }

            if (!given.TryGetProperty("legalBasis", out _))
            {
                merged.Remove("legalBasis");
            }
        }
        else if (given.TryGetProperty("severity", out _))
        {
            merged.Remove("behaviourCode");
        }

        foreach (var property in given.EnumerateObject())
        {
            if (property.Name == "subject" && property.Value.ValueKind == JsonValueKind.Object && merged["subject"] is JsonObject subject)
            {
                foreach (var part in property.Value.EnumerateObject())
                {
                    subject[part.Name] = JsonNode.Parse(part.Value.GetRawText());
                }

                continue;
            }

            merged[property.Name] = JsonNode.Parse(property.Value.GetRawText());
        }

        // Identity and version are the record's: ObjectionPolicy sets the next version itself.
        merged["sourceRecordId"] = current.SourceRecordId;
        merged["version"] = current.Version + 1;
        merged["action"] = RecordActions.Upsert;
        mergedJson = merged.ToJsonString();
        return true;
    }

    /// <summary>Reads merged fields as the ingestion reads a record; a field of the wrong type is a 400 problem.</summary>
    public static bool TryRead(string? mergedJson, string source, DateOnly today, out RecordSubmission? submission, out Problem? problem)
    {
        submission = null;
        problem = null;
        if (mergedJson is null)
        {
            return true;
        }

        using var document = JsonDocument.Parse(mergedJson);
        if (RecordSubmissionReader.TryRead(document.RootElement, source, today, out submission, out var rejection))
        {
            return true;
        }

        problem = Problem.Refused(400, rejection!.Code, "更正后的记录不能接受：" + rejection.Zh, "The corrected record cannot be accepted: " + rejection.En);
        return false;
    }

    /// <summary>
    /// The stored record as submission fields. A shown admin penalty was decided under the general procedure and is
    /// neither minor nor mitigated (art5.2: otherwise it would be excluded), so those are implied.
    /// </summary>
    private static JsonObject FromRecord(CreditRecord r)
    {
        var subject = new JsonObject
        {
            ["type"] = r.Subject.Type == SubjectType.Unit ? "unit" : "individual",
            ["id"] = r.Subject.Value,
        };
        if (r.SubjectName is not null)
        {
            subject["name"] = r.SubjectName;
        }

        if (r.LegalRepresentative is { } representative)
        {
            subject["legalRepresentativeId"] = representative.Value;
        }

        var fields = new JsonObject
        {
            ["kind"] = r.Kind.ToWire(),
            ["subject"] = subject,
            ["decisionDate"] = Day(r.DecisionDate),
        };
        Add(fields, "decisionNumber", r.DecisionNumber);
        Add(fields, "behaviourCode", r.BehaviourCode);
        if (r.BehaviourCode is null)
        {
            Add(fields, "severity", r.Severity?.ToWire());
        }

        Add(fields, "legalBasis", r.LegalBasis);
        Add(fields, "listedWithUnitId", r.ListedWithUnitId);
        Add(fields, "summary", r.Summary);
        if (r.Kind == RecordKind.AdminPenalty)
        {
            fields["procedure"] = "general";
        }

        if (r.Polarity == RecordPolarity.Enhancing && r.ExpiresOn is { } expires)
        {
            fields["validUntil"] = Day(expires.AddDays(-1));
        }

        return fields;
    }

    private static void Add(JsonObject fields, string name, string? value)
    {
        if (value is not null)
        {
            fields[name] = value;
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
