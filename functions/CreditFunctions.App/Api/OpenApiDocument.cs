using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Api;

/// <summary>
/// Where the document says tokens come from and where the API runs. The deployment sets these (app settings
/// <c>OpenApi__EntraTenantId</c>, <c>OpenApi__EntraClientId</c>, <c>OpenApi__EntraLoginHost</c>, <c>OpenApi__ServerUrl</c>) so
/// the security schemes name the Bureau's tenant, the API's app registration and its cloud's login host (Azure China:
/// https://login.chinacloudapi.cn); without them the document names Entra's multi-tenant endpoint (<c>organizations</c>) on
/// the global cloud and a placeholder application, which are valid URLs but not this deployment's.
/// </summary>
public sealed record OpenApiSettings(string? EntraTenantId = null, string? EntraClientId = null, string? ServerUrl = null, string? EntraLoginHost = null)
{
    public static OpenApiSettings Default { get; } = new();

    public string LoginHost => string.IsNullOrWhiteSpace(EntraLoginHost) ? "https://login.microsoftonline.com" : EntraLoginHost.Trim().TrimEnd('/');

    public string Tenant => string.IsNullOrWhiteSpace(EntraTenantId) ? "organizations" : EntraTenantId.Trim();

    /// <summary>The API's Application ID URI as App Service authentication accepts it (bicep: audiences api://{clientId}).</summary>
    public string Audience => string.IsNullOrWhiteSpace(EntraClientId) ? "api://creditfunctions" : $"api://{EntraClientId.Trim()}";
}

/// <summary>
/// The OpenAPI 3.1 document, built from the route table (<see cref="ApiRoutes.All"/>: paths, parameters, bodies, every
/// status and problem code, examples) and, for the bodies, from the very source-generated JSON contracts the functions
/// read and write (<see cref="OpenApiSchemas"/>). It holds no route knowledge of its own: a route is documented where it is
/// declared. infra/contract-check lints it (Redocly recommended, Spectral oas) and compiles a typed client from it.
/// </summary>
public static class OpenApiDocument
{
    /// <summary>The 422 of a repair application: a problem that always lists its conditions.</summary>
    public const string RepairNotEligibleSchema = "RepairNotEligibleProblem";

    private const string EntraScheme = "entraId";
    private const string OpenIdScheme = "entraOpenIdConnect";
    private const string FunctionKeyScheme = "functionKey";

    private static readonly JsonSerializerOptions Written = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Lazy<string> DefaultText = new(() => TextFor(OpenApiSettings.Default));

    /// <summary>The document with the default settings (built once per process): what tests and the drift checks read.</summary>
    public static string Text => DefaultText.Value;

    public static string TextFor(OpenApiSettings settings) => Build(settings).ToJsonString(Written);

    public static JsonObject Build() => Build(OpenApiSettings.Default);

