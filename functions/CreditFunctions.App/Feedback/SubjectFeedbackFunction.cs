using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Feedback;

/// <summary>GET /api/subjects/{id}/feedback: what departments did with the measures their look-ups of the subject named.</summary>
public sealed class SubjectFeedbackFunction(ApiGateway api, SubjectLookupReader lookups, FeedbackDesk desk, AccessLogging accessLog)
{
    [Function(nameof(ApiRoutes.SubjectFeedback))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.SubjectFeedbackPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.SubjectFeedback, async (call, token) =>
            lookups.TryRead(call, id, out var lookup, out var refusal)
                ? await desk.OfSubjectAsync(call, lookup.Subject, accessLog, token)
                : refusal!, cancellationToken);
}
