using CreditFunctions.App.Api;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Json;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Objections;

/// <summary>
/// GET /api/objections?status=pending|decided|all&amp;unit=: a unit lists its own objections; the Center and
/// administrators list every unit's, or one unit's.
/// </summary>
public sealed class ListObjectionsFunction(ClientPrincipalReader callers, CaseTable<StoredObjection> objections, TimeProvider clock)
{
    [Function("ListObjections")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "objections")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        var status = request.Query["status"].ToString();
        if (status is not ("" or "all" or CaseStatus.Pending or CaseStatus.Decided))
        {
            return ApiResults.Problem(ObjectionProblems.InvalidStatus(status), request);
        }

        var asked = request.Query["unit"].ToString();
        string? unit;
        if (caller.IsIn(Roles.Admin) || CaseAccess.IsCenter(caller))
        {
            unit = asked.Length == 0 ? null : asked;
        }
        else if (caller.IsIn(Roles.Unit) && caller.Unit is { } own && (asked.Length == 0 || asked == own))
        {
            unit = own;
        }
        else
        {
            return ApiResults.Problem(Problem.Forbidden(
                "只有报送单位（本单位的异议）、市公共信用信息服务中心和管理员可以查看异议清单。",
                "Only a submitting unit (its own objections), the Public Credit Information Service Center and administrators may list objections."), request);
        }

        await objections.ReadyAsync(cancellationToken);
        var today = ChinaStandardTime.Today(clock);
        var rows = new List<ObjectionSummary>();
        foreach (var wanted in status.Length == 0 || status == "all" ? [CaseStatus.Pending, CaseStatus.Decided] : new[] { status })
        {
            var source = unit is not null
                ? objections.ListForUnitAsync(unit, wanted, cancellationToken)
                : wanted == CaseStatus.Pending ? objections.ListOpenAsync(cancellationToken) : objections.ListDecidedAsync(cancellationToken);
            await foreach (var row in source)
            {
                rows.Add(ObjectionViews.Summary(row, today));
            }
        }

        return ApiResults.Json(new ObjectionList(rows.OrderBy(r => r.DueOn).ThenBy(r => r.ObjectionId, StringComparer.Ordinal).ToList()), AppJson.Web.ObjectionList);
    }
}
