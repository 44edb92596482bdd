using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api.Routes;

/// <summary>A query, path or header parameter of an operation.</summary>
public sealed record OpenApiParameter(string Name, string In, bool Required, string Description, string Type = "string", string? Format = null)
{
    /// <summary>The allowed values, when the parameter is one of a few words.</summary>
    public IReadOnlyList<string>? Enum { get; init; }

    public string? Example { get; init; }
}

/// <summary>One documented response: status, what it means, the body's schema name (components) and, for problems, every code.</summary>
public sealed record OpenApiResponse(int Status, string Description, string? Schema = null, IReadOnlyList<string>? ProblemCodes = null);

/// <summary>What the OpenAPI document says of a route.</summary>
/// <param name="Who">The callers who may use it, as people read it ("subject (own)").</param>
public sealed record RouteDocs(
    string OperationId,
    string Tag,
    string Summary,
    string Description,
    IReadOnlyList<string> Who,
    IReadOnlyList<OpenApiParameter> Parameters,
    string? RequestSchema,
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
