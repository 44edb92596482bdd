using System.Text.RegularExpressions;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// Takes personal ID numbers out of any text bound for telemetry (docs/operations.md, "What is scrubbed"):
/// <list type="number">
/// <item>a path of this app's HTTP API (<c>/api/subjects/110101199003074477/credit</c>) becomes its route template
/// (<c>/api/subjects/{id}/credit</c>), from the one route table, <see cref="ApiRoutes.All"/>;</item>
/// <item>anything left that has the shape of an 18-character resident ID number (GB 11643-1999: 17 digits and a digit
/// or X) becomes its masked form, <c>110101********4477</c>, the form the register shows anyone but the person.</item>
/// </list>
/// </summary>
/// <remarks>
/// The shape is enough, the check character is not asked for: a number typed with one digit wrong is still that
/// person's. The price is that an unrelated 18-digit number (a tick count) is masked too, which telemetry can bear.
/// A longer run of digits is not an ID number and is left alone. USCCs name organisations and stay as they are.
/// </remarks>
public static partial class IdNumberScrubber
{
    private const int ShownPrefix = 6;
    private const int ShownSuffix = 4;

    private static readonly RouteTemplate[] Templates =
        ApiRoutes.All.Select(r => r.Path).Distinct(StringComparer.Ordinal)
            .Where(p => p.Contains('{', StringComparison.Ordinal))
            .Select(p => new RouteTemplate(p, p.Split('/')))
            .ToArray();

    /// <summary>True when <paramref name="text"/> holds something this class would change.</summary>
    public static bool NeedsScrubbing(string? text) =>
        !string.IsNullOrEmpty(text) && (IdShape().IsMatch(text) || (text.Contains("/api/", StringComparison.Ordinal) && ApiPath().IsMatch(text)));

    /// <summary>The text with API paths turned into their templates and ID numbers masked; the same instance when clean.</summary>
    public static string? Scrub(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var result = text;
        if (result.Contains("/api/", StringComparison.Ordinal))
        {
            result = ApiPath().Replace(result, m => "/api/" + Template(m.Groups["path"].Value));
        }

        return IdShape().Replace(result, m => Mask(m.Value));
    }

    /// <summary>A URL with its path templated and ID numbers masked anywhere in it (path, query, fragment).</summary>
    public static Uri? Scrub(Uri? url)
    {
        if (url is null)
        {
            return null;
        }

        var text = url.IsAbsoluteUri ? url.AbsoluteUri : url.OriginalString;
        // AbsoluteUri escapes nothing an ID number is made of, so the scrub sees the digits as the request had them.
        var scrubbed = Scrub(Uri.UnescapeDataString(text))!;
        return string.Equals(scrubbed, Uri.UnescapeDataString(text), StringComparison.Ordinal)
            ? url
            : new Uri(scrubbed, UriKind.RelativeOrAbsolute);
    }

    /// <summary><c>110101********4477</c>: the first 6 and last 4 characters of an ID-shaped run, as SubjectId.Masked shows them.</summary>
    public static string Mask(string idShaped) =>
        string.Create(idShaped.Length, idShaped, static (chars, value) =>
        {
            value.AsSpan(0, ShownPrefix).CopyTo(chars);
            chars[ShownPrefix..^ShownSuffix].Fill('*');
            value.AsSpan(value.Length - ShownSuffix).CopyTo(chars[^ShownSuffix..]);
        });

    /// <summary>The route template of an API path (without the <c>/api/</c> prefix), or the path itself when no route has its shape.</summary>
    public static string Template(string path)
    {
        var query = path.IndexOfAny(['?', '#']);
        var (route, rest) = query < 0 ? (path, "") : (path[..query], path[query..]);
        var segments = route.Split('/');
        foreach (var template in Templates)
        {
            if (template.Matches(segments))
            {
                return template.Path + rest;
            }
        }

        return path;
    }

    /// <summary>
    /// 17 digits and a digit or X, not inside a longer run of digits. A percent-escape just before it counts as a boundary:
    /// in a storage request's URL an ID number comes after <c>%27</c> (a quote) or <c>%20</c> (a space), whose last
    /// character is a digit.
    /// </summary>
    [GeneratedRegex(@"(?<=^|[^0-9]|%[0-9A-Fa-f]{2})[0-9]{17}[0-9Xx](?![0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex IdShape();

    /// <summary>An API path up to the first character that cannot be in one (white space, quotes, brackets).</summary>
    [GeneratedRegex(@"/api/(?<path>[^\s""'<>()\[\]]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ApiPath();

    private sealed record RouteTemplate(string Path, string[] Segments)
    {
        public bool Matches(string[] segments)
        {
            if (segments.Length != Segments.Length)
            {
                return false;
            }

            for (var i = 0; i < segments.Length; i++)
            {
                var expected = Segments[i];
                var isParameter = expected.StartsWith('{') && expected.EndsWith('}');
                if (isParameter ? segments[i].Length == 0 : !string.Equals(expected, segments[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
