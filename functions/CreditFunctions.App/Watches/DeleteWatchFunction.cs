using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>DELETE /api/watches/{id}: the watch ends; its feed and callbacks with it.</summary>
public sealed class DeleteWatchFunction(ApiGateway api, WatchDesk desk)
{
    [Function(nameof(ApiRoutes.DeleteWatch))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Delete, Route = ApiRoutes.WatchPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.DeleteWatch, (call, token) => desk.DeleteAsync(call.Caller, id, token), cancellationToken);
}
