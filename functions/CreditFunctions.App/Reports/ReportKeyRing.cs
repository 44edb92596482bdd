using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CreditFunctions.App.Reports;

/// <summary>A register key that cannot be used; the message says which setting and why (never the key itself).</summary>
public sealed class ReportKeyException(string message) : Exception(message);

/// <summary>
/// The register's own signing key (ES256, P-256): the private key reports are signed with, and its public JWK with a
/// kid that is the key's RFC 7638 thumbprint (so a kid names exactly one key, and no setting has to name it).
/// </summary>
/// <remarks>
/// The JOSE library is the one the repository already uses for signed queue messages (Trust/, infra/SourceKeys):
/// Microsoft.IdentityModel.Tokens. Its CryptoProviderFactory makes the ES256 signature (IEEE P1363, 64-byte R||S, as
/// RFC 7518 §3.4 has it) and its JsonWebKey computes the thumbprint; the key itself comes from .NET's ECDsa (PKCS#8
/// import). Only the compact serialization's framing (base64url of header and payload, joined by '.') is written here.
/// The signer is made from a private JWK, so each pooled signer of the library has an ECDsa instance of its own:
/// signing is safe from any number of requests at once.
/// </remarks>
public sealed class ReportSigningKey
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256; // "ES256"

    // Our own factory, as Trust/SourceKeySet: no process-wide provider cache to share.
    private static readonly CryptoProviderFactory Providers = new() { CacheSignatureProviders = false };

    private readonly SignatureProvider _signer;
    private readonly string _protectedHeader;

    private ReportSigningKey(ECParameters parameters)
    {
        PublicKey = ReportKeyRing.PublicJwk(parameters.Q.X!, parameters.Q.Y!);
        Kid = PublicKey.Kid;
        var privateJwk = new JsonWebKey(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["x"] = PublicKey.X, ["y"] = PublicKey.Y,
            ["d"] = Base64UrlEncoder.Encode(parameters.D!), ["kid"] = Kid,
        }));
        _signer = Providers.CreateForSigning(privateJwk, Algorithm);
        _protectedHeader = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(
            JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = Algorithm, ["kid"] = Kid, ["typ"] = "JOSE" })));
    }

    /// <summary>The RFC 7638 thumbprint of the public key, base64url: the JWS header's kid.</summary>
    public string Kid { get; }

    /// <summary>The public half: kty EC, crv P-256, x, y, kid, use sig, alg ES256.</summary>
    public JsonWebKey PublicKey { get; }

    /// <summary>
    /// A key from PKCS#8: PEM text (<c>-----BEGIN PRIVATE KEY-----</c>, what <c>openssl genpkey</c> writes; an
    /// <c>EC PRIVATE KEY</c> PEM is taken too) or the DER bytes in base64 on one line (what an app setting holds best).
    /// Anything but an EC P-256 private key is refused.
    /// </summary>
    public static ReportSigningKey FromPkcs8(string text, string setting)
    {
        using var ec = ECDsa.Create();
        try
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                ec.ImportFromPem(trimmed);
            }
            else
            {
                ec.ImportPkcs8PrivateKey(Convert.FromBase64String(trimmed), out _);
            }
        }
        catch (Exception e) when (e is CryptographicException or FormatException or ArgumentException)
        {
            throw new ReportKeyException($"{setting} is not a PKCS#8 EC private key (PEM, or DER in base64): {e.GetType().Name}");
        }

        var parameters = ec.ExportParameters(includePrivateParameters: true);
        if (parameters.Curve.Oid?.Value != ECCurve.NamedCurves.nistP256.Oid.Value || parameters.D is null)
        {
            throw new ReportKeyException($"{setting} is not a P-256 private key (ES256 needs the curve P-256)");
        }

        return new ReportSigningKey(parameters);
    }

    /// <summary>A new P-256 key (a development key, or a test's).</summary>
    public static ReportSigningKey Generate(out string pkcs8Pem)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        pkcs8Pem = ec.ExportPkcs8PrivateKeyPem();
        return new ReportSigningKey(ec.ExportParameters(includePrivateParameters: true));
    }

    /// <summary>The payload (the report's UTF-8 JSON) as a JWS in the compact serialization (RFC 7515 §7.1).</summary>
    public string SignCompact(ReadOnlySpan<byte> payload)
    {
        var signingInput = _protectedHeader + "." + Base64UrlEncoder.Encode(payload.ToArray());
        var signature = _signer.Sign(Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }
}

