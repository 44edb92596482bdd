using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Feedback;

/// <summary>GET /api/feedback/summary?from=&amp;to=: per business type and measure, look-ups that named it, feedback, applied (administrators).</summary>
public sealed class FeedbackSummaryFunction(ApiGateway api, FeedbackDesk desk)
{
    [Function(nameof(ApiRoutes.FeedbackSummary))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.FeedbackSummaryPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.FeedbackSummary, (call, token) => desk.SummaryAsync(call, token), cancellationToken);
}
