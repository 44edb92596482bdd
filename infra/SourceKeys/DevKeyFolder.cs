using System.Text;
using System.Text.Json;

namespace CreditFunctions.SourceKeys;

/// <summary>What <see cref="DevKeyFolder.Generate"/> did for one unit.</summary>
public enum GenerateOutcome
{
    /// <summary>A new key pair was written.</summary>
    Created,

    /// <summary>The unit already had both files.</summary>
    Skipped,

    /// <summary>The private key was there, the public file missing: the public file was written from it.</summary>
    PublicRestored,

    /// <summary>A public file without a private key: left alone (someone else's keys, or a hand-made set).</summary>
    PublicOnly,
}

/// <summary>
/// A folder of development keys, as <c>./infra/run</c> keeps in <c>.local/source-keys/</c> (ignored by git):
/// <c>{unit}.jwks.json</c>, the public JWK Set the app's registry reads, and <c>{unit}.private.jwk.json</c>
/// (mode 600), the private key that <c>infra/send</c> and tests sign with. The registry reads only the former.
/// </summary>
public static class DevKeyFolder
{
    public const string PublicSuffix = ".jwks.json";
    public const string PrivateSuffix = ".private.jwk.json";
    public const string DefaultKeyName = "dev-1";

    /// <summary>
    /// The units that submit messages (contract "Units"; the catalogue's data list): the Bureau, its enforcement corps,
    /// social insurance, employment, the 16 district bureaus, and the court feed. The credit center submits nothing.
    /// </summary>
    public static IReadOnlyList<string> DefaultUnits { get; } =
    [
        "SH-HRSS", "SH-HRSS-ENFORCEMENT", "SH-SOCIAL-INSURANCE", "SH-EMPLOYMENT",
        "SH-DISTRICT-PUDONG", "SH-DISTRICT-HUANGPU", "SH-DISTRICT-XUHUI", "SH-DISTRICT-CHANGNING",
        "SH-DISTRICT-JINGAN", "SH-DISTRICT-PUTUO", "SH-DISTRICT-HONGKOU", "SH-DISTRICT-YANGPU",
        "SH-DISTRICT-MINHANG", "SH-DISTRICT-BAOSHAN", "SH-DISTRICT-JIADING", "SH-DISTRICT-JINSHAN",
        "SH-DISTRICT-SONGJIANG", "SH-DISTRICT-QINGPU", "SH-DISTRICT-FENGXIAN", "SH-DISTRICT-CHONGMING",
        "court",
    ];

    public static string PublicPath(string directory, string unit) => Path.Combine(directory, unit + PublicSuffix);

    public static string PrivatePath(string directory, string unit) => Path.Combine(directory, unit + PrivateSuffix);

    /// <summary>
    /// Makes a key pair (kid <c>{unit}#{keyName}</c>) for each unit that has none in <paramref name="directory"/>
    /// (created, mode 700, if missing); units that have keys are skipped.
    /// </summary>
    public static IReadOnlyList<(string Unit, GenerateOutcome Outcome)> Generate(
        string directory, IEnumerable<string>? units = null, string keyName = DefaultKeyName)
    {
        var list = (units ?? DefaultUnits).ToList();
        foreach (var unit in list.Where(u => !SigningKey.IsUnitCode(u)))
        {
            throw new ArgumentException($"'{unit}' is not a unit code");
        }

        CreateDirectory(directory);
        var outcomes = new List<(string, GenerateOutcome)>();
        foreach (var unit in list.Distinct(StringComparer.Ordinal))
        {
            var publicPath = PublicPath(directory, unit);
            var privatePath = PrivatePath(directory, unit);
            var hasPublic = File.Exists(publicPath);
            if (File.Exists(privatePath))
            {
                if (!hasPublic)
                {
                    WriteAtomically(publicPath, MessageSigner.Jwks(LoadSigningKey(directory, unit)), privateFile: false);
                    outcomes.Add((unit, GenerateOutcome.PublicRestored));
                }
                else
                {
                    outcomes.Add((unit, GenerateOutcome.Skipped));
                }

                continue;
            }

            if (hasPublic)
            {
                outcomes.Add((unit, GenerateOutcome.PublicOnly));
                continue;
            }

            var key = SigningKey.Generate(unit, keyName);
            // The private key first: a public key whose private half is lost could never sign.
            WriteAtomically(privatePath, key.ToPrivateJwkJson() + "\n", privateFile: true);
            WriteAtomically(publicPath, MessageSigner.Jwks(key), privateFile: false);
            outcomes.Add((unit, GenerateOutcome.Created));
        }

        return outcomes;
    }

    /// <summary>The unit's private key from <c>{unit}.private.jwk.json</c>.</summary>
    public static SigningKey LoadSigningKey(string directory, string unit)
    {
        var path = PrivatePath(directory, unit);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"no private key for {unit} in {directory} ({Path.GetFileName(path)}); run `generate --dir {directory} --units {unit}`", path);
        }

        return SigningKey.FromPrivateJwk(File.ReadAllText(path));
    }

    /// <summary>
    /// The envelope (UTF-8 JSON bytes, signed exactly as given) as a flattened JWS, signed with the key of its
    /// <c>source</c> from <paramref name="directory"/>.
    /// </summary>
    /// <remarks>
    /// With <paramref name="generateMissing"/>, a unit of <see cref="DefaultUnits"/> that has no key at all in the
    /// folder gets one first (infra/send on a fresh machine); any other source without a key is an error.
    /// </remarks>
    public static string SignEnvelope(string directory, byte[] envelope, bool generateMissing = false) =>
        SignEnvelope(directory, envelope, generateMissing, out _);

    /// <summary>As <see cref="SignEnvelope(string, byte[], bool)"/>, also giving the kid signed with.</summary>
    public static string SignEnvelope(string directory, byte[] envelope, bool generateMissing, out string kid)
    {
        string source;
        try
        {
            using var document = JsonDocument.Parse(envelope);
            source = document.RootElement.ValueKind == JsonValueKind.Object
                     && document.RootElement.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()!
                : throw new UnsignableEnvelopeException("the envelope has no \"source\" (a string) to sign as");
        }
        catch (JsonException e)
        {
            throw new UnsignableEnvelopeException($"the envelope is not JSON ({e.Message}); nothing to sign as", e);
        }

        if (!SigningKey.IsUnitCode(source))
        {
            throw new UnsignableEnvelopeException($"the envelope's source '{source}' is not a unit code");
        }

        if (generateMissing && DefaultUnits.Contains(source) && !File.Exists(PrivatePath(directory, source)) && !File.Exists(PublicPath(directory, source)))
        {
            Generate(directory, [source]);
        }

        var key = LoadSigningKey(directory, source);
        kid = key.Kid;
        return MessageSigner.Sign(key, envelope);
    }

    private static void CreateDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>
    /// Writes through a temporary file (not matching <c>*.jwks.json</c>) and a rename, so a registry watching the
    /// folder never reads half a file. A private file is created with mode 600 from the start.
    /// </summary>
    private static void WriteAtomically(string path, string content, bool privateFile)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = privateFile
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}

/// <summary>The envelope names no unit to sign as: not JSON, no <c>source</c>, or a source that is no unit code.</summary>
public sealed class UnsignableEnvelopeException(string message, Exception? inner = null) : FormatException(message, inner);
