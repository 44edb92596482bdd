using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/asyncapi.json: the AsyncAPI 3 document of the queues (Contracts/asyncapi.json, embedded). Public.</summary>
public sealed class AsyncApiFunction(ApiGateway api)
{
    private static readonly Dictionary<string, string> Headers = new(StringComparer.Ordinal) { ["X-Content-Type-Options"] = "nosniff" };

    [Function(nameof(ApiRoutes.AsyncApi))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.AsyncApiPath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.AsyncApi, _ => ApiAnswer.Document(Documents.AsyncApi, "application/json; charset=utf-8", Headers));
}
