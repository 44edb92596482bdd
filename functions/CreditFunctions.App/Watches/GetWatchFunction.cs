using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>GET /api/watches/{id}: the watch, its subjects and how far its callbacks got (its partner only).</summary>
public sealed class GetWatchFunction(ApiGateway api, WatchDesk desk)
{
    [Function(nameof(ApiRoutes.GetWatch))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.WatchPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.GetWatch, (call, token) => desk.GetAsync(call.Caller, id, token), cancellationToken);
}