/// <summary>
/// The register's keys: the one reports are signed with now (<see cref="Current"/>), and the public keys of earlier ones
/// that reports issued before a rotation were signed with (<see cref="Published"/> lists them all: GET /api/reports/keys).
/// Immutable once built.
/// </summary>
public sealed class ReportKeyRing
{
    private ReportKeyRing(ReportSigningKey? current, IReadOnlyList<JsonWebKey> published, string origin)
    {
        Current = current;
        Published = published;
        Origin = origin;
    }

    /// <summary>The key new reports are signed with; null when none is configured (issuing fails, see <see cref="Origin"/>).</summary>
    public ReportSigningKey? Current { get; }

    /// <summary>Every public key a report of this register may carry: the current one first, then the previous ones.</summary>
    public IReadOnlyList<JsonWebKey> Published { get; }

    /// <summary>Where the current key came from, for the start log (never the key).</summary>
    public string Origin { get; }

    public static ReportKeyRing Of(ReportSigningKey? current, string? previousKeysJson, string origin)
    {
        var published = new List<JsonWebKey>();
        if (current is not null)
        {
            published.Add(current.PublicKey);
        }

        foreach (var key in ParsePrevious(previousKeysJson))
        {
            if (!published.Any(p => p.Kid == key.Kid))
            {
                published.Add(key);
            }
        }

        return new ReportKeyRing(current, published, origin);
    }

    /// <summary>A public JWK of the P-256 point (x, y): kid its RFC 7638 thumbprint.</summary>
    internal static JsonWebKey PublicJwk(byte[] x, byte[] y)
    {
        var jwk = new JsonWebKey
        {
            Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve,
            Crv = JsonWebKeyECTypes.P256,
            X = Base64UrlEncoder.Encode(x),
            Y = Base64UrlEncoder.Encode(y),
            Use = "sig",
            Alg = ReportSigningKey.Algorithm,
        };
        jwk.Kid = Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint());
        return jwk;
    }

    /// <summary>
    /// <c>Reports__PreviousKeys</c>: a JWK Set of public keys (what GET /api/reports/keys served before a rotation). Each must be
    /// an EC P-256 public key with x and y on the curve and no private part; its kid is computed again from the point, so a
    /// hand-edited kid cannot name another key.
    /// </summary>
    private static IEnumerable<JsonWebKey> ParsePrevious(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            yield break;
        }

        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json);
        }
        catch (ArgumentException e)
        {
            throw new ReportKeyException($"{ReportKeys.PreviousKeysSetting} is not a JWK Set (RFC 7517 §5): {e.GetType().Name}");
        }

        var index = 0;
        foreach (var key in set.Keys)
        {
            var where = $"{ReportKeys.PreviousKeysSetting}: key {index++}";
            if (key.Kty != JsonWebAlgorithmsKeyTypes.EllipticCurve || key.Crv != JsonWebKeyECTypes.P256)
            {
                throw new ReportKeyException($"{where} is not an EC P-256 key");
            }

            if (!string.IsNullOrEmpty(key.D))
            {
                throw new ReportKeyException($"{where} holds a private key (\"d\"); previous keys are public keys only");
            }

            if (string.IsNullOrEmpty(key.X) || string.IsNullOrEmpty(key.Y)
                || !JsonWebKeyConverter.TryConvertToSecurityKey(key, out var converted) || converted is not ECDsaSecurityKey)
            {
                throw new ReportKeyException($"{where}: x and y are not a point of P-256");
            }

            yield return PublicJwk(Base64UrlEncoder.DecodeBytes(key.X), Base64UrlEncoder.DecodeBytes(key.Y));
        }
    }
}
