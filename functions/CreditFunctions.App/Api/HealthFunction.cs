using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>
/// GET /api/health: whether storage answers, what is running, and each source's freshness (one query of the
/// Freshness partition, run alongside the probes). Anonymous, so probes can call it.
/// </summary>
public sealed class HealthFunction(StorageHealth health, SourceFreshnessStore freshness)
{
    [Function("Health")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var reading = ReadFreshnessAsync(cancellationToken);
        var report = await health.CheckAsync(cancellationToken) with { Freshness = await reading };
        return ApiResults.Json(report, AppJson.Web.HealthReport,
            report.Status == "healthy" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

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
