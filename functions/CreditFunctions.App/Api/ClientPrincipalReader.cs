using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.Api;

/// <summary>
/// Whether the app may believe <c>X-MS-CLIENT-PRINCIPAL</c> (docs/http-api.md, "Who is calling"). Only App Service
/// authentication can set that header in Azure (it strips any a client sends), so the app trusts it only when that
/// authentication is on (<c>WEBSITE_AUTH_ENABLED</c>, set by the platform) or when <c>./infra/run</c> or a test says it is
/// local development (<c>Auth__LocalDevelopment</c>); and only while <c>Auth__TrustClientPrincipal</c> is true (the
/// deployment sets it). Anywhere else the header could be forged: every protected route answers 401. The settings are
/// read strictly once: a value that is not true or false stops the app at start (<see cref="AuthStartupCheck"/>).
/// </summary>
public sealed class AuthTrust
{
    public const string TrustKey = "Auth:TrustClientPrincipal";
    public const string LocalDevelopmentKey = "Auth:LocalDevelopment";
    public const string AppServiceAuthKey = "WEBSITE_AUTH_ENABLED";

    public AuthTrust(IConfiguration configuration)
    {
        var problems = new List<string>();
        var trust = Flag(configuration, TrustKey, problems);
        var local = Flag(configuration, LocalDevelopmentKey, problems);
        var appService = string.Equals(configuration[AppServiceAuthKey], "true", StringComparison.OrdinalIgnoreCase);
        Problems = problems;
        Trusted = problems.Count == 0 && trust && (appService || local);
        AppServiceAuthentication = Trusted && appService;
        LocalDevelopment = Trusted && !appService && local;
        Why = problems.Count > 0 ? "the settings are invalid: " + string.Join("; ", problems)
            : !trust ? $"{TrustKey} (env Auth__TrustClientPrincipal) is not true"
            : appService ? "App Service authentication is on (WEBSITE_AUTH_ENABLED)"
            : local ? "local development (Auth__LocalDevelopment=true): any caller can act as any role"
            : "App Service authentication is off (WEBSITE_AUTH_ENABLED is not True) and this is not local development";
    }

    /// <summary>The header is believed.</summary>
    public bool Trusted { get; }

    /// <summary>Believed because App Service authentication set it: officials sign in there (the console redirects to it).</summary>
    public bool AppServiceAuthentication { get; }

    /// <summary>
    /// Believed because this is local development and nothing signs anyone in: the console offers its development
    /// sign-in and sends the header itself. False whenever App Service authentication is on, whatever else is set.
    /// </summary>
    public bool LocalDevelopment { get; }

    /// <summary>Why, in one sentence for the start log.</summary>
    public string Why { get; }

    /// <summary>Settings that are not true or false (the app refuses to start).</summary>
    public IReadOnlyList<string> Problems { get; }

    private static bool Flag(IConfiguration configuration, string key, List<string> problems)
    {
        var value = configuration[key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }

        problems.Add($"{key} (env {key.Replace(":", "__", StringComparison.Ordinal)}) is '{value}', expected true or false");
        return false;
    }
}

/// <summary>Reads the caller from the base64 JSON App Service authentication passes in <c>X-MS-CLIENT-PRINCIPAL</c>.</summary>
public sealed class ClientPrincipalReader(AuthTrust trust)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    private const string AzureRoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>The caller, or null when there is no trusted, well-formed identity (the API answers 401).</summary>
    public Caller? Read(HttpRequest request)
    {
        if (!trust.Trusted || !request.Headers.TryGetValue(Header, out var values) || values.Count != 1)
        {
            return null;
        }

        return Parse(values[0]);
    }

    /// <summary>The caller a header names; null for anything that is not the documented shape (never an exception).</summary>
    public static Caller? Parse(string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 16 * 1024)
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(header));
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            // JSON that is not an object (an array, a string, a number, null) is no principal.
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var roleType = root.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            var roles = new HashSet<string>(StringComparer.Ordinal);
            string? unit = null, subject = null, name = null, objectId = null;
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var type = claim.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
                var value = claim.TryGetProperty("val", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                if (type is null || string.IsNullOrWhiteSpace(value))
                {
                    continue;
                }

                switch (type)
                {
                    case "roles" or "role" or AzureRoleClaim:
                        roles.Add(value.Trim());
                        break;
                    case "unit":
                        unit = value.Trim();
                        break;
                    case "subject":
                        subject = value.Trim().ToUpperInvariant();
                        break;
                    case "name":
                        name = value;
                        break;
                    case "oid" or ObjectIdClaim:
                        objectId = value.Trim();
                        break;
                    default:
                        if (type == roleType)
                        {
                            roles.Add(value.Trim());
                        }

                        break;
                }
            }

            // A partner app is known by its Entra object id (contract v2 "Which partner is calling"): without one it is nobody.
            if (roles.Count == 0 || (roles.Contains(Roles.Partner) && objectId is null))
            {
                return null;
            }

            return new Caller(roles, unit, subject, name) { ObjectId = objectId };
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The Entra object id of the calling app or user (contract v2 "Which partner is calling").</summary>
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    /// <summary>Builds the header value; used by tests, the README's examples and the benchmarks.</summary>
    public static string Encode(string role, string? unit = null, string? subject = null, string? objectId = null, string? name = null)
    {
        var claims = new List<string> { $$"""{"typ":"roles","val":"{{role}}"}""" };
        if (unit is not null)
        {
            claims.Add($$"""{"typ":"unit","val":"{{unit}}"}""");
        }

        if (subject is not null)
        {
            claims.Add($$"""{"typ":"subject","val":"{{subject}}"}""");
        }

        if (objectId is not null)
        {
            claims.Add($$"""{"typ":"{{ObjectIdClaim}}","val":"{{objectId}}"}""");
        }

        if (name is not null)
        {
            claims.Add($$"""{"typ":"name","val":"{{name}}"}""");
        }

        var json = $$"""{"auth_typ":"aad","claims":[{{string.Join(',', claims)}}]}""";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
