using System.Text;
using System.Text.RegularExpressions;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Console;
using CreditFunctions.Integration.Tests.Api;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Mvc;

namespace CreditFunctions.Integration.Tests.Console;

/// <summary>
/// What the console's paths answer in each way the app can know its callers (docs/console.md): in Azure a browser with
/// nobody signed in is sent to sign in and a signed-in official gets the console's function key; locally the page offers
/// the development sign-in and never a key; the files it loads are the shipped ones, and only those.
/// </summary>
public sealed partial class ConsolePageTests
{
    private const string Key = "console-key-for-tests";

    private static readonly Dictionary<string, string?> Azure = new()
    {
        ["WEBSITE_AUTH_ENABLED"] = "True",
        ["Auth:LocalDevelopment"] = "false",
        [ConsolePages.FunctionKeySetting] = Key,
    };

    private static readonly string Assets = Path.Combine(RepositoryRoot.Find(), "functions", "CreditFunctions.App", "Console", "assets");

    [Fact]
    public async Task In_azure_nobody_signed_in_is_sent_to_sign_in_on_every_console_path()
    {
        await using var app = await CreditApp.StartAsync(settings: Azure);
        var console = app.Function<ConsoleFunction>();

        var answers = new[]
        {
            await console.Page(app.Request("/api/console/")),
            await console.Styles(app.Request("/api/console/console.css")),
            await console.Script(app.Request("/api/console/app.js"), "app.js"),
        };

        Assert.All(answers, a => Assert.Equal(ConsolePages.LoginPath, Assert.IsType<RedirectResult>(a).Url));
        Assert.False(((RedirectResult)answers[0]).Permanent);
        // The API itself still refuses with 401: only the console's paths redirect.
        Assert.Equal(401, (await ApiCalls.Quality(app, "SH-HRSS", null)).Status);
    }

    [Fact]
    public async Task In_azure_a_signed_in_official_gets_the_page_with_who_they_are_and_the_consoles_key()
    {
        await using var app = await CreditApp.StartAsync(settings: Azure);
        var console = app.Function<ConsoleFunction>();

        var unit = Page(await console.Page(app.Request("/api/console/", principal: ClientPrincipalReader.Encode(Roles.Unit, unit: "SH-HRSS-ENFORCEMENT", name: "王科长"))));
        var admin = Page(await console.Page(app.Request("/api/console/", principal: Principals.Admin)));
        var partner = Page(await console.Page(app.Request("/api/console/", principal: Principals.Partner)));

        Assert.Equal(200, unit.Status);
        Assert.Equal("azure", Meta(unit.Html, "console-mode"));
        Assert.Equal(("unit", "SH-HRSS-ENFORCEMENT", "王科长", Key),
            (Meta(unit.Html, "console-roles"), Meta(unit.Html, "console-unit"), Meta(unit.Html, "console-name"), Meta(unit.Html, "console-function-key")));
        Assert.Equal("no-store", unit.Result.Headers["Cache-Control"]);
        Assert.Equal(Key, Meta(admin.Html, "console-function-key"));
        // Signed in, but not an official: told so, and given no key.
        Assert.Equal(403, partner.Status);
        Assert.Equal("not-official", Meta(partner.Html, "console-mode"));
        Assert.Null(Meta(partner.Html, "console-function-key"));
    }

    [Fact]
    public async Task An_unresolved_key_vault_reference_is_not_put_in_the_page_as_a_key()
    {
        var settings = new Dictionary<string, string?>(Azure)
        {
            [ConsolePages.FunctionKeySetting] = "@Microsoft.KeyVault(SecretUri=https://vault.vault.azure.cn/secrets/console-function-key/)",
        };
        await using var app = await CreditApp.StartAsync(settings: settings);

        var page = Page(await app.Function<ConsoleFunction>().Page(app.Request("/api/console/", principal: Principals.Admin)));

        Assert.Equal(200, page.Status);
        Assert.Null(Meta(page.Html, "console-function-key"));
    }

