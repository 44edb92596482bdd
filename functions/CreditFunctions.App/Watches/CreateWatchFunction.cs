using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>POST /api/watches: a partner follows up to 1,000 subjects; 201 with the feed's first cursor (and the callback secret, once).</summary>
public sealed class CreateWatchFunction(ApiGateway api, WatchDesk desk)
{
    [Function(nameof(ApiRoutes.CreateWatch))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.WatchesPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.CreateWatch, AppJson.Web.WatchBody, (call, body, token) => desk.CreateAsync(call.Caller, body, token), cancellationToken);
}
