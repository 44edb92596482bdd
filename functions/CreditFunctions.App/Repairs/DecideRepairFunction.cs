using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>POST /api/repairs/{id}/decision: the submitting unit approves or rejects (with a reason) a repair application.</summary>
public sealed class DecideRepairFunction(ApiGateway api, RepairDesk desk)
{
    [Function(nameof(ApiRoutes.DecideRepair))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.RepairDecisionPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.DecideRepair, AppJson.Web.RepairDecisionBody, async (call, body, token) =>
            (await desk.DecideAsync(call.Caller, id, body, token)).Answer(AppJson.Web.RepairView), cancellationToken);
}
