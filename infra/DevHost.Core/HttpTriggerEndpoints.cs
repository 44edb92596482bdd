using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>An HTTP-triggered function with its full route (routePrefix/Route) and allowed methods (empty = any).</summary>
internal sealed record HttpFunction(DiscoveredFunction Function, string Route, IReadOnlyList<string> Methods);

/// <summary>
/// Maps HTTP functions onto ASP.NET Core endpoint routing, as the host routes them: route templates with inline
/// constraints, only the declared methods (endpoint routing answers 405 when the route matches with another method
/// and 404 when nothing matches). Results are executed like the worker's ASP.NET Core integration
/// (FunctionsHttpProxyingMiddleware): IActionResult through an ActionContext, IResult directly; with no result the
/// response stays as the function left it (200, empty unless written). A failed invocation answers 500.
/// Function keys are not enforced, as under Core Tools locally.
/// </summary>
internal static class HttpTriggerEndpoints
{
    public static HttpFunction Resolve(DiscoveredFunction function, string routePrefix)
    {
        var trigger = (HttpTriggerAttribute)function.Trigger!;
        string route = HttpTriggerBinding.RouteTemplate(trigger, function.Name);
        string full = routePrefix.Length == 0 ? route : $"{routePrefix}/{route}";
        string[] methods = (trigger.Methods ?? []).Select(m => m.ToUpperInvariant()).Distinct().ToArray();
        return new HttpFunction(function, full, methods);
    }

    public static void Map(WebApplication app, IEnumerable<HttpFunction> functions)
    {
        var invoker = app.Services.GetRequiredService<FunctionInvoker>();
        ILogger log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("CreditFunctions.DevHost.Http");
        foreach (HttpFunction http in functions)
        {
            DiscoveredFunction function = http.Function;
            IEndpointConventionBuilder endpoint = app.Map("/" + http.Route, context => InvokeAsync(context, function, invoker, log));
            endpoint.WithDisplayName($"Functions.{function.Name}");
            if (http.Methods.Count > 0)
            {
                endpoint.WithMetadata(new HttpMethodMetadata(http.Methods));
            }
        }
    }

    private static async Task InvokeAsync(HttpContext context, DiscoveredFunction function, FunctionInvoker invoker, ILogger log)
    {
        object? result;
        try
        {
            result = await invoker.InvokeAsync(function, context.RequestServices,
                () => HttpTriggerBinding.Bind(function, context),
                "This function was programmatically called via the host APIs.");
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            // Logged by the invoker; the host answers a failed invocation with 500 and no body.
            context.Response.Clear();
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return;
        }

        switch (result)
        {
            case IActionResult action:
                await action.ExecuteResultAsync(new ActionContext(context, context.GetRouteData(), new ActionDescriptor()));
                break;
            case IResult minimal:
                await minimal.ExecuteAsync(context);
                break;
            default:
                log.LogDebug("Function '{Name}' returned no HTTP response; the response is left as the function wrote it.", function.Name);
                break;
        }
    }
}
