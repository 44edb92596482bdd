using CreditFunctions.App.Api;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Reports;

/// <summary>
/// Where the register's key comes from (bicep/README.md, "The register key"), read once, when first needed:
/// <list type="bullet">
/// <item><c>Reports__SigningKey</c>: the private key as PKCS#8 (PEM, or DER in base64). In Azure a Key Vault reference to
/// the secret <c>reports-signing-key</c>, resolved by App Service with the app's managed identity.</item>
/// <item><c>Reports__SigningKeyFile</c>: a file holding that PEM. <c>./infra/run</c> points it at
/// <c>.local/register-key/reports-signing-key.pem</c> (ignored by git); in local development (<c>Auth__LocalDevelopment</c>)
/// a missing file is made on first use, mode 600, like the source keys in <c>.local/source-keys</c>.</item>
/// <item>neither, in local development: a key made in memory for this process (reports it issued stop verifying when it
/// ends). Anywhere else the app runs, but issuing a report fails until the key is set.</item>
/// </list>
/// <c>Reports__PreviousKeys</c> is a JWK Set of public keys still published after a rotation.
/// </summary>
public sealed class ReportKeys
{
    public const string SigningKeySetting = "Reports:SigningKey";
    public const string SigningKeyFileSetting = "Reports:SigningKeyFile";
    public const string PreviousKeysSetting = "Reports:PreviousKeys";

    private readonly Lazy<ReportKeyRing> _ring;

    public ReportKeys(IConfiguration configuration, ILogger<ReportKeys> logger) =>
        _ring = new Lazy<ReportKeyRing>(() => Load(configuration, logger), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The keys (loaded on first use; a broken setting throws <see cref="ReportKeyException"/> every time).</summary>
    public ReportKeyRing Ring => _ring.Value;

    /// <summary>The key to sign with now.</summary>
    public ReportSigningKey Current => Ring.Current ?? throw new ReportKeyException(
        $"No register key: set {Env(SigningKeySetting)} (in Azure a Key Vault reference to reports-signing-key) or {Env(SigningKeyFileSetting)}; " +
        "credit reports cannot be signed without it.");

    /// <summary>Whether a key is configured at all (the start-up check says so when not).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[SigningKeySetting]) || !string.IsNullOrWhiteSpace(configuration[SigningKeyFileSetting]);

    private static ReportKeyRing Load(IConfiguration configuration, ILogger logger)
    {
        var local = bool.TryParse(configuration[AuthTrust.LocalDevelopmentKey]?.Trim(), out var flag) && flag;
        var previous = configuration[PreviousKeysSetting];
        if (configuration[SigningKeySetting] is { Length: > 0 } text && !string.IsNullOrWhiteSpace(text))
        {
            return ReportKeyRing.Of(ReportSigningKey.FromPkcs8(text, Env(SigningKeySetting)), previous, Env(SigningKeySetting));
        }

        if (configuration[SigningKeyFileSetting] is { Length: > 0 } path && !string.IsNullOrWhiteSpace(path))
        {
            return ReportKeyRing.Of(FromFile(Path.GetFullPath(path), local, logger), previous, $"{Env(SigningKeyFileSetting)} ({path})");
        }

        if (local)
        {
            logger.LogWarning(
                "No register key is configured ({Setting}); local development: credit reports are signed with a key made for this process only",
                Env(SigningKeySetting));
            return ReportKeyRing.Of(ReportSigningKey.Generate(out _), previous, "a key made in memory for this process (local development)");
        }

        return ReportKeyRing.Of(null, previous, "none configured");
    }

    private static ReportSigningKey FromFile(string path, bool local, ILogger logger)
    {
        if (File.Exists(path))
        {
            return ReportSigningKey.FromPkcs8(File.ReadAllText(path), $"{Env(SigningKeyFileSetting)} ({path})");
        }

        if (!local)
        {
            throw new ReportKeyException($"{Env(SigningKeyFileSetting)} names {path}, which does not exist (only local development makes one)");
        }

        var key = ReportSigningKey.Generate(out var pem);
        var directory = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // Through a temporary file and a rename, so another process never reads half a key; if one made it first, use its.
        var temporary = path + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(System.Text.Encoding.ASCII.GetBytes(pem + "\n"));
            }

            File.Move(temporary, path, overwrite: false);
            logger.LogInformation("Made a development register key in {Path} (kid {Kid})", path, key.Kid);
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            return ReportSigningKey.FromPkcs8(File.ReadAllText(path), $"{Env(SigningKeyFileSetting)} ({path})");
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    internal static string Env(string setting) => setting.Replace(":", "__", StringComparison.Ordinal);
}

/// <summary>
/// Loads the register key when the app starts, so a broken key or previous-key set stops it then, naming the setting; says
/// which key signs, or that none is configured (the rest of the register works; issuing a report does not).
/// </summary>
public sealed class ReportKeysStartupCheck(ReportKeys keys, ILogger<ReportKeysStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            var ring = keys.Ring;
            if (ring.Current is { } current)
            {
                logger.LogInformation("Credit reports are signed with kid {Kid} from {Origin}; {Count} key(s) published",
                    current.Kid, ring.Origin, ring.Published.Count);
            }
            else
            {
                logger.LogCritical("No register key ({Setting}): credit reports cannot be issued until it is set",
                    ReportKeys.Env(ReportKeys.SigningKeySetting));
            }
        }
        catch (ReportKeyException e)
        {
            logger.LogCritical("The register key is broken; the app will not start: {Problem}", e.Message);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
