using CreditFunctions.App.Api;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>Calls each partner-API function as the ASP.NET Core integration would, and reads what it answered.</summary>
public static class ApiCalls
{
    public static async Task<HttpAnswer> Credit(CreditApp app, string id, string? principal, string? query = null) =>
        HttpAnswer.Of(await app.Function<CreditFunction>().Run(app.Request($"/api/subjects/{id}/credit", query, principal), id, CancellationToken.None));

    public static async Task<HttpAnswer> Restrictions(CreditApp app, string id, string? principal, string query = "business=notification-commitment") =>
        HttpAnswer.Of(await app.Function<RestrictionFunction>().Run(
            app.Request($"/api/subjects/{id}/restrictions", query, principal), id, CancellationToken.None));

    public static async Task<HttpAnswer> Screening(CreditApp app, string? principal, string body, string? query = null) =>
        HttpAnswer.Of(await app.Function<ScreeningFunction>().Run(
            app.Request("/api/screenings", query, principal, "POST", body), CancellationToken.None));

    public static Task<HttpAnswer> Screening(CreditApp app, string? principal, string business, IEnumerable<string> subjects, string? query = null) =>
        Screening(app, principal, System.Text.Json.JsonSerializer.Serialize(new { business, subjects }), query);

    public static async Task<HttpAnswer> Record(CreditApp app, string recordId, string? principal) =>
        HttpAnswer.Of(await app.Function<RecordFunction>().Run(app.Request($"/api/records/{recordId}", null, principal), recordId, CancellationToken.None));

    public static async Task<HttpAnswer> Quality(CreditApp app, string unit, string? principal) =>
        HttpAnswer.Of(await app.Function<UnitQualityFunction>().Run(app.Request($"/api/units/{unit}/quality", null, principal), unit, CancellationToken.None));

    public static async Task<HttpAnswer> IssueReport(CreditApp app, string id, string? principal) =>
        HttpAnswer.Of(await app.Function<App.Reports.IssueReportFunction>().Run(
            app.Request($"/api/subjects/{id}/reports", null, principal, "POST"), id, CancellationToken.None));

    /// <summary>GET /api/reports/{reportId}?code=…, with an Accept header when given (null: none).</summary>
    public static async Task<HttpAnswer> VerifyReport(CreditApp app, string reportId, string? code, string? accept = null, string? principal = null)
    {
        var request = app.Request($"/api/reports/{reportId}", code is null ? null : "code=" + Uri.EscapeDataString(code), principal);
        if (accept is not null)
        {
            request.Headers.Accept = accept;
        }

        return HttpAnswer.Of(await app.Function<App.Reports.VerifyReportFunction>().Run(request, reportId, CancellationToken.None));
    }

    public static async Task<HttpAnswer> ReportKeys(CreditApp app) =>
        HttpAnswer.Of(await app.Function<App.Reports.ReportKeysFunction>().Run(app.Request("/api/reports/keys")));

    public static async Task<HttpAnswer> Rejections(CreditApp app, string unit, string? principal, string? query = null) =>
        HttpAnswer.Of(await app.Function<UnitRejectionsFunction>().Run(app.Request($"/api/units/{unit}/rejections", query, principal), unit, CancellationToken.None));

    public static async Task<HttpAnswer> AccessLog(CreditApp app, string id, string? principal, string? query = null) =>
        HttpAnswer.Of(await app.Function<AccessLogFunction>().Run(
            app.Request($"/api/subjects/{id}/access-log", query, principal), id, CancellationToken.None));

    public static async Task<HttpAnswer> SubjectFeedback(CreditApp app, string id, string? principal) =>
        HttpAnswer.Of(await app.Function<CreditFunctions.App.Feedback.SubjectFeedbackFunction>().Run(
            app.Request($"/api/subjects/{id}/feedback", principal: principal), id, CancellationToken.None));

    public static async Task<HttpAnswer> FeedbackSummary(CreditApp app, string? principal, string? query = null) =>
        HttpAnswer.Of(await app.Function<CreditFunctions.App.Feedback.FeedbackSummaryFunction>().Run(
            app.Request("/api/feedback/summary", query, principal), CancellationToken.None));
}
