using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CreditFunctions.SourceKeys;

/// <summary>
/// A unit's P-256 key pair with its kid (<c>{unit code}#{key name}</c>), for signing messages as that unit.
/// The pair comes from .NET's ECDsa (the platform's OpenSSL); signatures from Microsoft.IdentityModel.Tokens'
/// CryptoProviderFactory, the same library the app verifies with (ES256, 64-byte R||S).
/// </summary>
public sealed class SigningKey
{
    private static readonly CryptoProviderFactory Providers = new() { CacheSignatureProviders = false };

    private readonly JsonWebKey _private;
    private readonly SignatureProvider _signer;

    private SigningKey(string kid, string x, string y, string d)
    {
        Kid = kid;
        Unit = kid[..kid.IndexOf('#')];
        X = x;
        Y = y;
        _private = new JsonWebKey(PrivateJwkJson(kid, x, y, d));
        _signer = Providers.CreateForSigning(_private, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary><c>{unit code}#{key name}</c>.</summary>
    public string Kid { get; }

    /// <summary>The unit the key belongs to.</summary>
    public string Unit { get; }

    /// <summary>The public point's coordinates, base64url.</summary>
    public string X { get; }

    public string Y { get; }

    /// <summary>A new P-256 key pair for <paramref name="unit"/>, kid <c>{unit}#{keyName}</c>.</summary>
    public static SigningKey Generate(string unit, string keyName = "dev-1")
    {
        if (!IsUnitCode(unit))
        {
            throw new ArgumentException($"'{unit}' is not a unit code (no '#', '/', white space)", nameof(unit));
        }

        if (string.IsNullOrWhiteSpace(keyName) || keyName.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException($"'{keyName}' is not a key name", nameof(keyName));
        }

        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(includePrivateParameters: true);
        return new SigningKey($"{unit}#{keyName}", B64(p.Q.X!), B64(p.Q.Y!), B64(p.D!));
    }

    /// <summary>From a private JWK (<c>{unit}.private.jwk.json</c>): kty EC, crv P-256, x, y, d, kid.</summary>
    public static SigningKey FromPrivateJwk(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Member(string name) =>
            root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
                ? s
                : throw new FormatException($"the private JWK has no \"{name}\"");
        if (Member("kty") != "EC" || Member("crv") != "P-256")
        {
            throw new FormatException("the private JWK is not an EC P-256 key");
        }

        var kid = Member("kid");
        if (kid.IndexOf('#') <= 0)
        {
            throw new FormatException($"the kid \"{kid}\" is not {{unit code}}#{{key name}}");
        }

        return new SigningKey(kid, Member("x"), Member("y"), Member("d"));
    }

    /// <summary>A copy of this key pair under another kid (tests: the right key under a wrong name, or the reverse).</summary>
    public SigningKey WithKid(string kid) => new(kid, X, Y, _private.D);

    /// <summary>The ES256 signature (64 bytes, R||S) of <paramref name="signingInput"/>.</summary>
    public byte[] SignRaw(byte[] signingInput) => _signer.Sign(signingInput);

    /// <summary>The public JWK: kty, crv, x, y, kid, use sig, alg ES256.</summary>
    public string ToPublicJwkJson(bool indented = false) => Write(indented, includePrivate: false);

    /// <summary>The private JWK (adds d). Keep it out of every repository.</summary>
    public string ToPrivateJwkJson(bool indented = true) => Write(indented, includePrivate: true);

    internal static bool IsUnitCode(string unit) =>
        unit.Length > 0 && !unit.Any(c => c is '#' or '/' or '\\' || char.IsWhiteSpace(c) || char.IsControl(c)) && unit is not ("." or "..");

    private string Write(bool indented, bool includePrivate)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            WriteTo(writer, includePrivate);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    internal void WriteTo(Utf8JsonWriter writer, bool includePrivate)
    {
        writer.WriteStartObject();
        writer.WriteString("kty", "EC");
        writer.WriteString("crv", "P-256");
        writer.WriteString("x", X);
        writer.WriteString("y", Y);
        if (includePrivate)
        {
            writer.WriteString("d", _private.D);
        }

        writer.WriteString("kid", Kid);
        writer.WriteString("use", "sig");
        writer.WriteString("alg", "ES256");
        writer.WriteEndObject();
    }

    private static string PrivateJwkJson(string kid, string x, string y, string d) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["kty"] = "EC", ["crv"] = "P-256", ["x"] = x, ["y"] = y, ["d"] = d, ["kid"] = kid,
        });

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
