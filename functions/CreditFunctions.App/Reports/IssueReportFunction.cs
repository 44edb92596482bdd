using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Reports;

/// <summary>POST /api/subjects/{id}/reports: a signed credit report of the subject today (the subject itself, administrators).</summary>
public sealed class IssueReportFunction(ApiGateway api, ReportDesk desk)
{
    [Function(nameof(ApiRoutes.IssueReport))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.SubjectReportsPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.IssueReport, (call, token) => desk.IssueAsync(call, id, token), cancellationToken);
}
