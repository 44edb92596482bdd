using System.Text;
using System.Text.Json;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.Domain.Catalogue;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Reports;

/// <summary>
/// GET /api/reports/{reportId}?code=: the report as issued and whether it still holds, for anyone who has both (no role, no
/// key: whoever was handed the report checks it). JSON, or with <c>Accept: text/html</c> the printable page.
/// </summary>
public sealed class VerifyReportFunction(ApiGateway api, ReportDesk desk, CatalogueSet catalogues)
{
    private static readonly Dictionary<string, string> JsonHeaders = new()
    {
        ["Cache-Control"] = "no-store",
        ["Referrer-Policy"] = "no-referrer",
        ["Vary"] = "Accept",
    };

    [Function(nameof(ApiRoutes.VerifyReport))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.ReportPath)] HttpRequest request,
        string reportId,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.VerifyReport, async (call, token) =>
        {
            var (report, problem) = await desk.VerifyAsync(call, reportId, token);
            if (report is null)
            {
                return problem!;
            }

            return ReportPage.WantsHtml(request)
                ? ApiAnswer.Document(Encoding.UTF8.GetBytes(ReportPage.Render(report, catalogues, ReportDesk.KidOf(report.Signature))),
                    "text/html; charset=utf-8", ReportPage.Headers)
                : ApiAnswer.Document(JsonSerializer.SerializeToUtf8Bytes(report, AppJson.Web.VerifiedReport), "application/json; charset=utf-8", JsonHeaders);
        }, cancellationToken);
}
