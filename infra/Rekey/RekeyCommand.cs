using System.Text.Json;
using Azure;
using CreditFunctions.App;
using CreditFunctions.App.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.Rekey;

/// <summary>
/// The command line of the re-keying migration (<see cref="RekeyOptions.Usage"/>): reads both keys, connects to the
/// app's storage as the app does (<see cref="CreditStorage"/>), runs <see cref="RekeyRun"/>, prints the report as JSON on
/// standard output and what it does on standard error.
/// </summary>
public static class RekeyCommand
{
    /// <param name="readSecret">Reads a Key Vault secret (default: <see cref="KeyLoader.ReadKeyVaultSecretAsync"/>).</param>
    /// <param name="environment">Settings as the app's environment would give them (default: the process environment).</param>
    /// <param name="configure">Services to replace (tests: a clock).</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken,
        SecretReader? readSecret = null, IConfiguration? environment = null, Action<IServiceCollection>? configure = null)
    {
        if (args.Count == 1 && args[0] is "-h" or "--help" or "help")
        {
            await output.WriteLineAsync(RekeyOptions.Usage);
            return 0;
        }

        try
        {
            var options = RekeyOptions.Parse(args);
            var secrets = readSecret ?? KeyLoader.ReadKeyVaultSecretAsync;
            var oldKey = await KeyLoader.LoadAsync(options.OldKey, secrets, cancellationToken);
            var newKey = await KeyLoader.LoadAsync(options.NewKey, secrets, cancellationToken);
            await using var services = Services(options, newKey, environment ?? new ConfigurationBuilder().AddEnvironmentVariables().Build(), configure);
            RekeyReport report;
            try
            {
                report = await new RekeyRun(services, error).RunAsync(options, oldKey, newKey, cancellationToken);
            }
            catch (RequestFailedException e)
            {
                throw new RekeyFailure(RekeyFailure.Codes.StorageFailed,
                    $"存储请求失败（{e.Status} {e.ErrorCode}）：再运行一次即可从中断处继续",
                    $"a storage request failed ({e.Status} {e.ErrorCode}): run again to go on from where it stopped. {e.Message.Split('\n')[0]}",
                    RekeyFailure.Failed);
            }

            var json = JsonSerializer.Serialize(report, RekeyJson.Default.RekeyReport);
            await output.WriteLineAsync(json);
            if (options.ReportPath is { } path)
            {
                await File.WriteAllTextAsync(path, json + "\n", cancellationToken);
            }

            if (report.Outcome == "failed")
            {
                await error.WriteLineAsync($"rekey: error {report.Error}");
                return RekeyFailure.Failed;
            }

            if (report.Outcome == "done")
            {
                await error.WriteLineAsync(
                    "rekey: done. Next: make the new key the current version of pseudonym-key, then start the app (bicep/README.md, \"Re-keying\").");
            }

            return 0;
        }
        catch (RekeyFailure failure)
        {
            await error.WriteLineAsync($"rekey: error {failure.Code}: {failure.Zh} / {failure.En}");
            if (failure.ExitCode == RekeyFailure.Usage)
            {
                await error.WriteLineAsync(RekeyOptions.Usage);
            }

            return failure.ExitCode;
        }
    }

    /// <summary>The app's storage and table owners, configured as the app is, with the new key as its pseudonym key.</summary>
    private static ServiceProvider Services(RekeyOptions options, string newKey, IConfiguration environment, Action<IServiceCollection>? configure)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            [SubjectKeys.KeySetting] = newKey,
        };
        var storage = options.Storage;
        if (storage is null)
        {
            foreach (var (key, value) in environment.GetSection(CreditStorage.SettingName).AsEnumerable())
            {
                settings[key] = value;
            }

            if (string.IsNullOrWhiteSpace(environment[CreditStorage.SettingName]) && string.IsNullOrWhiteSpace(environment[$"{CreditStorage.SettingName}:tableServiceUri"]))
            {
                throw new RekeyFailure(RekeyFailure.Codes.StorageNotConfigured,
                    "未指定存储：用 --storage 给出连接字符串或表服务地址，或设置应用的 CreditStorage / CreditStorage__tableServiceUri",
                    "no storage given: pass --storage with a connection string or the table service URI, or set the app's CreditStorage / CreditStorage__tableServiceUri",
                    RekeyFailure.Usage);
            }
        }
        else if (storage.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            var table = new Uri(storage);
            if (!table.Host.Contains(".table.", StringComparison.OrdinalIgnoreCase))
            {
                throw RekeyFailure.BadUsage(
                    $"--storage 的地址应为表服务地址 https://<account>.table.<suffix>，而不是 {storage}",
                    $"--storage as a URI must be the table service, https://<account>.table.<suffix>, not {storage}");
            }

            settings[$"{CreditStorage.SettingName}:tableServiceUri"] = storage;
            settings[$"{CreditStorage.SettingName}:queueServiceUri"] = storage.Replace(".table.", ".queue.", StringComparison.OrdinalIgnoreCase);
            settings[$"{CreditStorage.SettingName}:blobServiceUri"] = storage.Replace(".table.", ".blob.", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            settings[CreditStorage.SettingName] = storage;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddCreditStorage();
        services.AddObjectionsAndRepairs();
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }
}
