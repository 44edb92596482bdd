using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>GET /api/watches/{id}/changes?after=&amp;limit=: the watch's feed after a cursor, oldest first; logged as look-ups (art12).</summary>
public sealed class WatchChangesFunction(ApiGateway api, WatchDesk desk)
{
    [Function(nameof(ApiRoutes.WatchChanges))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.WatchChangesPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.WatchChanges, (call, token) => desk.ChangesAsync(call, id, token), cancellationToken);
}
