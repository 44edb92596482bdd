using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.ConfigData;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>
/// GET /api/health: whether storage answers, what is running, and each source's freshness (one query of the
/// Freshness partition, run alongside the probes); which catalogue, calendar and source keys are in force and from where,
/// the calendar's last covered day, and warnings that leave the status "healthy" (ConfigDataReport). Anonymous, so probes
/// can call it.
/// </summary>
public sealed class HealthFunction(ApiGateway api, StorageHealth health, SourceFreshnessStore freshness, ConfigDataReport configData)
{
    [Function(nameof(ApiRoutes.Health))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.HealthPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.Health, async (_, token) =>
        {
            var reading = ReadFreshnessAsync(token);
            var report = configData.Complete(await health.CheckAsync(token) with { Freshness = await reading });
            return ApiAnswer.Json(report, AppJson.Web.HealthReport,
                report.Status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        }, cancellationToken);

    private async Task<IReadOnlyList<SourceFreshnessView>?> ReadFreshnessAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            var sources = await freshness.ReadAllAsync(timeout.Token);
            return sources.Select(s => new SourceFreshnessView(s.Source, s.LastRecordAt, s.ActiveByKind)).ToList();
        }
        catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            // The probes already report storage trouble; freshness is simply absent then.
            return null;
        }
    }
}