    [Fact]
    public async Task Locally_the_page_offers_the_development_sign_in_and_never_a_key()
    {
        await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?> { [ConsolePages.FunctionKeySetting] = Key });
        var console = app.Function<ConsoleFunction>();

        var anonymous = Page(await console.Page(app.Request("/api/console/")));
        var asAdmin = Page(await console.Page(app.Request("/api/console/", principal: Principals.Admin)));

        Assert.Equal(200, anonymous.Status);
        Assert.Equal("development", Meta(anonymous.Html, "console-mode"));
        Assert.Null(Meta(anonymous.Html, "console-function-key"));
        Assert.Null(Meta(asAdmin.Html, "console-function-key"));
        Assert.Null(Meta(asAdmin.Html, "console-roles"));
        var policy = anonymous.Result.Headers["Content-Security-Policy"];
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("http", policy, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script>", anonymous.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", anonymous.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Where_no_principal_is_believed_the_page_says_the_console_cannot_be_used()
    {
        await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:TrustClientPrincipal"] = "false" });

        var page = Page(await app.Function<ConsoleFunction>().Page(app.Request("/api/console/", principal: Principals.Admin)));

        Assert.Equal("unavailable", Meta(page.Html, "console-mode"));
    }

    [Fact]
    public async Task The_console_serves_exactly_its_shipped_files_and_every_import_is_one_of_them()
    {
        await using var app = await CreditApp.StartAsync();
        var console = app.Function<ConsoleFunction>();
        var shipped = Directory.GetFiles(Assets, "*.js").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(shipped, ConsoleFiles.Modules.Order(StringComparer.Ordinal));
        Assert.Equal(ConsoleFiles.Modules, ApiRoutes.ConsoleScript.Docs.Parameters.Single().Enum);
        foreach (var module in ConsoleFiles.Modules)
        {
            var result = Assert.IsType<DocumentResult>(await console.Script(app.Request($"/api/console/{module}"), module));
            Assert.Equal((200, "text/javascript; charset=utf-8"), (result.Status, result.ContentType));
            var text = Encoding.UTF8.GetString(result.Content.Span);
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(Assets, module)), text);
            foreach (Match import in Import().Matches(text))
            {
                Assert.Contains(import.Groups[1].Value, ConsoleFiles.Modules);
            }

            // Everything shown is built as text nodes (dom.js): no HTML is ever written from data.
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("insertAdjacentHTML", text, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", text.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        var styles = Assert.IsType<DocumentResult>(await console.Styles(app.Request("/api/console/console.css")));
        Assert.Equal("text/css; charset=utf-8", styles.ContentType);
        Assert.Contains("@media print", Encoding.UTF8.GetString(styles.Content.Span), StringComparison.Ordinal);
        Assert.Equal(404, Assert.IsType<DocumentResult>(await console.Script(app.Request("/api/console/../Program.cs"), "../Program.cs")).Status);
        Assert.Equal(404, Assert.IsType<DocumentResult>(await console.Script(app.Request("/api/console/index.html"), "index.html")).Status);

        var page = Page(await console.Page(app.Request("/api/console/")));
        foreach (Match url in Url().Matches(page.Html))
        {
            var path = url.Groups[1].Value;
            Assert.True(path.StartsWith('#') || path == ConsoleFiles.StylesPath || ConsoleFiles.Modules.Any(m => path == "/api/console/" + m) || path is "/api/docs" or "data:,",
                $"the page names {path}");
        }
    }

    private static (int Status, string Html, DocumentResult Result) Page(IActionResult result)
    {
        var document = Assert.IsType<DocumentResult>(result);
        Assert.Equal("text/html; charset=utf-8", document.ContentType);
        return (document.Status, Encoding.UTF8.GetString(document.Content.Span), document);
    }

    private static string? Meta(string html, string name)
    {
        var match = Regex.Match(html, $"<meta name=\"{Regex.Escape(name)}\" content=\"([^\"]*)\">");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("""from '\./([^']+)'""")]
    private static partial Regex Import();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"")]
    private static partial Regex Url();
}
