using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/openapi.json: the OpenAPI 3.1 document of every route. Public: it describes, it discloses nothing.</summary>
public sealed class OpenApiFunction(ApiGateway api, ServedOpenApiDocument document)
{
    [Function(nameof(ApiRoutes.OpenApi))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.OpenApiPath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.OpenApi, _ => ApiAnswer.Content(document.Text, "application/json; charset=utf-8"));
}

/// <summary>The document as this deployment serves it (its tenant, app registration and host: <see cref="OpenApiSettings"/>), built once.</summary>
public sealed class ServedOpenApiDocument(OpenApiSettings settings)
{
    private readonly Lazy<string> _text = new(() => settings == OpenApiSettings.Default ? OpenApiDocument.Text : OpenApiDocument.TextFor(settings));

    public string Text => _text.Value;
}
