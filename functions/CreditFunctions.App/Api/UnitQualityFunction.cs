using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>
/// GET /api/units/{unit}/quality: per unit, timeliness (UnitQuality's monthly aggregates) and rejections by reason
/// code and by month (UnitQuality's counters, kept by the rejection ledger): one query of the unit's partition. That unit
/// and admins only.
/// </summary>
public sealed class UnitQualityFunction(ApiGateway api, UnitQualityStore quality, CatalogueSet catalogues, TimeProvider clock)
{
    [Function(nameof(ApiRoutes.UnitQuality))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.UnitQualityPath)] HttpRequest request,
        string unit,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.UnitQuality, (call, token) => AnswerAsync(call, unit, token), cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, string unit, CancellationToken cancellationToken)
    {
        if (UnitAccess.Check(call.Caller, unit, catalogues, clock) is { } refused)
        {
            return refused;
        }

        var stored = await quality.ReadAsync(unit, cancellationToken);
        var months = stored.Months.Select(m => View(m.Month, m.Records, m.Lag0To7, m.Lag8To15, m.Lag16To30, m.LagOver30, m.WorkingDaysTotal, m.MaxWorkingDays)).ToList();
        var all = stored.Months;
        var total = View(null, all.Sum(m => m.Records), all.Sum(m => m.Lag0To7), all.Sum(m => m.Lag8To15), all.Sum(m => m.Lag16To30),
            all.Sum(m => m.LagOver30), all.Sum(m => m.WorkingDaysTotal), all.Select(m => m.MaxWorkingDays).DefaultIfEmpty(0).Max());
        var byCode = stored.RejectionCounters.OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new RejectionCodeView(r.Code, r.Count)).ToList();
        var byMonth = stored.RejectionMonths.Select(m => new RejectionMonthView(m.Month, m.Count)).ToList();
        var response = new UnitQualityResponse(unit, new TimelinessView(total, months), new RejectionsView(byCode.Sum(r => r.Count), byCode, byMonth));
        return ApiAnswer.Json(response, AppJson.Web.UnitQualityResponse);
    }

    private static TimelinessMonthView View(
        string? month, long records, long lag0To7, long lag8To15, long lag16To30, long lagOver30, long workingDaysTotal, long max) =>
        new(month, records, lag0To7, lag8To15, lag16To30, lagOver30,
            records == 0 ? null : Math.Round((double)lag0To7 / records, 4),
            records == 0 ? null : Math.Round((double)workingDaysTotal / records, 2),
            max);
}
