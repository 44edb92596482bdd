using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>POST /api/objections/{id}/decision: the submitting unit decides — corrected, revoked or upheld (Regulations art36).</summary>
public sealed class DecideObjectionFunction(ApiGateway api, ObjectionDesk desk)
{
    [Function(nameof(ApiRoutes.DecideObjection))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.ObjectionDecisionPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.DecideObjection, AppJson.Web.ObjectionDecisionBody, async (call, body, token) =>
            (await desk.DecideAsync(call.Caller, id, body, token)).Answer(AppJson.Web.ObjectionView), cancellationToken);
}
