using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>POST /api/repairs: a subject applies for credit repair (art11). 201 with the due date, or 422 with every unmet condition.</summary>
public sealed class FileRepairFunction(ApiGateway api, RepairDesk desk)
{
    [Function(nameof(ApiRoutes.FileRepair))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.RepairsPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.FileRepair, AppJson.Web.RepairFilingBody, async (call, body, token) =>
            (await desk.FileAsync(call.Caller, body, token)).Answer(AppJson.Web.RepairFiled, StatusCodes.Status201Created), cancellationToken);
}