    public static JsonObject Build(OpenApiSettings settings)
    {
        var schemas = new OpenApiSchemas();
        var responses = new SortedDictionary<string, JsonNode>(StringComparer.Ordinal);
        var paths = new JsonObject();
        foreach (var group in ApiRoutes.All.GroupBy(o => o.DocumentPath))
        {
            var item = new JsonObject();
            foreach (var route in group)
            {
                item[route.Method] = Operation(route, settings, schemas, responses);
            }

            paths[group.Key] = item;
        }

        schemas.Add(RepairNotEligibleSchema, new JsonObject
        {
            ["description"] = "repair-not-eligible (art11): a problem that lists every unmet condition in conditions and, when one can " +
                "be given, the earliest day the application could succeed in earliestDate.",
            ["allOf"] = new JsonArray(
                OpenApiSchemas.RefTo("Problem"),
                new JsonObject
                {
                    ["type"] = "object",
                    ["required"] = new JsonArray("conditions"),
                    ["properties"] = new JsonObject
                    {
                        ["code"] = new JsonObject { ["const"] = "repair-not-eligible" },
                        ["conditions"] = new JsonObject { ["minItems"] = 1 },
                    },
                }),
        });
        schemas.ExportAll();

        var usedTags = ApiRoutes.All.Select(r => r.Docs.Tag).ToHashSet(StringComparer.Ordinal);
        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "CreditFunctions: Shanghai HRSS credit-information register / 上海市人力资源社会保障信用信息",
                ["version"] = "1",
                ["summary"] = "Partner API of the credit-information register (Credit Information Management Measures, 2023).",
                ["description"] = Description,
                ["contact"] = new JsonObject
                {
                    ["name"] = "上海市人力资源和社会保障局 信用信息管理 / Shanghai Municipal Human Resources and Social Security Bureau, credit information",
                    ["url"] = "https://rsj.sh.gov.cn",
                },
                ["license"] = new JsonObject { ["name"] = "Proprietary", ["identifier"] = "LicenseRef-Proprietary" },
            },
            ["servers"] = Servers(settings),
            ["tags"] = new JsonArray([.. ApiTags.All.Where(t => usedTags.Contains(t.Name)).Select(t => (JsonNode)new JsonObject
            {
                ["name"] = t.Name,
                ["description"] = t.Description,
            })]),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = SecuritySchemes(settings),
                ["responses"] = new JsonObject([.. responses.Select(r => KeyValuePair.Create(r.Key, (JsonNode?)r.Value))]),
                ["schemas"] = new JsonObject([.. schemas.Components.Select(s => KeyValuePair.Create(s.Key, (JsonNode?)s.Value))]),
            },
        };
    }

    private const string Description =
        "The HTTP API of the Shanghai Human Resources and Social Security Bureau's credit-information register: what a " +
        "subject's credit is, whether it may do a given business, objections and credit repair.\n\n" +
        "**Calling it.** Every route but the public ones (health, catalogue, the documents) needs two credentials:\n\n" +
        "- a **Microsoft Entra ID access token** for the register's app registration (`Authorization: Bearer …`), whose `roles` " +
        "claim carries the caller's app roles: `partner`, `subject`, `unit`, `center`, `admin` (a unit also has a `unit` claim, " +
        "a subject a `subject` claim with its own id). App Service authentication validates the token and passes the caller to " +
        "the app in the `X-MS-CLIENT-PRINCIPAL` header; it strips that header from what callers send, so a caller cannot set " +
        "it and it is not a security scheme here;\n" +
        "- a **function key** in `x-functions-key`, issued per partner app, so the Bureau can cut off one app without touching Entra ID.\n\n" +
        "Locally (`./infra/run`, http://127.0.0.1:7071) there is no Entra ID and no key check: the dev host trusts " +
        "`X-MS-CLIENT-PRINCIPAL`, so send one yourself, e.g. " +
        "`X-MS-CLIENT-PRINCIPAL: $(printf '{\"claims\":[{\"typ\":\"roles\",\"val\":\"partner\"}]}' | base64 -w0)`.\n\n" +
        "**Answers.** JSON, camelCase, dates `YYYY-MM-DD` (China Standard Time), instants ISO 8601. A member with no value is " +
        "left out, never `null`. Problems are RFC 9457 `application/problem+json` with a stable `code`: test the code, not the " +
        "text; `title` and `detail` read \"中文 / English\", `zh` and `en` carry each language alone. Each response lists its codes " +
        "(also as `x-problem-codes`).\n\n" +
        "**Privacy.** An individual's ID number is shown in full only to that individual and to a unit that submitted one of its " +
        "records; everyone else sees it masked. Every credit, restriction and screening look-up is logged with who asked (art12); " +
        "a subject can read its own log.\n\n" +
        "The queue messages (what upstream units send, what the register writes) are described by the AsyncAPI document at " +
        "`/api/asyncapi.json`; this reference is rendered at `/api/docs`.";

    private static JsonArray Servers(OpenApiSettings settings)
    {
        var servers = new JsonArray();
        if (!string.IsNullOrWhiteSpace(settings.ServerUrl))
        {
            servers.Add(new JsonObject { ["url"] = settings.ServerUrl.Trim().TrimEnd('/'), ["description"] = "This deployment." });
        }

        servers.Add(new JsonObject
        {
            ["url"] = "https://{app}.{domain}",
            ["description"] = "A deployment in Azure (bicep/): the function app's default host name.",
            ["variables"] = new JsonObject
            {
                ["app"] = new JsonObject { ["default"] = "creditfunctions", ["description"] = "The function app's name." },
                ["domain"] = new JsonObject
                {
                    ["default"] = "chinacloudsites.cn",
                    ["enum"] = new JsonArray("chinacloudsites.cn", "azurewebsites.net"),
                    ["description"] = "Azure operated by 21Vianet, or global Azure.",
                },
            },
        });
        servers.Add(new JsonObject { ["url"] = "http://127.0.0.1:7071", ["description"] = "The dev host (./infra/run): no Entra ID, no function keys." });
        return servers;
    }

    private static JsonObject SecuritySchemes(OpenApiSettings settings)
    {
        var login = $"{settings.LoginHost}/{Uri.EscapeDataString(settings.Tenant)}";
        return new JsonObject
        {
            [EntraScheme] = new JsonObject
            {
                ["type"] = "oauth2",
                ["description"] =
                    "A Microsoft Entra ID access token for the register's app registration, sent as `Authorization: Bearer …`. A partner " +
                    "app gets one with the client credentials flow; the app roles granted to it (partner, subject, unit, center, admin) " +
                    "arrive in the token's roles claim. App Service authentication validates it and passes the caller to the app as " +
                    "X-MS-CLIENT-PRINCIPAL, a header callers cannot set." + (settings.EntraTenantId is null || settings.EntraClientId is null
                        ? " This copy of the document was built without the deployment's settings: the tenant shown is Entra ID's " +
                          "organizations endpoint and the scope a placeholder; use your tenant's token URL and api://{the API's client id}/.default."
                        : ""),
                ["flows"] = new JsonObject
                {
                    ["clientCredentials"] = new JsonObject
                    {
                        ["tokenUrl"] = $"{login}/oauth2/v2.0/token",
                        ["scopes"] = new JsonObject { [$"{settings.Audience}/.default"] = "The app roles granted to the calling application." },
                    },
                },
            },
            [OpenIdScheme] = new JsonObject
            {
                ["type"] = "openIdConnect",
                ["description"] = "The same tokens, discovered through Entra ID's OpenID Connect metadata (a signed-in official or subject, e.g. the console).",
                ["openIdConnectUrl"] = $"{login}/v2.0/.well-known/openid-configuration",
            },
            [FunctionKeyScheme] = new JsonObject
            {
                ["type"] = "apiKey",
                ["in"] = "header",
                ["name"] = "x-functions-key",
                ["description"] = "A function key the Bureau issues per partner app and can revoke (Azure Functions; not checked by the dev host).",
            },
        };
    }

    private static JsonObject Operation(ApiRoute route, OpenApiSettings settings, OpenApiSchemas schemas, SortedDictionary<string, JsonNode> shared)
    {
        var docs = route.Docs;
        var who = route.Anonymous
            ? "Public: no token and no function key."
            : "Who may call: " + string.Join(", ", docs.Who) + ". Needs an Entra ID token and a function key.";
        var result = new JsonObject
        {
            ["operationId"] = docs.OperationId,
            ["tags"] = new JsonArray(docs.Tag),
            ["summary"] = docs.Summary,
            ["description"] = $"{docs.Description}\n\n{who}",
            ["x-roles"] = new JsonArray([.. docs.Who.Select(r => (JsonNode)r)]),
            ["security"] = route.Anonymous
                ? new JsonArray()
                : new JsonArray(
                    new JsonObject { [EntraScheme] = new JsonArray($"{settings.Audience}/.default"), [FunctionKeyScheme] = new JsonArray() },
                    new JsonObject { [OpenIdScheme] = new JsonArray(), [FunctionKeyScheme] = new JsonArray() }),
        };
        if (docs.Parameters.Count > 0)
        {
            result["parameters"] = new JsonArray([.. docs.Parameters.Select(Parameter)]);
        }

        if (docs.Request is { } request)
        {
            var media = new JsonObject { ["schema"] = schemas.Ref(request.Body) };
            if (request.Examples.Count > 0)
            {
                media["examples"] = Examples(request.Examples);
            }

            result["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["description"] = $"JSON, at most {route.MaxBodyBytes / 1024} KiB.",
                ["content"] = new JsonObject { ["application/json"] = media },
            };
        }

        var responses = new JsonObject();
        foreach (var response in docs.Responses.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            var body = Response(response, schemas);
            if (response.Component is { } name)
            {
                if (shared.TryGetValue(name, out var existing) && existing.ToJsonString() != body.ToJsonString())
                {
                    throw new InvalidOperationException($"The shared response {name} differs between routes ({route.Name}).");
                }

                shared[name] = body;
                responses[response.Key] = new JsonObject { ["$ref"] = "#/components/responses/" + name };
            }
            else
            {
                responses[response.Key] = body;
            }
        }

        result["responses"] = responses;
        return result;
    }

    private static JsonNode Parameter(OpenApiParameter parameter)
    {
        var schema = new JsonObject { ["type"] = parameter.Type };
        if (parameter.Format is { } format)
        {
            schema["format"] = format;
        }

        if (parameter.Enum is { } values)
        {
            schema["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]);
        }

        if (parameter.Minimum is { } minimum)
        {
            schema["minimum"] = minimum;
        }

        if (parameter.Maximum is { } maximum)
        {
            schema["maximum"] = maximum;
        }

        if (parameter.Default is { } value)
        {
            schema["default"] = Value(value);
        }

        var result = new JsonObject
        {
            ["name"] = parameter.Name,
            ["in"] = parameter.In,
            ["required"] = parameter.Required,
            ["description"] = parameter.Description,
            ["schema"] = schema,
        };
        if (parameter.Example is { } example)
        {
            result["example"] = Value(example);
        }

        return result;
    }

    private static JsonNode Value(object value) => value switch
    {
        string s => JsonValue.Create(s),
        int i => JsonValue.Create(i),
        bool b => JsonValue.Create(b),
        _ => throw new InvalidOperationException($"A parameter value of type {value.GetType().Name}"),
    };

    private static JsonObject Response(OpenApiResponse response, OpenApiSchemas schemas)
    {
        var description = response.Description;
        if (response.ProblemCodes is { Count: > 0 } codes)
        {
            description += "\n\nProblem codes: " + string.Join(", ", codes.Select(c => $"`{c}`")) + ".";
        }

        if (response.ConditionCodes is { Count: > 0 } conditions)
        {
            description += "\n\nCondition codes (conditions[].code): " + string.Join(", ", conditions.Select(c => $"`{c}`")) + ".";
        }

        var body = new JsonObject { ["description"] = description };
        JsonObject? media = null;
        string? mediaType = null;
        if (response.MediaType is { } plain)
        {
            mediaType = plain;
            media = new JsonObject
            {
                ["schema"] = new JsonObject
                {
                    ["type"] = plain == "application/json" ? "object" : "string",
                    ["description"] = response.BodyDescription,
                },
            };
        }
        else if (response.Body is { } type)
        {
            mediaType = type.Type == typeof(ProblemDocument) ? "application/problem+json" : "application/json";
            media = new JsonObject { ["schema"] = schemas.Ref(type) };
            if (response.SchemaName is { } own)
            {
                media["schema"] = OpenApiSchemas.RefTo(own);
            }
        }

        if (media is not null && response.Examples.Count > 0)
        {
            media["examples"] = Examples(response.Examples);
        }

        if (media is not null)
        {
            body["content"] = new JsonObject { [mediaType!] = media };
            if (response.AlternateMediaType is { } alternate)
            {
                body["content"]![alternate] = new JsonObject
                {
                    ["schema"] = new JsonObject { ["type"] = "string", ["description"] = response.AlternateDescription },
                };
            }
        }

        if (response.ProblemCodes is { Count: > 0 })
        {
            body["x-problem-codes"] = new JsonArray([.. response.ProblemCodes.Select(c => (JsonNode)c)]);
        }

        if (response.ConditionCodes is { Count: > 0 })
        {
            body["x-condition-codes"] = new JsonArray([.. response.ConditionCodes.Select(c => (JsonNode)c)]);
        }

        return body;
    }

    private static JsonObject Examples(IReadOnlyList<OpenApiExample> examples)
    {
        var result = new JsonObject();
        foreach (var example in examples)
        {
            var name = example.Name;
            for (var n = 2; result.ContainsKey(name); n++)
            {
                name = example.Name + n.ToString(CultureInfo.InvariantCulture);
            }

            result[name] = new JsonObject
            {
                ["summary"] = example.Summary,
                ["value"] = JsonSerializer.SerializeToNode(example.Value(), example.Type),
            };
        }

        return result;
    }
}
