using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>GET /api/repairs/{id}: the subject, the Center and the deciding unit follow a repair application.</summary>
public sealed class GetRepairFunction(ApiGateway api, RepairDesk desk)
{
    [Function(nameof(ApiRoutes.GetRepair))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.RepairPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.GetRepair, async (call, token) =>
            (await desk.GetAsync(call.Caller, id, token)).Answer(AppJson.Web.RepairView), cancellationToken);
}
