using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>GET /api/repairs/{id}: the subject, the Center and the deciding unit follow an application.</summary>
public sealed class GetRepairFunction(ClientPrincipalReader callers, RepairDesk desk)
{
    [Function("GetRepair")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "repairs/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        var result = await desk.GetAsync(caller, id, cancellationToken);
        return result.Problem is { } refused ? ApiResults.Problem(refused, request) : ApiResults.Json(result.Value!, AppJson.Web.RepairView);
    }
}
