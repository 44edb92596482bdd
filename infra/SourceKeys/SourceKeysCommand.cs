namespace CreditFunctions.SourceKeys;

/// <summary>
/// The command line:
/// <c>generate --dir DIR [--units A,B,…] [--key-name dev-1]</c> makes a P-256 key pair per unit (default: every
/// submitting unit of the contract) that has none, writing <c>{unit}.jwks.json</c> and <c>{unit}.private.jwk.json</c>
/// (mode 600); <c>sign --dir DIR FILE</c> (FILE <c>-</c> for standard input) prints the envelope in FILE as a
/// flattened JWS signed with the key of its <c>source</c> (<c>--generate-missing</c>: first make the key of a contract
/// unit that has none). Exit 0 on success, 1 on a failure, 2 on bad usage, 3 when the envelope names no unit to sign
/// as (not JSON, no <c>source</c>).
/// </summary>
public static class SourceKeysCommand
{
    private const string Usage = """
        usage: CreditFunctions.SourceKeys generate --dir DIR [--units A,B,...] [--key-name NAME]
               CreditFunctions.SourceKeys sign --dir DIR [--generate-missing] FILE   (FILE '-' reads standard input)
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error, TextReader? input = null)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        if (!TryOptions(args.AsSpan(1), out var options, out var flags, out var positional, out var problem))
        {
            error.WriteLine($"source-keys: {problem}\n{Usage}");
            return 2;
        }

        if (!options.TryGetValue("dir", out var directory))
        {
            error.WriteLine($"source-keys: --dir is required\n{Usage}");
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "generate" when positional.Count == 0:
                    var units = options.TryGetValue("units", out var list)
                        ? list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                        : null;
                    var keyName = options.GetValueOrDefault("key-name", DevKeyFolder.DefaultKeyName);
                    var outcomes = DevKeyFolder.Generate(directory, units, keyName);
                    var created = outcomes.Where(o => o.Outcome == GenerateOutcome.Created).Select(o => o.Unit).ToList();
                    if (created.Count > 0)
                    {
                        error.WriteLine($"source-keys: new key pairs (kid {{unit}}#{keyName}) in {directory} for {string.Join(", ", created)}");
                    }

                    foreach (var (unit, outcome) in outcomes.Where(o => o.Outcome is GenerateOutcome.PublicRestored or GenerateOutcome.PublicOnly))
                    {
                        error.WriteLine(outcome == GenerateOutcome.PublicRestored
                            ? $"source-keys: {unit}: public key set written again from its private key"
                            : $"source-keys: {unit}: has a public key set but no private key here; left alone (cannot sign as {unit})");
                    }

                    var skipped = outcomes.Count(o => o.Outcome == GenerateOutcome.Skipped);
                    if (skipped > 0)
                    {
                        error.WriteLine($"source-keys: {skipped} units already had keys in {directory}");
                    }

                    return 0;

                case "sign" when positional.Count == 1:
                    var envelope = positional[0] == "-"
                        ? System.Text.Encoding.UTF8.GetBytes((input ?? Console.In).ReadToEnd())
                        : File.ReadAllBytes(positional[0]);
                    output.WriteLine(DevKeyFolder.SignEnvelope(directory, envelope, flags.Contains("generate-missing"), out var kid));
                    error.WriteLine($"source-keys: signed with {kid}");
                    return 0;

                default:
                    error.WriteLine($"source-keys: unknown command or wrong arguments: {string.Join(' ', args)}\n{Usage}");
                    return 2;
            }
        }
        catch (UnsignableEnvelopeException e)
        {
            error.WriteLine($"source-keys: {e.Message}");
            return 3;
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
        {
            error.WriteLine($"source-keys: {e.Message}");
            return 1;
        }
    }

    private static bool TryOptions(
        ReadOnlySpan<string> args, out Dictionary<string, string> options, out HashSet<string> flags, out List<string> positional, out string problem)
    {
        options = new Dictionary<string, string>(StringComparer.Ordinal);
        flags = new HashSet<string>(StringComparer.Ordinal);
        positional = [];
        problem = "";
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var name = arg[2..];
                if (name is "generate-missing")
                {
                    flags.Add(name);
                    continue;
                }

                if (name is not ("dir" or "units" or "key-name"))
                {
                    problem = $"unknown option {arg}";
                    return false;
                }

                if (i + 1 >= args.Length)
                {
                    problem = $"{arg} needs a value";
                    return false;
                }

                options[name] = args[++i];
            }
            else
            {
                positional.Add(arg);
            }
        }

        return true;
    }
}
