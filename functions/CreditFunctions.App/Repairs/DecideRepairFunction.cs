using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using CreditFunctions.App.Objections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>POST /api/repairs/{id}/decision: the submitting unit approves or rejects (with a reason).</summary>
public sealed class DecideRepairFunction(ClientPrincipalReader callers, RepairDesk desk)
{
    [Function("DecideRepair")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "repairs/{id}/decision")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        var (body, problem) = await WorkflowRequests.ReadAsync(request, AppJson.Web.RepairDecisionBody, cancellationToken);
        if (problem is not null)
        {
            return ApiResults.Problem(problem, request);
        }

        var result = await desk.DecideAsync(caller, id, body!, cancellationToken);
        return result.Problem is { } refused ? ApiResults.Problem(refused, request) : ApiResults.Json(result.Value!, AppJson.Web.RepairView);
    }
}
