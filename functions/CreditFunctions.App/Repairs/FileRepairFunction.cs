using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using CreditFunctions.App.Objections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>POST /api/repairs: a subject applies for credit repair (art11). 201 with the due date, or 422 with every unmet condition.</summary>
public sealed class FileRepairFunction(ClientPrincipalReader callers, RepairDesk desk)
{
    [Function("FileRepair")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "repairs")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        var (body, problem) = await WorkflowRequests.ReadAsync(request, AppJson.Web.RepairFilingBody, cancellationToken);
        if (problem is not null)
        {
            return ApiResults.Problem(problem, request);
        }

        var result = await desk.FileAsync(caller, body!, cancellationToken);
        return result.Problem is { } refused
            ? ApiResults.Problem(refused, request)
            : ApiResults.Json(result.Value!, AppJson.Web.RepairFiled, StatusCodes.Status201Created);
    }
}
