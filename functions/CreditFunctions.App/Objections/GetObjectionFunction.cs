using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>GET /api/objections/{id}: the subject, the Center and the deciding unit follow an objection.</summary>
public sealed class GetObjectionFunction(ApiGateway api, ObjectionDesk desk)
{
    [Function(nameof(ApiRoutes.GetObjection))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.ObjectionPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.GetObjection, async (call, token) =>
            (await desk.GetAsync(call.Caller, id, token)).Answer(AppJson.Web.ObjectionView), cancellationToken);
}
