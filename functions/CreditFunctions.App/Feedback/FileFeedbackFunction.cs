using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Feedback;

/// <summary>POST /api/feedback: a department reports what it did with a measure its look-up named (art8, art9). 201.</summary>
public sealed class FileFeedbackFunction(ApiGateway api, FeedbackDesk desk)
{
    [Function(nameof(ApiRoutes.FileFeedback))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.FeedbackPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.FileFeedback, AppJson.Web.FeedbackBody, (call, body, token) => desk.FileAsync(call.Caller, body, token), cancellationToken);
}
