using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace CreditFunctions.App.Trust;

/// <summary>A key file (or files) that cannot be used; <see cref="Problems"/> has one line per problem, each naming its file.</summary>
public sealed class SourceKeyLoadException(IReadOnlyList<string> problems)
    : Exception("The source key registry cannot be loaded:\n" + string.Join("\n", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// One unit's public key, ready to verify ES256 signatures. Built only by <see cref="SourceKeySet.Parse"/>, from a key
/// that passed every check (EC, P-256, a valid point, no private part, kid of its file's unit).
/// </summary>
public sealed class SourceKey
{
    private readonly SignatureProvider _verifier;

    internal SourceKey(string kid, string unit, string file, JsonWebKey key, SignatureProvider verifier)
    {
        Kid = kid;
        Unit = unit;
        File = file;
        Key = key;
        _verifier = verifier;
    }

    /// <summary><c>{unit code}#{key name}</c>.</summary>
    public string Kid { get; }

    /// <summary>The unit whose file holds the key (the part of <see cref="Kid"/> before '#').</summary>
    public string Unit { get; }

    /// <summary>The key file's name, as given to <see cref="SourceKeySet.Parse"/> (for logs).</summary>
    public string File { get; }

    /// <summary>The public JWK as the library parsed it (x, y, crv); never has a private part.</summary>
    public JsonWebKey Key { get; }

    /// <summary>
    /// Whether <paramref name="signature"/> (64 bytes, R||S as RFC 7518 §3.4 has it) is an ES256 signature of
    /// <paramref name="signingInput"/> by this key. The library's AsymmetricSignatureProvider does the work; it is
    /// thread-safe (it keeps a pool of ECDsa instances of its own).
    /// </summary>
    public bool Verify(byte[] signingInput, byte[] signature) =>
        signature.Length == SourceKeySet.Es256SignatureBytes && _verifier.Verify(signingInput, signature);
}

/// <summary>
/// An immutable set of the units' public keys (contract v2 "Key registry": one JWK Set per unit, <c>{unit}.jwks.json</c>).
/// Built from (name, JSON) pairs so the files may come from a folder (<see cref="SourceKeyRegistry"/>) or anywhere else
/// (a blob container, a test). A set is never changed after it is built: a reload builds a new one.
/// </summary>
/// <remarks>
/// Library choice: Microsoft.IdentityModel.Tokens (Microsoft's, the stack behind ASP.NET Core's JWT bearer and Entra
/// token validation, kept in step with .NET). Its <see cref="JsonWebKey"/> parses RFC 7517 keys, its
/// <see cref="JsonWebKeyConverter"/> turns an EC JWK into a key and refuses a point that is not on the curve, and its
/// <see cref="CryptoProviderFactory"/> verifies ES256 over any signing input in the JWS (IEEE P1363, 64-byte R||S)
/// form, so a flattened JWS can be verified exactly as received, without rebuilding a compact token. Neither served
/// candidate reads the flattened JSON serialization itself (jose-jwt 5.3 does JWE JSON only, JWS compact only; its
/// Decode family also takes "none" unless told otherwise), so the three base64url parts and the protected header are
/// read here, and the library does the key conversion and the signature check. The library would verify an ES256
/// signature with a P-384 key, so the curve is checked here, at load.
/// </remarks>
public sealed class SourceKeySet
{
    /// <summary>A file of the registry: <c>{unit code}.jwks.json</c>.</summary>
    public const string FileSuffix = ".jwks.json";

    /// <summary>The only algorithm of contract v2.</summary>
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256; // "ES256"

    internal const int Es256SignatureBytes = 64;

    // Our own factory: no process-wide provider cache to share or to be cleared under us; each key's provider lives
    // as long as the set that holds it.
    private static readonly CryptoProviderFactory Providers = new() { CacheSignatureProviders = false };

    private readonly FrozenDictionary<string, SourceKey> _byKid;
    private readonly FrozenDictionary<string, SourceKey[]> _byUnit;

    private SourceKeySet(IReadOnlyList<SourceKey> keys, IReadOnlyList<string> files, string fingerprint)
    {
        Keys = keys;
        Files = files;
        Fingerprint = fingerprint;
        _byKid = keys.ToFrozenDictionary(k => k.Kid, StringComparer.Ordinal);
        _byUnit = keys.GroupBy(k => k.Unit, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>No keys: every signed message is refused.</summary>
    public static SourceKeySet Empty { get; } = new([], [], Hex(SHA256.HashData([])));

    /// <summary>Every key, in file order then key order.</summary>
    public IReadOnlyList<SourceKey> Keys { get; }

    /// <summary>The names of the files the set was built from, sorted.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>The units that have at least one key, sorted.</summary>
    public IReadOnlyList<string> Units => [.. _byUnit.Keys.Order(StringComparer.Ordinal)];

    /// <summary>SHA-256 (hex) over the files' names and contents: equal fingerprints, equal sets.</summary>
    public string Fingerprint { get; }

    /// <summary>The key with this kid, or null.</summary>
    public SourceKey? Find(string kid) => _byKid.GetValueOrDefault(kid);

    /// <summary>The unit's keys (none when it has no file).</summary>
    public IReadOnlyList<SourceKey> KeysOf(string unit) => _byUnit.TryGetValue(unit, out var keys) ? keys : [];

    /// <summary>The unit code a registry file's name stands for (<c>SH-HRSS.jwks.json</c> → <c>SH-HRSS</c>), or null.</summary>
    public static string? UnitOfFile(string name)
    {
        var file = Path.GetFileName(name);
        return file.EndsWith(FileSuffix, StringComparison.Ordinal) && file.Length > FileSuffix.Length
            ? file[..^FileSuffix.Length]
            : null;
    }

    /// <summary>
    /// Builds a set from key files: <paramref name="files"/> are (name, JSON) pairs, the name's last segment being
    /// <c>{unit code}.jwks.json</c>. Every file is checked, and a <see cref="SourceKeyLoadException"/> lists every
    /// problem, each naming its file: bad JSON, not a JWK Set, a key that is not EC P-256 (or has a private part,
    /// or an <c>alg</c> other than ES256, or a <c>use</c> other than sig), a kid that does not start with the file's
    /// unit code and '#', a kid twice, a unit's file twice.
    /// </summary>
    public static SourceKeySet Parse(IEnumerable<(string Name, string Json)> files) =>
        TryParse(files, out var set, out var problems) ? set : throw new SourceKeyLoadException(problems);

    /// <summary>As <see cref="Parse"/>, without throwing.</summary>
    public static bool TryParse(IEnumerable<(string Name, string Json)> files, out SourceKeySet set, out IReadOnlyList<string> problems)
    {
        var found = new List<string>();
        var keys = new List<SourceKey>();
        var kids = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        var sorted = files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
        using var fingerprint = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        foreach (var (name, json) in sorted)
        {
            AppendFramed(fingerprint, name);
            AppendFramed(fingerprint, json);

            var unit = UnitOfFile(name);
            if (unit is null || unit.Contains('#') || unit.Trim() != unit)
            {
                found.Add($"{name}: a key file is named {{unit code}}{FileSuffix}");
                continue;
            }

            if (units.TryGetValue(unit, out var earlier))
            {
                found.Add($"{name}: unit {unit} already has a key file ({earlier})");
                continue;
            }

            units[unit] = name;
            ParseFile(name, unit, json, keys, kids, found);
        }

        problems = found;
        set = found.Count == 0
            ? new SourceKeySet(keys, [.. sorted.Select(f => f.Name)], Hex(fingerprint.GetHashAndReset()))
            : Empty;
        return found.Count == 0;
    }

    private static void ParseFile(string name, string unit, string json, List<SourceKey> keys, Dictionary<string, string> kids, List<string> problems)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            problems.Add($"{name}: not valid JSON ({e.Message})");
            return;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                problems.Add($"{name}: not a JWK Set (an object with a \"keys\" array, RFC 7517 §5)");
                return;
            }

            var index = 0;
            foreach (var element in array.EnumerateArray())
            {
                var where = $"{name}: key {index++}";
                if (ParseKey(where, unit, element, problems) is not { } key)
                {
                    continue;
                }

                if (kids.TryGetValue(key.Kid, out var other))
                {
                    problems.Add($"{where}: kid \"{key.Kid}\" is also in {other}");
                    continue;
                }

                kids[key.Kid] = name;
                keys.Add(new SourceKey(key.Kid, unit, name, key.Jwk, key.Verifier));
            }
        }
    }

    private static (string Kid, JsonWebKey Jwk, SignatureProvider Verifier)? ParseKey(string where, string unit, JsonElement element, List<string> problems)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            problems.Add($"{where}: not a JSON object");
            return null;
        }

        var before = problems.Count;
        var kid = String(element, "kid");
        if (kid is null)
        {
            problems.Add($"{where}: no kid (expected \"{unit}#{{key name}}\")");
        }
        else if (!kid.StartsWith(unit + "#", StringComparison.Ordinal) || kid.Length == unit.Length + 1)
        {
            problems.Add($"{where}: kid \"{kid}\" does not start with the file's unit code and '#' (\"{unit}#{{key name}}\")");
        }

        var label = kid is null ? where : $"{where} ({kid})";
        if (String(element, "kty") != JsonWebAlgorithmsKeyTypes.EllipticCurve)
        {
            problems.Add($"{label}: kty is {Shown(element, "kty")}, not \"EC\" (keys are P-256 EC public keys)");
        }
        else if (String(element, "crv") != JsonWebKeyECTypes.P256)
        {
            problems.Add($"{label}: crv is {Shown(element, "crv")}, not \"P-256\"");
        }

        if (element.TryGetProperty("d", out _))
        {
            problems.Add($"{label}: holds a private key (\"d\"); a key file has public keys only");
        }

        if (element.TryGetProperty("alg", out _) && String(element, "alg") != Algorithm)
        {
            problems.Add($"{label}: alg is {Shown(element, "alg")}, not \"ES256\"");
        }

        if (element.TryGetProperty("use", out _) && String(element, "use") != "sig")
        {
            problems.Add($"{label}: use is {Shown(element, "use")}, not \"sig\"");
        }

        if (problems.Count > before)
        {
            return null;
        }

        JsonWebKey jwk;
        try
        {
            jwk = new JsonWebKey(element.GetRawText());
        }
        catch (ArgumentException)
        {
            // The library hides the offending text (PII); say what it is about.
            problems.Add($"{label}: not a JWK the library can read (a member has the wrong JSON type)");
            return null;
        }

        if (string.IsNullOrEmpty(jwk.X) || string.IsNullOrEmpty(jwk.Y)
            || !JsonWebKeyConverter.TryConvertToSecurityKey(jwk, out var converted) || converted is not ECDsaSecurityKey)
        {
            problems.Add($"{label}: x and y are not a point of P-256");
            return null;
        }

        SignatureProvider verifier;
        try
        {
            // From the JWK itself: each pooled verifier of the provider then has an ECDsa instance of its own.
            verifier = Providers.CreateForVerifying(jwk, Algorithm);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or CryptographicException)
        {
            problems.Add($"{label}: cannot verify ES256 with this key ({e.GetType().Name})");
            return null;
        }

        return (kid!, jwk, verifier);
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shown(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.GetRawText() : "missing";

    private static void AppendFramed(IncrementalHash hash, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Span<byte> length = stackalloc byte[8];
        BitConverter.TryWriteBytes(length, (long)bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }

    internal static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
