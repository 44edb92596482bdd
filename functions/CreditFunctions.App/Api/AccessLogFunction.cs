using System.Globalization;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/access-log?limit=: who looked at a subject, newest first (art12). The subject itself and admins.</summary>
public sealed class AccessLogFunction(ClientPrincipalReader callers, AccessLogStore accessLog, SubjectKeys keys, TimeProvider clock)
{
    public const int DefaultLimit = 100;

    [Function("SubjectAccessLog")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subjects/{id}/access-log")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        if (!RequestReading.TrySubject(id, clock, out var subject, out var problem))
        {
            return ApiResults.Problem(problem!, request);
        }

        var limitText = request.Query["limit"].ToString();
        var limit = DefaultLimit;
        if (limitText.Length > 0
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AccessLogStore.MaxRead))
        {
            return ApiResults.Problem(ApiProblems.InvalidLimit(limitText), request);
        }

        if (SubjectAccess.Check(caller, subject, Roles.Subject, Roles.Admin) is { } forbidden)
        {
            return ApiResults.Problem(forbidden, request);
        }

        var subjectKey = keys.KeyFor(subject);
        var entries = await accessLog.ReadAsync(subjectKey, limit, cancellationToken);
        var response = new AccessLogResponse(
            SubjectAccess.Display(caller, subject, []),
            entries.Select(e => new AccessLogView(e.At, e.Role, e.Unit, e.CallerName, e.CallerKey == subjectKey, e.Business, e.Route)).ToList());
        return ApiResults.Json(response, AppJson.Web.AccessLogResponse);
    }
}
