using System.Collections.Frozen;

namespace CreditFunctions.App.Console;

/// <summary>
/// The console's files (Console/assets/, embedded in the assembly): the page template, the style sheet and the ES modules.
/// Read once; the module list is also what the OpenAPI document gives as the only values of <c>{module}</c>, and a test
/// checks it against the folder, so a module cannot be shipped without being served or served without being shipped.
/// </summary>
public static class ConsoleFiles
{
    public const string PagePath = "/api/console/";
    public const string StylesPath = "/api/console/console.css";

    /// <summary>Every script module the page may import, by file name (GET /api/console/{module}).</summary>
    public static readonly string[] Modules = ["app.js", "api.js", "dom.js", "text.js", "cases.js", "units.js", "admin.js", "signin.js"];

    private static readonly Lazy<FrozenDictionary<string, byte[]>> Scripts = new(() =>
        Modules.ToFrozenDictionary(m => m, Resource, StringComparer.Ordinal));

    private static readonly Lazy<byte[]> StylesBytes = new(() => Resource("console.css"));
    private static readonly Lazy<string> PageText = new(() => System.Text.Encoding.UTF8.GetString(Resource("index.html")));

    /// <summary>index.html with its placeholders (<see cref="ConsolePages"/> fills them per request).</summary>
    public static string PageTemplate => PageText.Value;

    public static ReadOnlyMemory<byte> Styles => StylesBytes.Value;

    /// <summary>The module's bytes; false for any name that is not one of <see cref="Modules"/> (no path is ever opened).</summary>
    public static bool TryScript(string? name, out ReadOnlyMemory<byte> content)
    {
        if (name is not null && Scripts.Value.TryGetValue(name, out var bytes))
        {
            content = bytes;
            return true;
        }

        content = default;
        return false;
    }

    private static byte[] Resource(string file)
    {
        var name = "CreditFunctions.App.Console.assets." + file;
        using var stream = typeof(ConsoleFiles).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The app was built without the console's file {file} ({name}).");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
