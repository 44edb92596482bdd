using System.Text;
using System.Text.Json;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>docs/http-api.md against the route table and the document: its routes table is ApiRoutes', and it explains every code.</summary>
public sealed class HttpApiDocsTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "http-api.md"));

    [Fact]
    public void The_routes_table_is_the_route_table()
    {
        var table = RoutesTable();

        Assert.True(Page.Contains(table, StringComparison.Ordinal),
            "docs/http-api.md's routes table differs from ApiRoutes.All; replace it with:\n" + table);
    }

    [Fact]
    public void Every_code_of_the_document_is_explained()
    {
        using var document = JsonDocument.Parse(OpenApiDocument.Text);
        var codes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var response in document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject()).SelectMany(o => o.Value.GetProperty("responses").EnumerateObject().Select(r => r.Value))
            .Concat(document.RootElement.GetProperty("components").GetProperty("responses").EnumerateObject().Select(r => r.Value)))
        {
            foreach (var list in new[] { "x-problem-codes", "x-condition-codes" })
            {
                if (response.TryGetProperty(list, out var values))
                {
                    codes.UnionWith(values.EnumerateArray().Select(v => v.GetString()!));
                }
            }
        }

        var missing = codes.Where(c => !Page.Contains($"| `{c}` |", StringComparison.Ordinal)).ToList();

        Assert.True(missing.Count == 0, "Codes with no row in docs/http-api.md's tables of codes: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_page_states_the_gateways_limits_as_the_code_has_them()
    {
        Assert.Contains($"{ApiGateway.Deadline.TotalSeconds:0} s", Page, StringComparison.Ordinal);
        foreach (var limit in ApiRoutes.All.Where(r => r.Docs.Request is not null).Select(r => $"{r.MaxBodyBytes / 1024} KiB").Distinct())
        {
            Assert.Contains(limit, Page, StringComparison.Ordinal);
        }
    }

    /// <summary>The table as docs/http-api.md has it, one row per route in ApiRoutes.All's order.</summary>
    private static string RoutesTable()
    {
        var text = new StringBuilder();
        text.Append("| route | operationId | who may call | gateway roles | key | body |\n");
        text.Append("|---|---|---|---|---|---|\n");
        foreach (var route in ApiRoutes.All)
        {
            var roles = route.Roles switch
            {
                null => "none: the route's policy decides",
                { Count: 0 } => "anyone",
                var list => string.Join(", ", list),
            };
            var key = route.Anonymous ? "no" : "yes";
            var body = route.Docs.Request is null ? "—" : $"JSON, ≤ {route.MaxBodyBytes / 1024} KiB";
            text.Append($"| `{route.Name}` | `{route.Docs.OperationId}` | {string.Join(", ", route.Docs.Who)} | {roles} | {key} | {body} |\n");
        }

        return text.ToString();
    }
}
