using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>POST /api/objections/{id}/decision: the submitting unit decides — corrected, revoked or upheld (Regulations art36).</summary>
public sealed class DecideObjectionFunction(ClientPrincipalReader callers, ObjectionDesk desk)
{
    [Function("DecideObjection")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "objections/{id}/decision")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        var (body, problem) = await WorkflowRequests.ReadAsync(request, AppJson.Web.ObjectionDecisionBody, cancellationToken);
        if (problem is not null)
        {
            return ApiResults.Problem(problem, request);
        }

        var result = await desk.DecideAsync(caller, id, body!, cancellationToken);
        return result.Problem is { } refused
            ? ApiResults.Problem(refused, request)
            : ApiResults.Json(result.Value!, AppJson.Web.ObjectionView);
    }
}
