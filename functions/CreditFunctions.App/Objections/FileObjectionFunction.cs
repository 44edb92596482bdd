using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>POST /api/objections: a subject, or the Center for it, objects to a record (art10). 201 with the due date.</summary>
public sealed class FileObjectionFunction(ClientPrincipalReader callers, ObjectionDesk desk)
{
    [Function("FileObjection")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "objections")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        var (body, problem) = await WorkflowRequests.ReadAsync(request, AppJson.Web.ObjectionFilingBody, cancellationToken);
        if (problem is not null)
        {
            return ApiResults.Problem(problem, request);
        }

        var result = await desk.FileAsync(caller, body!, cancellationToken);
        return result.Problem is { } refused
            ? ApiResults.Problem(refused, request)
            : ApiResults.Json(result.Value!, AppJson.Web.ObjectionFiled, StatusCodes.Status201Created);
    }
}
