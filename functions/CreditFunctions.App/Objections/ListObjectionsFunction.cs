using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Json;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>GET /api/objections?status=&amp;unit=: a unit's objections to decide, or (Center, administrators) every unit's.</summary>
public sealed class ListObjectionsFunction(ApiGateway api, CaseTable<StoredObjection> objections, TimeProvider clock)
{
    [Function(nameof(ApiRoutes.ListObjections))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.ObjectionsPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.ListObjections, async (call, token) =>
        {
            var (rows, problem) = await CaseListing.ReadAsync(call, objections, token);
            if (problem is not null)
            {
                return problem;
            }

            var today = ChinaStandardTime.Today(clock);
            return ApiAnswer.Json(new ObjectionList(rows!.Select(r => ObjectionViews.Summary(r, today)).ToList()), AppJson.Web.ObjectionList);
        }, cancellationToken);
}
