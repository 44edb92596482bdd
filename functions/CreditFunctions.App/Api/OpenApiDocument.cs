using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;

namespace CreditFunctions.App.Api;

/// <summary>
/// The OpenAPI 3.1 document, built from the route table (<see cref="ApiRoutes"/>) and, for the bodies, from the very
/// source-generated JSON contracts the functions write (JsonSchemaExporter): a response type cannot change without
/// its schema changing too. Shapes owned by other parts of the app that are not written yet come from contract.md.
/// </summary>
public static class OpenApiDocument
{
    private static readonly Lazy<string> Json = new(() => Build().ToJsonString(new JsonSerializerOptions
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }));

    /// <summary>The document as served (built once per process).</summary>
    public static string Text => Json.Value;

    public static JsonObject Build()
    {
        var paths = new JsonObject();
        foreach (var group in ApiRoutes.All.GroupBy(o => o.DocumentPath))
        {
            var item = new JsonObject();
            foreach (var route in group)
            {
                item[route.Method] = Operation(route);
            }

            paths[group.Key] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "CreditFunctions: Shanghai HRSS credit-information register / 上海市人力资源社会保障信用信息",
                ["version"] = "1",
                ["description"] =
                    "Partner API of the credit-information register (Credit Information Management Measures, 2023). JSON in and out, camelCase, " +
                    "dates YYYY-MM-DD; problems are RFC 9457 application/problem+json with a stable `code`, title and detail in Chinese and English. " +
                    "The caller is read from X-MS-CLIENT-PRINCIPAL (App Service authentication): roles partner, subject, unit, center, admin. " +
                    "Routes about a subject or unit also need a function key (x-functions-key), a per-app credential the Bureau can revoke; " +
                    "health, catalogue and this document are public (anonymous). An individual's ID number is shown in full only to that " +
                    "individual and to the unit that submitted the record; every credit, restriction and screening look-up is logged (art12).",
            },
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/" }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject
                {
                    ["functionKey"] = new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "x-functions-key" },
                    ["clientPrincipal"] = new JsonObject
                    {
                        ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-MS-CLIENT-PRINCIPAL",
                        ["description"] = "Set by App Service authentication (Microsoft Entra ID): base64 JSON with claims roles, unit, subject.",
                    },
                },
                ["schemas"] = Schemas(),
            },
        };
    }

    private static JsonObject Operation(ApiRoute route)
    {
        var operation = route.Docs;
        var result = new JsonObject
        {
            ["operationId"] = operation.OperationId,
            ["tags"] = new JsonArray(operation.Tag),
            ["summary"] = operation.Summary,
            ["description"] = operation.Description,
            ["x-roles"] = new JsonArray(operation.Who.Select(r => (JsonNode)r).ToArray()),
            ["security"] = route.Anonymous
                ? new JsonArray()
                : new JsonArray(new JsonObject { ["functionKey"] = new JsonArray(), ["clientPrincipal"] = new JsonArray() }),
        };
        if (operation.Parameters.Count > 0)
        {
            result["parameters"] = new JsonArray(operation.Parameters.Select(p => (JsonNode)new JsonObject
            {
                ["name"] = p.Name,
                ["in"] = p.In,
                ["required"] = p.Required,
                ["description"] = p.Description,
                ["schema"] = p.Format is null ? new JsonObject { ["type"] = p.Type } : new JsonObject { ["type"] = p.Type, ["format"] = p.Format },
            }).ToArray());
        }

        if (operation.RequestSchema is { } request)
        {
            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(request) } },
            };
        }

        var responses = new JsonObject();
        foreach (var response in operation.Responses)
        {
            var body = new JsonObject { ["description"] = response.Description };
            if (response.Schema is { } schema)
            {
                var mediaType = schema == "Problem" ? "application/problem+json" : "application/json";
                body["content"] = new JsonObject { [mediaType] = new JsonObject { ["schema"] = Ref(schema) } };
            }

            if (response.ProblemCodes is { Count: > 0 } codes)
            {
                body["x-problem-codes"] = new JsonArray(codes.Select(c => (JsonNode)c).ToArray());
            }

            responses[response.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = body;
        }

        result["responses"] = responses;
        return result;
    }

    private static JsonObject Ref(string schema) => new() { ["$ref"] = $"#/components/schemas/{schema}" };

    private static JsonObject Schemas()
    {
        var options = new JsonSchemaExporterOptions { TreatNullObliviousAsNonNullable = true };
        JsonNode From(JsonTypeInfo type) => type.GetJsonSchemaAsNode(options);
        var problem = From(AppJson.Web.ProblemDocument).AsObject();
        problem["description"] = "RFC 9457 problem. Codes: " + string.Join(", ", ApiProblems.Codes) + ".";
        return new JsonObject
        {
            ["Problem"] = problem,
            ["HealthReport"] = From(AppJson.Web.HealthReport),
            ["CreditResponse"] = From(AppJson.Web.CreditResponse),
            ["RestrictionResponse"] = From(AppJson.Web.RestrictionResponse),
            ["AccessLogResponse"] = From(AppJson.Web.AccessLogResponse),
            ["ScreeningRequest"] = From(AppJson.Web.ScreeningRequest),
            ["ScreeningResponse"] = From(AppJson.Web.ScreeningResponse),
            ["RecordDetailResponse"] = From(AppJson.Web.RecordDetailResponse),
            ["UnitQualityResponse"] = From(AppJson.Web.UnitQualityResponse),
            ["Catalogue"] = new JsonObject { ["type"] = "object", ["description"] = "The catalogue document: units, data list, behaviours, measures, business types." },
            ["OpenApiDocument"] = new JsonObject { ["type"] = "object" },
            // From contract.md ("Shapes that clients rely on"); the objections and repairs work owns the full shapes.
            ["ObjectionRequest"] = Object(["subjectId", "recordId", "reason"], ("subjectId", "string"), ("recordId", "string"), ("reason", "string"), ("evidence", "array")),
            ["ObjectionCreated"] = Object(["objectionId", "status", "dueOn"], ("objectionId", "string"), ("status", "string"), ("dueOn", "date")),
            ["Objection"] = Object(["objectionId", "status"], ("objectionId", "string"), ("recordId", "string"), ("status", "string"), ("dueOn", "date")),
            ["ObjectionList"] = new JsonObject { ["type"] = "object" },
            ["ObjectionDecision"] = Object(["outcome"], ("outcome", "string"), ("reason", "string"), ("corrected", "object")),
            ["RepairRequest"] = Object(["subjectId", "recordId", "statement", "commitment"], ("subjectId", "string"), ("recordId", "string"),
                ("statement", "string"), ("commitment", "boolean"), ("evidence", "array")),
            ["RepairCreated"] = Object(["repairId", "status", "dueOn"], ("repairId", "string"), ("status", "string"), ("dueOn", "date")),
            ["Repair"] = Object(["repairId", "status"], ("repairId", "string"), ("recordId", "string"), ("status", "string"), ("dueOn", "date")),
            ["RepairList"] = new JsonObject { ["type"] = "object" },
            ["RepairDecision"] = Object(["outcome"], ("outcome", "string"), ("reason", "string")),
        };
    }

    private static JsonObject Object(string[] required, params (string Name, string Type)[] properties)
    {
        var props = new JsonObject();
        foreach (var (name, type) in properties)
        {
            props[name] = type == "date" ? new JsonObject { ["type"] = "string", ["format"] = "date" } : new JsonObject { ["type"] = type };
        }

        return new JsonObject
        {
            ["type"] = "object",
            ["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray()),
            ["properties"] = props,
        };
    }
}
