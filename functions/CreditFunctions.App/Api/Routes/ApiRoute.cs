using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Json;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api.Routes;

/// <summary>A query, path or header parameter of an operation.</summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, string Description, string Type = "string", string? Format = null)
{
    /// <summary>The allowed values, when the parameter is one of a few words.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    /// <summary>A value the document shows (a string, or a number for an integer parameter); every parameter has one.</summary>
    public object? Example { get; init; }

    public int? Minimum { get; init; }

    public int? Maximum { get; init; }

    /// <summary>What the route assumes when the parameter is absent (documentation only: the handler applies it).</summary>
    public object? Default { get; init; }
}

/// <summary>
/// A request or response example: a value of the very type the route reads or writes, serialised with the app's own JSON
/// contract when the document is built, so an example cannot disagree with its schema.
/// </summary>
public sealed record OpenApiExample(string Name, string Summary, Func<object> Value, JsonTypeInfo Type)
{
    public static OpenApiExample Of<T>(string name, string summary, T value, JsonTypeInfo<T> type)
        where T : notnull => new(name, summary, () => value, type);

    /// <summary>A value made only when the document is built (one read from the catalogue, say).</summary>
    public static OpenApiExample Of<T>(string name, string summary, Func<T> value, JsonTypeInfo<T> type)
        where T : notnull => new(name, summary, () => value(), type);

    /// <summary>A problem as the API writes it (<see cref="ApiResults.Problem"/>), named by its code.</summary>
    public static OpenApiExample Of(Problem problem, string instance) =>
        new(problem.Code, $"{problem.TitleEn} ({problem.Code})", () => ProblemDocuments.Of(problem, instance), AppJson.Web.ProblemDocument);
}

/// <summary>The JSON body a route reads, and examples of it.</summary>
public sealed record OpenApiRequest(JsonTypeInfo Body, IReadOnlyList<OpenApiExample> Examples);

/// <summary>
/// One documented response: status, what it means, the body (a source-generated JSON contract, exported as its schema)
/// and, for problems, every code the route can answer with this status.
/// </summary>
public sealed record OpenApiResponse(int Status, string Description, JsonTypeInfo? Body = null, IReadOnlyList<string>? ProblemCodes = null)
{
    public IReadOnlyList<OpenApiExample> Examples { get; init; } = [];

    /// <summary>
    /// For a problem whose <c>conditions</c> carry codes of their own (a repair refused by art11's conditions): every
    /// code a condition can have, written as <c>x-condition-codes</c>.
    /// </summary>
    public IReadOnlyList<string>? ConditionCodes { get; init; }

    /// <summary>A body that is not JSON of a contract type (the documents): its media type; the schema is a plain one.</summary>
    public string? MediaType { get; init; }

    /// <summary>Another media type the same answer comes in (the report as a page: <c>text/html</c>), a string body described by <see cref="AlternateDescription"/>.</summary>
    public string? AlternateMediaType { get; init; }

    public string? AlternateDescription { get; init; }

    /// <summary>With <see cref="MediaType"/>: what the body is.</summary>
    public string? BodyDescription { get; init; }

    /// <summary>A schema of <see cref="OpenApiDocument"/>'s own (components/schemas) instead of <see cref="Body"/>'s export.</summary>
    public string? SchemaName { get; init; }

    /// <summary>Shared by several routes: written once under components/responses with this name and referred to.</summary>
    public string? Component { get; init; }

    /// <summary>Documents the whole class of the status (<c>4XX</c>), for routes whose handler answers no client error itself.</summary>
    public bool IsRange { get; init; }

    public string Key => IsRange ? $"{Status / 100}XX" : Status.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What the OpenAPI document says of a route.</summary>
/// <param name="OperationId">Verb-first camelCase; generated clients name their methods after it, so it never changes.</param>
/// <param name="Tag">One of <see cref="ApiTags"/>.</param>
/// <param name="Who">The callers who may use it, as people read it ("subject (own)").</param>
public sealed record RouteDocs(
    string OperationId,
    string Tag,
    string Summary,
    string Description,
    IReadOnlyList<string> Who,
    IReadOnlyList<OpenApiParameter> Parameters,
    OpenApiRequest? Request,
    IReadOnlyList<OpenApiResponse> Responses);

/// <summary>
/// One route of the HTTP API, declared once in <see cref="ApiRoutes"/>: the function that serves it, its method and path
/// (the same constants its <c>[HttpTrigger]</c> uses), its function-key level, the roles the gateway lets through, its
/// body limit, the name the access log records, and what the OpenAPI document says of it.
/// </summary>
/// <param name="Roles">The roles that may call it at all, checked by <see cref="ApiGateway"/> (403 <c>forbidden</c>) before
/// anything is read; null when the route's own policy answers with its own codes (objections, repairs), empty when anyone may.</param>
public sealed record ApiRoute(string Function, string Method, string Path, AuthorizationLevel Level, IReadOnlyList<string>? Roles, RouteDocs Docs)
{
    /// <summary>The body a route reads is refused past this many bytes (413 <c>body-too-large</c>), however it is framed.</summary>
    public int MaxBodyBytes { get; init; } = 64 * 1024;

    public bool Anonymous => Level == AuthorizationLevel.Anonymous;

    /// <summary>"GET /api/subjects/{id}/credit": the route as the access log and the document name it.</summary>
    public string Name => $"{Method.ToUpperInvariant()} /api/{Path}";

    public string DocumentPath => "/api/" + Path;
}
