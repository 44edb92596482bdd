using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>
/// GET /api/docs: the API reference, Redoc rendering /api/openapi.json, and the Redoc bundle it runs, both from the app
/// itself (<see cref="Documents"/>). Public, like the document it renders.
/// </summary>
public sealed class DocsFunction(ApiGateway api)
{
    private static readonly Dictionary<string, string> PageHeaders = new(StringComparer.Ordinal)
    {
        ["Content-Security-Policy"] = Documents.ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        // The page is rebuilt only by a deploy, but a short lifetime keeps a new document's page from looking stale.
        ["Cache-Control"] = "public, max-age=300",
    };

    private static readonly Dictionary<string, string> ScriptHeaders = new(StringComparer.Ordinal)
    {
        ["X-Content-Type-Options"] = "nosniff",
        ["Cache-Control"] = "public, max-age=86400",
    };

    [Function(nameof(ApiRoutes.Docs))]
    public Task<IActionResult> Page([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.DocsPath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.Docs, _ => ApiAnswer.Document(Documents.PageHtml, "text/html; charset=utf-8", PageHeaders));

    [Function(nameof(ApiRoutes.DocsScript))]
    public Task<IActionResult> Script([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.DocsScriptPath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.DocsScript, _ => ApiAnswer.Document(Documents.Script, "application/javascript; charset=utf-8", ScriptHeaders));

    [Function(nameof(ApiRoutes.DocsScriptLicense))]
    public Task<IActionResult> ScriptLicense(
        [HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.DocsScriptLicensePath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.DocsScriptLicense, _ => ApiAnswer.Document(Documents.ScriptLicense, "text/plain; charset=utf-8", ScriptHeaders));
}
