using System.Net;
using System.Text;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.Console;

/// <summary>
/// What the console's paths answer (docs/console.md), by how the app knows its callers (<see cref="AuthTrust"/>):
/// <list type="bullet">
/// <item>In Azure (App Service authentication): nobody signed in is sent to sign in (302 to <see cref="LoginPath"/>), on
/// every console path, while the API keeps answering 401; a signed-in official gets the page naming who they are and,
/// when <c>Console__FunctionKey</c> is set, the console's function key, which the page sends as <c>x-functions-key</c> so
/// its calls pass the host's key check; anyone else signed in gets a 403 page.</item>
/// <item>Locally (<c>Auth__LocalDevelopment</c>, nothing signs anyone in): the page with its development sign-in; the
/// browser builds <c>X-MS-CLIENT-PRINCIPAL</c> itself, and no key is ever put in the page (the dev host checks none).</item>
/// <item>Anywhere else the app believes no principal, so the page says the console cannot be used here.</item>
/// </list>
/// </summary>
public sealed class ConsolePages(AuthTrust trust, IConfiguration configuration)
{
    public const string LoginPath = "/.auth/login/aad?post_login_redirect_uri=/api/console/";
    public const string FunctionKeySetting = "Console:FunctionKey";

    /// <summary>
    /// Only this origin; no inline script or style (the page's behaviour is in its modules, its looks in console.css; the
    /// chart's SVG takes its colours from attributes and classes). data: images for the empty favicon. form-action 'none':
    /// every form is handled by script, so none is ever posted by the browser.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly Dictionary<string, string> PageHeaders = new(StringComparer.Ordinal)
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "no-referrer",
        // The page can carry the console's key and names the official: never stored by a browser or a proxy.
        ["Cache-Control"] = "no-store",
    };

    private static readonly Dictionary<string, string> FileHeaders = new(StringComparer.Ordinal)
    {
        ["X-Content-Type-Options"] = "nosniff",
        // Revalidated every time: the page and its modules must come from the same build after a deploy.
        ["Cache-Control"] = "no-cache",
    };

    private static readonly string[] OfficialRoles = [Roles.Unit, Roles.Center, Roles.Admin];

    /// <summary>
    /// The key, unless unset or an unresolved Key Vault reference (App Service leaves the reference text in the setting
    /// when it cannot resolve it: that text is no key, and the page then says the key is missing).
    /// </summary>
    private readonly string? _functionKey = configuration[FunctionKeySetting] is { Length: > 0 } key
        && !key.StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) ? key.Trim() : null;

    /// <summary>The mode the page runs in, as its <c>console-mode</c> meta says.</summary>
    public string Mode => trust.AppServiceAuthentication ? "azure" : trust.LocalDevelopment ? "development" : "unavailable";

    public ApiAnswer Page(Caller caller)
    {
        if (!trust.AppServiceAuthentication)
        {
            return Html(Mode, null, null, 200);
        }

        if (caller.Roles.Count == 0)
        {
            return ApiAnswer.Redirect(LoginPath);
        }

        return OfficialRoles.Any(caller.IsIn)
            ? Html("azure", caller, _functionKey, 200)
            : Html("not-official", caller, null, 403);
    }

    public ApiAnswer Styles(Caller caller) =>
        SignInFirst(caller) ?? ApiAnswer.Document(ConsoleFiles.Styles, "text/css; charset=utf-8", FileHeaders);

    public ApiAnswer Script(Caller caller, string? module)
    {
        if (SignInFirst(caller) is { } redirect)
        {
            return redirect;
        }

        return ConsoleFiles.TryScript(module, out var content)
            ? ApiAnswer.Document(content, "text/javascript; charset=utf-8", FileHeaders)
            : ApiAnswer.Document("no such console module"u8.ToArray(), "text/plain; charset=utf-8", FileHeaders, 404);
    }

    /// <summary>In Azure every console path sends a browser with nobody signed in to sign in, not just the page.</summary>
    private ApiAnswer? SignInFirst(Caller caller) =>
        trust.AppServiceAuthentication && caller.Roles.Count == 0 ? ApiAnswer.Redirect(LoginPath) : null;

    private static ApiAnswer Html(string mode, Caller? caller, string? functionKey, int status)
    {
        var meta = new StringBuilder();
        Meta(meta, "console-mode", mode);
        if (caller is not null)
        {
            // What the page shows and offers (the API still decides every call by the principal App Service passes).
            Meta(meta, "console-roles", string.Join(' ', caller.Roles.Order(StringComparer.Ordinal)));
            Meta(meta, "console-unit", caller.Unit);
            Meta(meta, "console-name", caller.Name);
        }

        Meta(meta, "console-function-key", functionKey);
        var page = ConsoleFiles.PageTemplate.Replace("<!--console:meta-->", meta.ToString().TrimEnd(), StringComparison.Ordinal);
        return ApiAnswer.Document(Encoding.UTF8.GetBytes(page), "text/html; charset=utf-8", PageHeaders, status);
    }

    private static void Meta(StringBuilder meta, string name, string? content)
    {
        if (!string.IsNullOrEmpty(content))
        {
            meta.Append($"<meta name=\"{name}\" content=\"{WebUtility.HtmlEncode(content)}\">\n");
        }
    }
}
