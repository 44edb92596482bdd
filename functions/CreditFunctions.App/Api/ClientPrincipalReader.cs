using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Api;

public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>
    /// Trust <c>X-MS-CLIENT-PRINCIPAL</c>. Only App Service authentication can set that header in Azure (it strips
    /// any a client sends), so the deployment sets this to true; locally ./infra/run sets it so a developer can
    /// act as any role. Anywhere else the header could be forged, so the default is false.
    /// </summary>
    public bool TrustClientPrincipal { get; set; }
}

/// <summary>Reads the caller from the base64 JSON App Service authentication passes in <c>X-MS-CLIENT-PRINCIPAL</c>.</summary>
public sealed class ClientPrincipalReader(IOptions<AuthOptions> options)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";
    private const string AzureRoleClaim = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role";

    /// <summary>The caller, or null when there is no trusted, well-formed identity (the API answers 401).</summary>
    public Caller? Read(HttpRequest request)
    {
        if (!options.Value.TrustClientPrincipal || !request.Headers.TryGetValue(Header, out var values) || values.Count != 1)
        {
            return null;
        }

        return Parse(values[0]);
    }

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
            if (!document.RootElement.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var roleType = document.RootElement.TryGetProperty("role_typ", out var rt) && rt.ValueKind == JsonValueKind.String ? rt.GetString() : null;
            var roles = new HashSet<string>(StringComparer.Ordinal);
            string? unit = null, subject = null, name = null;
            foreach (var claim in claims.EnumerateArray())
            {
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
                    default:
                        if (type == roleType)
                        {
                            roles.Add(value.Trim());
                        }

                        break;
                }
            }

            return roles.Count == 0 ? null : new Caller(roles, unit, subject, name);
        }
        catch (Exception e) when (e is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>Builds the header value; used by tests, the README's examples and the benchmarks.</summary>
    public static string Encode(string role, string? unit = null, string? subject = null)
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

        var json = $$"""{"auth_typ":"aad","claims":[{{string.Join(',', claims)}}]}""";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
