using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/openapi.json: the OpenAPI 3.1 document of every route. Public: it describes, it discloses nothing.</summary>
public sealed class OpenApiFunction
{
    [Function("OpenApi")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) => new ContentResult
    {
        Content = OpenApiDocument.Text,
        ContentType = "application/json; charset=utf-8",
        StatusCode = StatusCodes.Status200OK,
    };
}
