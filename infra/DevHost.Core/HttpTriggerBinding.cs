using System.ComponentModel;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.DevHost;

/// <summary>
/// Binds an HTTP-triggered function (ASP.NET Core integration): the HttpRequest, route values by parameter name
/// (converted with the type's TypeConverter), and the request's CancellationToken.
/// </summary>
internal static class HttpTriggerBinding
{
    /// <summary>The route template the host registers: Route, or the function name when Route is null.</summary>
    public static string RouteTemplate(HttpTriggerAttribute trigger, string functionName) =>
        (trigger.Route ?? functionName).Trim('/');

    public static Func<ParameterInfo, ParameterSource?> Classify(HttpTriggerAttribute trigger, string functionName, List<string> problems)
    {
        RoutePattern pattern;
        try
        {
            pattern = RoutePatternFactory.Parse(RouteTemplate(trigger, functionName));
        }
        catch (RoutePatternException ex)
        {
            problems.Add($"route '{trigger.Route}' is not a valid route template: {ex.Message}");
            return _ => null;
        }

        return p =>
        {
            RoutePatternParameterPart? part = pattern.Parameters.FirstOrDefault(
                r => string.Equals(r.Name, p.Name, StringComparison.OrdinalIgnoreCase));
            if (part is null)
            {
                return null;
            }

            if (p.ParameterType != typeof(string) &&
                !TypeDescriptor.GetConverter(p.ParameterType).CanConvertFrom(typeof(string)))
            {
                problems.Add($"route parameter '{p.Name}' has type {p.ParameterType.Name}, which has no conversion from string");
                return null;
            }

            return new BindingDataSource(p, part.Name);
        };
    }

    public static void CheckTriggerType(Type type, List<string> problems)
    {
        if (type != typeof(HttpRequest))
        {
            problems.Add($"the HTTP trigger parameter must be an HttpRequest (ASP.NET Core integration), not {type.Name}");
        }
    }

    /// <summary>What the ASP.NET Core integration can turn into a response: IActionResult, IResult, or nothing.</summary>
    public static string? CheckReturnType(Type returnType) => AsyncResult.ResultType(returnType) switch
    {
        null => null,
        var t when typeof(IActionResult).IsAssignableFrom(t) || typeof(IResult).IsAssignableFrom(t) => null,
        var t => $"returns {t.Name}: only IActionResult, IResult (or Task/ValueTask of them) and void/Task are supported by the dev host",
    };

    public static object?[] Bind(DiscoveredFunction function, HttpContext context) =>
        function.Parameters.Select(source => source switch
        {
            TriggerSource => context.Request,
            CancellationSource => context.RequestAborted,
            BindingDataSource d => RouteValue(context, d),
            _ => throw new InvalidOperationException($"unexpected parameter source {source}"),
        }).ToArray();

    private static object? RouteValue(HttpContext context, BindingDataSource source)
    {
        Type type = source.Parameter.ParameterType;
        if (context.GetRouteValue(source.Key) is not { } raw || raw is string { Length: 0 })
        {
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }

        string text = System.Convert.ToString(raw, CultureInfo.InvariantCulture)!;
        // A value the converter rejects fails the invocation (500), as a binding failure does in the worker.
        return type == typeof(string)
            ? text
            : TypeDescriptor.GetConverter(type).ConvertFromString(null, CultureInfo.InvariantCulture, text);
    }
}
