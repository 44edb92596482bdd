using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Json;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>GET /api/repairs?status=&amp;unit=: a unit's applications to decide, or (Center, administrators) every unit's.</summary>
public sealed class ListRepairsFunction(ApiGateway api, CaseTable<StoredRepair> repairs, TimeProvider clock)
{
    [Function(nameof(ApiRoutes.ListRepairs))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.RepairsPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.ListRepairs, async (call, token) =>
        {
            var (rows, problem) = await CaseListing.ReadAsync(call, repairs, token);
            var today = ChinaStandardTime.Today(clock);
            return problem ?? ApiAnswer.Json(new RepairList(rows!.Select(r => RepairViews.Summary(r, today)).ToList()), AppJson.Web.RepairList);
        }, cancellationToken);
}
