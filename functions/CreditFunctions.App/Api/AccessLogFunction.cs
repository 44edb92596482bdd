using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/access-log?limit=: who looked at a subject, newest first (art12). The subject itself and admins.</summary>
public sealed class AccessLogFunction(ApiGateway api, AccessLogStore accessLog, SubjectKeys keys, TimeProvider clock)
{
    public const int DefaultLimit = 100;

    [Function(nameof(ApiRoutes.SubjectAccessLog))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.SubjectAccessLogPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.SubjectAccessLog, (call, token) => AnswerAsync(call, id, token), cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, string id, CancellationToken cancellationToken)
    {
        var caller = call.Caller;
        if (!RequestReading.TrySubject(id, clock, out var subject, out var problem))
        {
            return problem!;
        }

        if (!RequestReading.TryLimit(call.Query("limit"), DefaultLimit, AccessLogStore.MaxRead, out var limit, out var badLimit))
        {
            return badLimit!;
        }

        if (SubjectAccess.Check(caller, subject, Roles.Subject, Roles.Admin) is { } forbidden)
        {
            return forbidden;
        }

        var subjectKey = keys.KeyFor(subject);
        var entries = await accessLog.ReadAsync(subjectKey, limit, cancellationToken);
        var response = new AccessLogResponse(
            SubjectAccess.Display(caller, subject, []),
            entries.Select(e => new AccessLogView(e.At, e.Role, e.Unit, e.CallerName, e.CallerKey == subjectKey, e.Business, e.Route)
            {
                ObjectId = e.CallerObjectId,
                LookupId = e.LookupId,
                Decision = e.Decision,
            }).ToList());
        return ApiAnswer.Json(response, AppJson.Web.AccessLogResponse);
    }
}
