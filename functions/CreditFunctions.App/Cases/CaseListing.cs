using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Cases;

/// <summary>
/// <c>GET /api/objections</c> and <c>GET /api/repairs</c>: <c>?status=pending|decided|all&amp;unit=</c>. A unit lists its own
/// cases; the Center and administrators list every unit's, or one unit's. One range query per status and scope.
/// </summary>
public static class CaseListing
{
    public static async Task<(List<CaseIndexRow>? Rows, Problem? Problem)> ReadAsync<TCase>(ApiCall call, CaseTable<TCase> table, CancellationToken cancellationToken)
        where TCase : StoredCase
    {
        var status = call.Query("status");
        if (status is not ("" or "all" or CaseStatus.Pending or CaseStatus.Decided))
        {
            return (null, Problem.Refused(400, "invalid-status",
                $"status 应为 pending、decided 或 all，收到“{Problem.Clip(status)}”。",
                $"status must be pending, decided or all; got '{Problem.Clip(status)}'."));
        }

        var caller = call.Caller;
        var asked = call.Query("unit");
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
            return (null, Problem.Forbidden(
                "报送单位只能查看本单位的事项；市公共信用信息服务中心和管理员可以查看所有单位的事项。",
                "A submitting unit sees its own cases only; the Public Credit Information Service Center and administrators see every unit's."));
        }

        var rows = new List<CaseIndexRow>();
        foreach (var wanted in status is "" or "all" ? [CaseStatus.Pending, CaseStatus.Decided] : new[] { status })
        {
            var source = unit is not null
                ? table.ListForUnitAsync(unit, wanted, cancellationToken)
                : wanted == CaseStatus.Pending ? table.ListOpenAsync(cancellationToken) : table.ListDecidedAsync(cancellationToken);
            await foreach (var row in source)
            {
                rows.Add(row);
            }
        }

        // Sorted by the day the unit must decide by: what is most urgent first.
        return (rows.OrderBy(r => r.DueOn).ThenBy(r => r.Id, StringComparer.Ordinal).ToList(), null);
    }
}
