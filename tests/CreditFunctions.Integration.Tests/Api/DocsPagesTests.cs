using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreditFunctions.App;
using CreditFunctions.App.Api;
using CreditFunctions.DevHost;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// The documents over real HTTP through the dev host: the docs page loads only this origin's URLs (and its
/// Content-Security-Policy allows no other), every URL it names answers, the Redoc bundle is the committed one, and
/// /api/asyncapi.json is Contracts/asyncapi.json byte for byte.
/// </summary>
public sealed partial class DocsPagesTests
{
    [Fact]
    public async Task The_docs_page_names_only_same_origin_urls_that_answer_and_forbids_every_other_origin()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.GetBaseAddress() };

        using var page = await http.GetAsync("api/docs");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:;", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // no inline script: script-src 'self' would refuse it

        var urls = UrlAttribute().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value)).ToList();
        Assert.Contains(Documents.OpenApiPath, urls);
        Assert.Contains(Documents.ScriptPath, urls);
        foreach (var url in urls)
        {
            Assert.True(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal), $"the page names {url}, not a path of this origin");
            using var answer = await http.GetAsync(url.TrimStart('/'));
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{url}: {answer.StatusCode}");
        }

        // The theme replaces Redoc's default fonts (Roboto, Montserrat: web fonts a page would fetch from Google).
        Assert.DoesNotContain("fonts.googleapis", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Roboto", html, StringComparison.Ordinal);
        Assert.Contains("PingFang SC", html, StringComparison.Ordinal);
        await app.StopAsync();
    }

    [Fact]
    public async Task The_script_and_the_asyncapi_document_are_the_committed_files()
    {
        await using var app = await StartAsync();
        using var http = new HttpClient { BaseAddress = app.GetBaseAddress() };
        var contracts = Path.Combine(RepositoryRoot.Find(), "functions", "CreditFunctions.App", "Contracts");

        using var script = await http.GetAsync("api/docs/redoc.standalone.js");
        using var license = await http.GetAsync("api/docs/redoc.standalone.js.LICENSE.txt");
        using var asyncApi = await http.GetAsync("api/asyncapi.json");
        var asyncApiBytes = await asyncApi.Content.ReadAsByteArrayAsync();

        Assert.Equal("application/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(contracts, "redoc.standalone.js")), await script.Content.ReadAsByteArrayAsync());
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(contracts, "redoc.standalone.js.LICENSE.txt")), await license.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, asyncApi.StatusCode);
        Assert.Equal("application/json", asyncApi.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(contracts, "asyncapi.json")), asyncApiBytes);
        using var parsed = JsonDocument.Parse(asyncApiBytes);
        Assert.StartsWith("3.", parsed.RootElement.GetProperty("asyncapi").GetString(), StringComparison.Ordinal);
        Assert.True(parsed.RootElement.GetProperty("channels").EnumerateObject().Any());
        await app.StopAsync();
    }

    private static async Task<Microsoft.AspNetCore.Builder.WebApplication> StartAsync()
    {
        var app = DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                Functions = ["Docs", "DocsScript", "DocsScriptLicense", "AsyncApi", "OpenApi"],
                Settings = new Dictionary<string, string?>
                {
                    ["CreditStorage"] = AzuriteServer.Shared.ConnectionString,
                    ["Pseudonym:Key"] = CreditApp.PseudonymKey,
                    // The app refuses to start without its source keys (fail closed), docs pages or not.
                    ["SourceKeys:Directory"] = TestKeys.Directory,
                },
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
        await app.StartAsync();
        return app;
    }

    /// <summary>src= and href= attributes of the page (every URL a browser would load or follow from it).</summary>
    [GeneratedRegex("\\b(src|href|spec-url)=\"([^\"]*)\"")]
    private static partial Regex UrlAttribute();
}
