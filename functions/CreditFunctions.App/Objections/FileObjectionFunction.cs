using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>POST /api/objections: a subject, or the Center for it, objects to a record (art10). 201 with the due date.</summary>
public sealed class FileObjectionFunction(ApiGateway api, ObjectionDesk desk)
{
    [Function(nameof(ApiRoutes.FileObjection))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.ObjectionsPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.FileObjection, AppJson.Web.ObjectionFilingBody, async (call, body, token) =>
            (await desk.FileAsync(call.Caller, body, token)).Answer(AppJson.Web.ObjectionFiled, StatusCodes.Status201Created), cancellationToken);
}
