namespace CreditFunctions.Rekey;

/// <summary>The command line, parsed.</summary>
/// <param name="Storage">A connection string or a table service URI; null: the app's own settings from the environment.</param>
public sealed record RekeyOptions(KeySource OldKey, KeySource NewKey, string? Storage, bool DryRun, string? ReportPath)
{
    public const string Usage = """
        usage: dotnet run --project infra/Rekey -- OLD NEW [--storage S] [--dry-run] [--report FILE]
          OLD  the key the register is written with: --old-key-uri URI | --old-key-file PATH | --old-key VALUE
          NEW  the key to move to:                   --new-key-uri URI | --new-key-file PATH | --new-key VALUE
               URI: a Key Vault secret version, https://<vault>.vault.azure.cn/secrets/<name>/<version>
               (signed in with az login, the environment, or a managed identity)
          --storage S  a connection string (UseDevelopmentStorage=true for the local Azurite) or the table service
                       URI https://<account>.table.core.chinacloudapi.cn; default: the app's own settings,
                       CreditStorage or CreditStorage__tableServiceUri and __queueServiceUri
          --dry-run    counts what would move; writes nothing
          --report F   also writes the JSON report (printed on standard output) to F
        The app must be stopped while it runs (bicep/README.md, "Re-keying"). A run cut short is finished by running
        it again with the same keys. Exit 0 done, 1 failed (run again once fixed), 2 bad usage, 3 refused.
        """;

    public static RekeyOptions Parse(IReadOnlyList<string> args)
    {
        KeySource? oldKey = null, newKey = null;
        string? storage = null, report = null;
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--dry-run":
                    dryRun = true;
                    continue;
                case "--old-key" or "--old-key-file" or "--old-key-uri" or "--new-key" or "--new-key-file" or "--new-key-uri" or "--storage" or "--report":
                    if (i + 1 >= args.Count)
                    {
                        throw RekeyFailure.BadUsage($"{arg} 需要一个值", $"{arg} needs a value");
                    }

                    var value = args[++i];
                    var side = arg.StartsWith("--old", StringComparison.Ordinal) ? "old" : "new";
                    KeySource? source = arg switch
                    {
                        "--old-key" or "--new-key" => new KeySource.Value(side, value),
                        "--old-key-file" or "--new-key-file" => new KeySource.File(side, value),
                        "--old-key-uri" or "--new-key-uri" => new KeySource.Secret(side, SecretUri(arg, value)),
                        _ => null,
                    };
                    if (source is null)
                    {
                        if (arg == "--storage")
                        {
                            storage = value;
                        }
                        else
                        {
                            report = value;
                        }
                    }
                    else if (side == "old")
                    {
                        oldKey = oldKey is null ? source : throw Twice("旧", "old");
                    }
                    else
                    {
                        newKey = newKey is null ? source : throw Twice("新", "new");
                    }

                    continue;
                default:
                    throw RekeyFailure.BadUsage($"未知参数 {arg}", $"unknown argument {arg}");
            }
        }

        if (oldKey is null || newKey is null)
        {
            throw RekeyFailure.BadUsage(
                "需要旧密钥与新密钥（--old-key-uri/--old-key-file/--old-key 与 --new-key-uri/--new-key-file/--new-key 各一个）",
                "both keys are needed: one of --old-key-uri/--old-key-file/--old-key and one of --new-key-uri/--new-key-file/--new-key");
        }

        return new RekeyOptions(oldKey, newKey, storage, dryRun, report);
    }

    private static Uri SecretUri(string option, string value)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps
            && uri.AbsolutePath.StartsWith("/secrets/", StringComparison.Ordinal) && uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Length is 2 or 3)
        {
            return uri;
        }

        throw RekeyFailure.BadUsage(
            $"{option} 应为 Key Vault 机密的地址 https://<vault>/secrets/<name>/<version>，而不是 {value}",
            $"{option} must be a Key Vault secret address, https://<vault>/secrets/<name>/<version>, not {value}");
    }

    private static RekeyFailure Twice(string zh, string en) =>
        RekeyFailure.BadUsage($"{zh}密钥只能给一次", $"the {en} key may be given only once");
}
