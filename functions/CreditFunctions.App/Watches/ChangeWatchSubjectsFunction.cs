using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Watches;

/// <summary>POST /api/watches/{id}/subjects: add and remove subjects of a watch.</summary>
public sealed class ChangeWatchSubjectsFunction(ApiGateway api, WatchDesk desk)
{
    [Function(nameof(ApiRoutes.ChangeWatchSubjects))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.WatchSubjectsPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.ChangeWatchSubjects, AppJson.Web.WatchSubjectsBody, (call, body, token) => desk.ChangeSubjectsAsync(call.Caller, id, body, token), cancellationToken);
}
