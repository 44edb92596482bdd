using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Json;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>
/// GET /api/units/{unit}/rejections?limit=: the unit's refused submissions, newest first, with reason and body as received
/// (contract: "What happens to bad input"; art7). One range query of the unit's index rows in <c>Rejections</c>, through
/// its owner <see cref="RejectionLedger"/>. That unit and administrators only, like its quality figures.
/// </summary>
public sealed class UnitRejectionsFunction(ApiGateway api, RejectionLedger rejections, CatalogueSet catalogues, TimeProvider clock)
{
    public const int DefaultLimit = 50;

    /// <summary>A body can be a whole 64 KiB message: 200 of them is already a large answer.</summary>
    public const int MaxLimit = 200;

    [Function(nameof(ApiRoutes.UnitRejections))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.UnitRejectionsPath)] HttpRequest request,
        string unit,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.UnitRejections, (call, token) => AnswerAsync(call, unit, token), cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, string unit, CancellationToken cancellationToken)
    {
        if (UnitAccess.Check(call.Caller, unit, catalogues, clock) is { } refused)
        {
            return refused;
        }

        if (!RequestReading.TryLimit(call.Query("limit"), DefaultLimit, MaxLimit, out var limit, out var badLimit))
        {
            return badLimit!;
        }

        var recent = await rejections.ReadRecentAsync(unit, limit, cancellationToken);
        var response = new UnitRejectionsResponse(unit, recent.Items.Select(r => new RejectionView(
            r.RejectedAt, r.MessageId, r.RecordIndex, r.SourceRecordId, r.Code, r.Field, new LocalizedName(r.Zh, r.En), r.Body,
            r.BodyTruncated ? true : null)).ToList(), recent.More);
        return ApiAnswer.Json(response, AppJson.Web.UnitRejectionsResponse);
    }
}
