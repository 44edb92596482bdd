using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace CreditFunctions.App.Api;

/// <summary>
/// The documents the app serves as they are: the AsyncAPI document and the Redoc bundle (embedded from Contracts/, read
/// once), and the docs page. The page loads only this app's own URLs, and its Content-Security-Policy says so to the
/// browser: no CDN, no web font, no analytics, nothing from another origin, even if the bundle asked for it.
/// </summary>
public static class Documents
{
    public const string PagePath = "/api/docs";
    public const string ScriptPath = "/api/docs/redoc.standalone.js";
    public const string ScriptLicensePath = "/api/docs/redoc.standalone.js.LICENSE.txt";
    public const string OpenApiPath = "/api/openapi.json";
    public const string AsyncApiPath = "/api/asyncapi.json";

    /// <summary>
    /// Only this origin. Redoc styles its components with inline style elements (styled-components), so styles need
    /// 'unsafe-inline'; its search index runs in a Web Worker it starts from a blob: URL; its icons are inline SVG and
    /// data: URLs. img-src also stops the bundle's one outside request, the Redocly logo under the sidebar
    /// (cdn.redoc.ly), which it hides when the image fails. No script runs inline: the page configures Redoc through the
    /// &lt;redoc&gt; element's attributes.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Redoc's default theme names Roboto and Montserrat, which a page would have to fetch from Google Fonts: the page's
    /// theme names fonts every system has instead (with Chinese ones), so nothing is fetched and Chinese text renders.
    /// </summary>
    private const string FontStack =
        "system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', sans-serif";

    private const string MonospaceStack = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'Liberation Mono', monospace";

    private static readonly Lazy<byte[]> AsyncApiBytes = new(() => Resource("CreditFunctions.App.Contracts.asyncapi.json"));
    private static readonly Lazy<byte[]> ScriptBytes = new(() => Resource("CreditFunctions.App.Contracts.redoc.standalone.js"));
    private static readonly Lazy<byte[]> ScriptLicenseBytes = new(() => Resource("CreditFunctions.App.Contracts.redoc.standalone.js.LICENSE.txt"));
    private static readonly Lazy<byte[]> PageBytes = new(() => Encoding.UTF8.GetBytes(Page()));

    /// <summary>Contracts/asyncapi.json, byte for byte.</summary>
    public static ReadOnlyMemory<byte> AsyncApi => AsyncApiBytes.Value;

    /// <summary>Contracts/redoc.standalone.js, byte for byte (infra/contract-check checks it is the pinned redoc's).</summary>
    public static ReadOnlyMemory<byte> Script => ScriptBytes.Value;

    public static ReadOnlyMemory<byte> ScriptLicense => ScriptLicenseBytes.Value;

    public static ReadOnlyMemory<byte> PageHtml => PageBytes.Value;

    /// <summary>The docs page: the &lt;redoc&gt; element (spec-url, options, theme as attributes) and the bundle.</summary>
    private static string Page()
    {
        var theme = new JsonObject
        {
            ["typography"] = new JsonObject
            {
                ["fontFamily"] = FontStack,
                ["headings"] = new JsonObject { ["fontFamily"] = FontStack },
                ["code"] = new JsonObject { ["fontFamily"] = MonospaceStack },
            },
        }.ToJsonString();
        return $$"""
            <!doctype html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>CreditFunctions API 参考 / API reference</title>
            <style>body { margin: 0; }</style>
            </head>
            <body>
            <noscript>本页需要 JavaScript。接口说明见 <a href="{{OpenApiPath}}">{{OpenApiPath}}</a>。 / This page needs JavaScript; the API is described by <a href="{{OpenApiPath}}">{{OpenApiPath}}</a>.</noscript>
            <redoc spec-url="{{OpenApiPath}}" required-props-first="true" path-in-middle-panel="true" theme="{{WebUtility.HtmlEncode(theme)}}"></redoc>
            <script src="{{ScriptPath}}"></script>
            </body>
            </html>

            """;
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(Documents).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The app was built without its embedded document {name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
