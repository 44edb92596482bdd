using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Console;

/// <summary>
/// GET /api/console/ (the officials' console), its style sheet and its script modules: anonymous at the host, like the docs
/// page, because in Azure a browser with nobody signed in is sent to sign in rather than refused (<see cref="ConsolePages"/>).
/// </summary>
public sealed class ConsoleFunction(ApiGateway api, ConsolePages pages)
{
    [Function(nameof(ApiRoutes.ConsolePage))]
    public Task<IActionResult> Page([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.ConsolePagePath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.ConsolePage, call => pages.Page(call.Caller));

    [Function(nameof(ApiRoutes.ConsoleStyles))]
    public Task<IActionResult> Styles([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.ConsoleStylesPath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.ConsoleStyles, call => pages.Styles(call.Caller));

    [Function(nameof(ApiRoutes.ConsoleScript))]
    public Task<IActionResult> Script(
        [HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.ConsoleScriptPath)] HttpRequest request, string module) =>
        api.RunAsync(request, ApiRoutes.ConsoleScript, call => pages.Script(call.Caller, module));
}
