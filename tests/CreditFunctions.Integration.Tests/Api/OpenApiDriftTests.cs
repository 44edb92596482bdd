using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreditFunctions.App;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// The OpenAPI document against the functions that exist, both ways, so neither can change without the other:
/// every HTTP function is documented, and every documented route has a function, except routes of the contract (docs/contracts.md "The HTTP API") whose
/// functions are still being written (listed below; the list may only shrink).
/// </summary>
public sealed partial class OpenApiDriftTests
{
    /// <summary>
    /// Documented from the contract (docs/contracts.md "The HTTP API"), not yet implemented. When one of these gets its function, <see cref="The_not_yet_implemented_list_only_shrinks"/> fails until it is removed here.
    /// </summary>
    private static readonly string[] DocumentedNotYetImplemented =
    [
        // Empty: every route documented from the contract has its function (objections and repairs have landed).
    ];

    [Fact]
    public void Every_http_function_is_documented()
    {
        var documented = Documented();

        var missing = Implemented().Where(f => !documented.Contains(f.Key)).Select(f => $"{f.Key} ({f.Value.Name})").ToList();

        Assert.True(missing.Count == 0, "HTTP functions missing from the OpenAPI document (Api/Routes/ApiRoutes.cs): " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_documented_route_has_a_function_or_is_listed_as_not_yet_implemented()
    {
        var implemented = Implemented();

        var orphans = Documented().Where(d => !implemented.ContainsKey(d) && !DocumentedNotYetImplemented.Contains(d)).ToList();

        Assert.True(orphans.Count == 0, "Documented routes with no function: " + string.Join("; ", orphans));
    }

    [Fact]
    public void The_not_yet_implemented_list_only_shrinks()
    {
        var implemented = Implemented();
        var documented = Documented();

        var done = DocumentedNotYetImplemented.Where(implemented.ContainsKey).ToList();
        var unknown = DocumentedNotYetImplemented.Where(r => !documented.Contains(r)).ToList();

        Assert.True(done.Count == 0, "Now implemented: remove from DocumentedNotYetImplemented: " + string.Join("; ", done));
        Assert.True(unknown.Count == 0, "Listed as not yet implemented but not documented: " + string.Join("; ", unknown));
    }

    [Fact]
    public void Every_http_function_takes_its_name_method_path_and_key_level_from_the_route_table()
    {
        var table = ApiRoutes.All.ToDictionary(r => r.Function, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (route, function) in Implemented())
        {
            var name = function.GetCustomAttribute<FunctionAttribute>()!.Name;
            var trigger = function.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).First(a => a is not null)!;
            Assert.True(table.TryGetValue(name, out var declared), $"{name} ({route}) is not in ApiRoutes.All");
            Assert.Equal([declared!.Method], trigger.Methods!);
            Assert.Equal(declared.Path, trigger.Route);
            Assert.Equal(declared.Level, trigger.AuthLevel);
            seen.Add(name);
        }

        Assert.Equal(table.Keys.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Only_public_information_is_anonymous()
    {
        var publicRoutes = new[]
        {
            "GET /api/health", "GET /api/catalogue", "GET /api/openapi.json", "GET /api/docs", "GET /api/docs/redoc.standalone.js",
            "GET /api/docs/redoc.standalone.js.LICENSE.txt", "GET /api/asyncapi.json",
            // A credit report is checked by whoever it is handed to, with its number and code (contract v2), and its keys are public.
            "GET /api/reports/keys", "GET /api/reports/{reportId}",
            // Console: the page shell and its code, no data (what it shows comes from the secured routes).
            "GET /api/console", "GET /api/console/console.css", "GET /api/console/{module}",
        };
        foreach (var route in ApiRoutes.All)
        {
            Assert.True(route.Anonymous == publicRoutes.Contains(route.Name), $"{route.Name}: {route.Level}");
        }
    }

    [Fact]
    public async Task The_document_is_served_anonymously_as_openapi_3_with_every_problem_code()
    {
        await using var app = await CreditApp.StartAsync();

        var answer = HttpAnswer.Of(await app.Function<OpenApiFunction>().Run(app.Request("/api/openapi.json")));

        Assert.Equal(200, answer.Status);
        var json = answer.Json;
        Assert.StartsWith("3.", json.GetProperty("openapi").GetString());
        var credit = json.GetProperty("paths").GetProperty("/api/subjects/{id}/credit").GetProperty("get");
        Assert.Contains(credit.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "asOf");
        Assert.True(json.GetProperty("components").GetProperty("schemas").GetProperty("CreditResponse").GetProperty("properties").TryGetProperty("catalogueVersion", out _));
        var undocumented = ApiProblems.Codes.Where(c => !OpenApiCodesTests.Documented().Values.SelectMany(v => v).Select(v => v.Code).Contains(c)).ToList();
        Assert.True(undocumented.Count == 0, "Problem codes in no operation's x-problem-codes: " + string.Join(", ", undocumented));
        // Every $ref points at a schema or response that exists.
        var components = json.GetProperty("components");
        foreach (Match reference in RefPattern().Matches(answer.Body))
        {
            Assert.True(components.GetProperty(reference.Groups[1].Value).TryGetProperty(reference.Groups[2].Value, out _), $"dangling {reference.Value}");
        }
    }

    /// <summary>"METHOD /api/route" of every [Function] with an [HttpTrigger] in the app assembly, parameter names as {}.</summary>
    private static Dictionary<string, MethodInfo> Implemented()
    {
        var routes = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        foreach (var method in typeof(CreditFunctionsServices).Assembly.GetTypes().SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static)))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is null
                || method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null) is not { } trigger)
            {
                continue;
            }

            var route = trigger.Route ?? method.GetCustomAttribute<FunctionAttribute>()!.Name;
            foreach (var verb in trigger.Methods ?? ["get", "post", "put", "delete", "patch", "head", "options"])
            {
                routes[Normalise(verb, "/api/" + route.TrimStart('/'))] = method;
            }
        }

        return routes;
    }

    private static HashSet<string> Documented()
    {
        using var document = JsonDocument.Parse(OpenApiDocument.Text);
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => Normalise(op.Name, path.Name)))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Method upper case; every route parameter ({id}, {id:guid}, {*rest}) as {} so names may differ.</summary>
    private static string Normalise(string method, string path) => $"{method.ToUpperInvariant()} {Parameter().Replace(path.TrimEnd('/'), "{}")}";

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();

    [GeneratedRegex("\"\\$ref\"\\s*:\\s*\"#/components/(schemas|responses)/([^\"]+)\"")]
    private static partial Regex RefPattern();
}
