using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Objections;
using CreditFunctions.App.Repairs;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// Every status and problem code a route can answer with is in the OpenAPI document, for that route: the document against
/// a list kept here from reading each handler and the policy behind it (a second pair of eyes on ApiRoutes), against the
/// gateway's own answers, and against every problem factory and code constant in the code.
/// </summary>
public sealed class OpenApiCodesTests
{
    private const string Secured = "401 unauthenticated|503 storage-unavailable";

    /// <summary>
    /// "status code" pairs each route answers with, from its handler: the gateway's (401, 403 forbidden for routes with
    /// roles, 413 and 400 invalid-json for routes with a body, 503), then the handler's and its policy's, in the order they
    /// are checked.
    /// </summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/health"] = "",
        ["GET /api/catalogue"] = "400 invalid-date",
        ["GET /api/openapi.json"] = "",
        ["GET /api/subjects/{id}/credit"] = $"400 invalid-subject-id|400 invalid-date|403 forbidden|{Secured}",
        ["GET /api/subjects/{id}/restrictions"] =
            $"400 invalid-subject-id|400 invalid-date|403 forbidden|400 missing-business|400 unknown-business-type|{Secured}",
        ["GET /api/subjects/{id}/access-log"] = $"400 invalid-subject-id|400 invalid-limit|403 forbidden|{Secured}",
        ["POST /api/screenings"] =
            $"403 forbidden|413 body-too-large|400 invalid-json|400 invalid-date|400 missing-business|400 unknown-business-type|" +
            $"400 missing-subjects|400 too-many-subjects|{Secured}",
        ["GET /api/records/{recordId}"] = $"403 forbidden|400 invalid-record-id|404 record-not-found|{Secured}",
        ["GET /api/units/{unit}/quality"] = $"403 forbidden|400 invalid-unit|{Secured}",
        // ObjectionDesk.FileAsync → ObjectionPolicy.CheckFiling: the first problem names the status (422, then 400, then 409).
        ["POST /api/objections"] =
            $"413 body-too-large|400 invalid-json|400 invalid-subject-id|403 not-allowed-to-object|403 not-own-subject|404 record-not-found|" +
            $"422 record-not-shown|422 objection-to-court|400 reason-required|400 reason-too-long|400 evidence-too-many|" +
            $"400 evidence-item-empty|400 evidence-item-too-long|409 objection-already-open|{Secured}",
        ["GET /api/objections/{id}"] = $"404 objection-not-found|{Secured}",
        ["GET /api/objections"] = $"403 forbidden|400 invalid-status|{Secured}",
        // ObjectionDesk.DecideAsync: the case, the deciding unit, the case's state, the corrected fields (CorrectionReader
        // reads them as ingestion does), then ObjectionPolicy.CheckDecision (which classifies a correction again).
        ["POST /api/objections/{id}/decision"] =
            $"413 body-too-large|400 invalid-json|404 objection-not-found|403 not-submitting-unit|409 objection-not-open|" +
            $"400 invalid-field|400 missing-field|400 invalid-subject-id|400 outcome-required|400 outcome-invalid|400 reason-required|" +
            $"400 reason-too-long|400 corrected-fields-required|400 corrected-subject-changed|400 corrected-kind-changed|" +
            $"400 invalid-date|400 future-decision-date|400 unknown-kind|400 unknown-behaviour-code|400 serious-without-legal-basis|" +
            $"400 unauthorised-source|{Secured}",
        // RepairDesk.FileAsync → RepairEligibility: every unmet condition is in one 422 repair-not-eligible.
        ["POST /api/repairs"] =
            $"413 body-too-large|400 invalid-json|400 invalid-subject-id|400 invalid-date|403 not-allowed-to-apply|404 record-not-found|" +
            $"422 repair-not-eligible|409 repair-already-open|{Secured}",
        ["GET /api/repairs"] = $"403 forbidden|400 invalid-status|{Secured}",
        ["GET /api/repairs/{id}"] = $"404 repair-not-found|{Secured}",
        ["POST /api/repairs/{id}/decision"] =
            $"413 body-too-large|400 invalid-json|404 repair-not-found|403 not-submitting-unit|409 repair-not-open|400 outcome-invalid|" +
            $"400 reason-required|400 reason-too-long|{Secured}",
        ["GET /api/docs"] = "",
        ["GET /api/docs/redoc.standalone.js"] = "",
        ["GET /api/docs/redoc.standalone.js.LICENSE.txt"] = "",
        ["GET /api/asyncapi.json"] = "",
        // Console (docs/console.md): the page and its files answer documents, redirects and pages, never a problem.
        ["GET /api/console"] = "",
        ["GET /api/console/console.css"] = "",
        ["GET /api/console/{module}"] = "",
        ["GET /api/units/{unit}/rejections"] = $"403 forbidden|400 invalid-unit|400 invalid-limit|{Secured}",
        // FeedbackDesk.FileAsync: the body, then the look-up (404), whose it is (403) and for what business (403), the measure
        // it named (422), a repeat (409).
        ["POST /api/feedback"] =
            $"403 forbidden|413 body-too-large|400 invalid-json|400 invalid-lookup-id|400 invalid-subject-id|400 missing-business|" +
            $"400 missing-measure|400 invalid-handling|400 note-too-long|400 invalid-amount|404 lookup-not-found|403 lookup-not-yours|" +
            $"403 lookup-business-mismatch|422 measure-not-named|409 feedback-already-given|{Secured}",
        ["GET /api/subjects/{id}/feedback"] = $"400 invalid-subject-id|403 forbidden|{Secured}",
        ["GET /api/feedback/summary"] = $"403 forbidden|400 invalid-date|400 invalid-period|{Secured}",
        // WatchDesk: the body (subjects, business, callback), the watch's owner (404 for anyone else), a lost race (409).
        ["POST /api/watches"] =
            $"403 forbidden|413 body-too-large|400 invalid-json|400 missing-subjects|400 too-many-subjects|400 invalid-subject-id|" +
            $"400 unknown-business-type|400 invalid-callback-url|{Secured}",
        ["GET /api/watches/{id}"] = $"403 forbidden|404 watch-not-found|{Secured}",
        ["DELETE /api/watches/{id}"] = $"403 forbidden|404 watch-not-found|409 watch-changed|{Secured}",
        ["POST /api/watches/{id}/subjects"] =
            $"403 forbidden|413 body-too-large|400 invalid-json|400 missing-subjects|400 too-many-subjects|400 invalid-subject-id|" +
            $"404 watch-not-found|409 watch-changed|{Secured}",
        ["GET /api/watches/{id}/changes"] = $"403 forbidden|400 invalid-cursor|400 invalid-limit|404 watch-not-found|{Secured}",
        // ReportDesk.IssueAsync: the subject id, then whose report; ReportDesk.VerifyAsync: the code, then report and code as one 404.
        ["POST /api/subjects/{id}/reports"] = $"403 forbidden|400 invalid-subject-id|403 not-own-subject|{Secured}",
        ["GET /api/reports/keys"] = "",
        ["GET /api/reports/{reportId}"] = "400 verification-code-required|404 report-not-found|503 storage-unavailable",
    };

    /// <summary>Factories whose code comes from their caller or the domain (checked through the code constants instead).</summary>
    private static readonly string[] FactoriesOfOthersCodes =
    [
        "Problem.Refused", "Problem.NotFound", "ObjectionProblems.From", "RepairProblems.From", "RepairProblems.NotEligible",
    ];

    [Fact]
    public void Each_route_documents_exactly_the_codes_its_handler_answers_with()
    {
        var documented = Documented();

        foreach (var route in ApiRoutes.All)
        {
            Assert.True(Expected.TryGetValue(route.Name, out var list), $"{route.Name} has no list here: read its handler and add it");
            var expected = list.Split('|', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal).ToList();
            var actual = documented[route.Name].Select(c => $"{c.Status} {c.Code}").Order(StringComparer.Ordinal).ToList();
            Assert.True(expected.SequenceEqual(actual),
                $"{route.Name}\n  missing from the document: {string.Join(", ", expected.Except(actual))}\n  not expected: {string.Join(", ", actual.Except(expected))}");
        }

        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), ApiRoutes.All.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_gateways_answers_are_documented_on_every_route_they_can_come_from()
    {
        var documented = Documented();
        foreach (var route in ApiRoutes.All)
        {
            var codes = documented[route.Name].Select(c => $"{c.Status} {c.Code}").ToHashSet(StringComparer.Ordinal);
            void Has(bool when, string code) => Assert.True(!when || codes.Contains(code), $"{route.Name} does not document {code}");

            Has(!route.Anonymous, "401 unauthenticated");
            Has(!route.Anonymous, "503 storage-unavailable");
            Has(route.Roles is { Count: > 0 }, "403 forbidden");
            Has(route.Docs.Request is not null, "413 body-too-large");
            Has(route.Docs.Request is not null, "400 invalid-json");
        }
    }

    [Fact]
    public async Task Every_problem_factory_code_is_in_the_document()
    {
        var documented = AllCodes();
        var made = new List<(string Factory, string Code)>();
        var skipped = new List<string>();
        foreach (var type in new[] { typeof(Problem), typeof(ApiProblems), typeof(RequestBody), typeof(ObjectionProblems), typeof(RepairProblems),
                     typeof(App.Feedback.FeedbackProblems), typeof(App.Watches.WatchProblems), typeof(App.Reports.ReportProblems) })
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Problem)))
            {
                var arguments = method.GetParameters().Select(Sample).ToArray();
                if (arguments.Any(a => a is Unsynthesizable) || method.GetParameters().Any(p => p.Name == "code"))
                {
                    skipped.Add($"{type.Name}.{method.Name}");
                    continue;
                }

                made.Add(($"{type.Name}.{method.Name}", ((Problem)method.Invoke(null, arguments)!).Code));
            }
        }

        // CaseListing answers its one code inline; asked for a status it does not know, it answers before reading a table.
        var request = new DefaultHttpContext().Request;
        request.QueryString = new QueryString("?status=open");
        var (_, listing) = await CaseListing.ReadAsync(new ApiCall(request, ApiRoutes.ListObjections, Caller.Nobody), (CaseTable<StoredObjection>)null!, CancellationToken.None);
        made.Add(("CaseListing.ReadAsync", listing!.Code));

        var missing = made.Where(m => !documented.Contains(m.Code)).Select(m => $"{m.Factory} ({m.Code})").ToList();
        Assert.True(missing.Count == 0, "Problem codes in no operation of the document: " + string.Join(", ", missing));
        Assert.Equal(FactoriesOfOthersCodes.Order(StringComparer.Ordinal), skipped.Order(StringComparer.Ordinal));
        Assert.True(made.Count >= 25, $"only {made.Count} factories found");
    }

    [Fact]
    public void Every_objection_repair_and_record_code_is_in_the_document()
    {
        var documented = AllCodes();
        var codes = Constants(typeof(ObjectionCodes)).Concat(Constants(typeof(RepairCodes))).Concat(Constants(typeof(RejectionCodes)));

        var missing = codes.Where(c => !documented.Contains(c)).ToList();

        Assert.True(missing.Count == 0, "Codes in no operation's x-problem-codes or x-condition-codes: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_problem_response_describes_its_codes_and_shows_one_of_them()
    {
        using var document = JsonDocument.Parse(OpenApiDocument.Text);
        foreach (var (route, status, response) in Responses(document.RootElement))
        {
            if (!response.TryGetProperty("x-problem-codes", out var codes))
            {
                continue;
            }

            var description = response.GetProperty("description").GetString()!;
            var media = response.GetProperty("content").GetProperty("application/problem+json");
            foreach (var code in codes.EnumerateArray().Select(c => c.GetString()!))
            {
                Assert.True(description.Contains($"`{code}`", StringComparison.Ordinal), $"{route} {status}: {code} is not in the description");
            }

            var shown = media.GetProperty("examples").EnumerateObject().Select(e => e.Value.GetProperty("value").GetProperty("code").GetString()).ToList();
            Assert.True(shown.Count > 0 && shown.All(c => codes.EnumerateArray().Any(d => d.GetString() == c)), $"{route} {status}: examples {string.Join(", ", shown)}");
        }
    }

    [Fact]
    public void No_member_is_typed_null_and_every_json_answer_and_body_has_an_example()
    {
        var text = OpenApiDocument.Text;
        var root = JsonNode.Parse(text)!;

        Assert.DoesNotContain("\"null\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"$ref\": \"#/properties", text, StringComparison.Ordinal);
        foreach (var path in root["paths"]!.AsObject())
        {
            foreach (var operation in path.Value!.AsObject())
            {
                var name = $"{operation.Key.ToUpperInvariant()} {path.Key}";
                foreach (var content in operation.Value!["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    Assert.True(content.Value!["examples"] is JsonObject { Count: > 0 }, $"{name}: request body without an example");
                }

                foreach (var response in operation.Value!["responses"]!.AsObject().Where(r => r.Key.StartsWith('2')))
                {
                    foreach (var content in response.Value!["content"]?.AsObject() ?? [])
                    {
                        var isContract = content.Value!["schema"]!["$ref"] is not null;
                        Assert.True(!isContract || content.Value!["examples"] is JsonObject { Count: > 0 }, $"{name} {response.Key}: no example");
                    }
                }
            }
        }
    }

    [Fact]
    public void Closed_sets_are_enums_and_screenings_take_at_most_100_subjects()
    {
        using var document = JsonDocument.Parse(OpenApiDocument.Text);
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        string[] Enum(string name) => [.. schemas.GetProperty(name).GetProperty("enum").EnumerateArray().Select(v => v.GetString()!)];
        string RefOf(string schema, string member) => schemas.GetProperty(schema).GetProperty("properties").GetProperty(member).GetProperty("$ref").GetString()!;

        Assert.Equal(["no-record", "trustworthy", "general-dishonesty", "serious-dishonesty"], Enum("CreditStatus"));
        Assert.Equal(["allowed", "enhanced-review", "restricted"], Enum("RestrictionDecision"));
        Assert.Equal(RecordKinds.All.Select(k => k.ToWire()).Order(), Enum("RecordKind").Order());
        Assert.Equal(["pending", "decided"], Enum("CaseStatus"));
        Assert.Equal("#/components/schemas/CreditStatus", RefOf("CreditResponse", "status"));
        Assert.Equal("#/components/schemas/MeasureKind", RefOf("MeasureView", "kind"));
        Assert.Equal("#/components/schemas/RecordState", RefOf("RecordDetailResponse", "state"));
        Assert.Equal("#/components/schemas/ObjectionOutcome", RefOf("ObjectionDecision", "outcome"));
        Assert.Equal("#/components/schemas/RepairOutcome", RefOf("RepairDecision", "outcome"));
        var subjects = schemas.GetProperty("ScreeningRequest").GetProperty("properties").GetProperty("subjects");
        Assert.Equal(ApiProblems.MaxScreeningSubjects, subjects.GetProperty("maxItems").GetInt32());
        foreach (var body in new[] { "ObjectionRequest", "RepairRequest" })
        {
            var evidence = schemas.GetProperty(body).GetProperty("properties").GetProperty("evidence");
            Assert.Equal("string", evidence.GetProperty("items").GetProperty("type").GetString());
            Assert.Equal(TextRules.MaxEvidenceItems, evidence.GetProperty("maxItems").GetInt32());
        }

        foreach (var stub in new[] { "Catalogue", "ObjectionList", "RepairList" })
        {
            Assert.True(schemas.GetProperty(stub).GetProperty("properties").EnumerateObject().Any(), $"{stub} is an empty stub");
        }
    }

    [Fact]
    public void The_case_lists_take_status_and_unit()
    {
        foreach (var route in new[] { ApiRoutes.ListObjections, ApiRoutes.ListRepairs })
        {
            Assert.Equal(["status", "unit"], route.Docs.Parameters.Select(p => p.Name));
            Assert.All(route.Docs.Parameters, p => Assert.Equal("query", p.In));
        }
    }

    /// <summary>Route name → every (status, code) its responses document, shared responses resolved.</summary>
    internal static Dictionary<string, List<(int Status, string Code)>> Documented()
    {
        using var document = JsonDocument.Parse(OpenApiDocument.Text);
        var result = ApiRoutes.All.ToDictionary(r => r.Name, _ => new List<(int, string)>(), StringComparer.Ordinal);
        foreach (var (route, status, response) in Responses(document.RootElement))
        {
            if (response.TryGetProperty("x-problem-codes", out var codes))
            {
                result[route].AddRange(codes.EnumerateArray().Select(c => (int.Parse(status, System.Globalization.CultureInfo.InvariantCulture), c.GetString()!)));
            }
        }

        return result;
    }

    /// <summary>Every code anywhere in the document: x-problem-codes and x-condition-codes.</summary>
    private static HashSet<string> AllCodes()
    {
        using var document = JsonDocument.Parse(OpenApiDocument.Text);
        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, _, response) in Responses(document.RootElement))
        {
            foreach (var list in new[] { "x-problem-codes", "x-condition-codes" })
            {
                if (response.TryGetProperty(list, out var values))
                {
                    codes.UnionWith(values.EnumerateArray().Select(v => v.GetString()!));
                }
            }
        }

        return codes;
    }

    /// <summary>Every response of every operation as (route name, status, the response with a $ref to a shared one resolved).</summary>
    private static IEnumerable<(string Route, string Status, JsonElement Response)> Responses(JsonElement root)
    {
        var shared = root.GetProperty("components").GetProperty("responses");
        foreach (var path in root.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                foreach (var response in operation.Value.GetProperty("responses").EnumerateObject())
                {
                    var value = response.Value.TryGetProperty("$ref", out var reference)
                        ? shared.GetProperty(reference.GetString()!["#/components/responses/".Length..])
                        : response.Value;
                    yield return ($"{operation.Name.ToUpperInvariant()} {path.Name}", response.Name, value.Clone());
                }
            }
        }
    }

    private sealed class Unsynthesizable;

    private static object? Sample(ParameterInfo parameter) => parameter.ParameterType switch
    {
        var t when t == typeof(string) => "x",
        var t when t == typeof(int) => 101,
        var t when t == typeof(DateOnly?) => null,
        var t when t == typeof(IEnumerable<string>) => new[] { "hrss-business" },
        var t when t == typeof(IReadOnlyList<string>) => new[] { "art8.2.1" },
        var t when t == typeof(bool) => false,
        var t when t == typeof(IReadOnlyList<ProblemCondition>) => Array.Empty<ProblemCondition>(),
        _ => new Unsynthesizable(),
    };

    private static IEnumerable<string> Constants(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
}
