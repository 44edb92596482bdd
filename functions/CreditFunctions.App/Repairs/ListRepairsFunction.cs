using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Objections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Repairs;

/// <summary>GET /api/repairs?status=pending|decided|all&amp;unit=: a unit's applications to decide (the Center and administrators name the unit).</summary>
public sealed class ListRepairsFunction(ClientPrincipalReader callers, CaseTable<StoredRepair> repairs)
{
    [Function("ListRepairs")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "repairs")] HttpRequest request,
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
        string unit;
        if ((caller.IsIn(Roles.Admin) || CaseAccess.IsCenter(caller)) && asked.Length > 0)
        {
            unit = asked;
        }
        else if (caller.IsIn(Roles.Unit) && caller.Unit is { } own && (asked.Length == 0 || asked == own))
        {
            unit = own;
        }
        else
        {
            return ApiResults.Problem(Problem.Forbidden(
                "只有报送单位（本单位的申请）可以查看修复申请清单；市公共信用信息服务中心和管理员须指定单位。",
                "Only a submitting unit (its own applications) may list repair applications; the Center and administrators name the unit."), request);
        }

        var rows = new List<RepairSummary>();
        foreach (var wanted in status.Length == 0 || status == "all" ? [CaseStatus.Pending, CaseStatus.Decided] : new[] { status })
        {
            await foreach (var row in repairs.ListForUnitAsync(unit, wanted, cancellationToken))
            {
                rows.Add(RepairViews.Summary(row));
            }
        }

        return ApiResults.Json(new RepairList(rows.OrderBy(r => r.DueOn).ThenBy(r => r.RepairId, StringComparer.Ordinal).ToList()), AppJson.Web.RepairList);
    }
}
