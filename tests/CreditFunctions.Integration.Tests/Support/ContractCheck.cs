using System.Diagnostics;
using System.Text;
using CreditFunctions.App.Api;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>
/// One run of infra/contract-check per test run, on both documents as ./infra/test checks them: the OpenAPI document the
/// app serves (written to .artifacts/openapi.json first) and Contracts/asyncapi.json with examples/. Its first run also
/// installs the pinned tools (npm ci) that other tests use.
/// </summary>
public static class ContractCheck
{
    public static readonly string Root = RepositoryRoot.Find();
    public static readonly string OpenApiPath = Path.Combine(Root, ".artifacts", "openapi.json");
    public static readonly string AsyncApiPath = Path.Combine(Root, "functions", "CreditFunctions.App", "Contracts", "asyncapi.json");

    private static readonly Lazy<ToolRun> Both = new(() =>
    {
        Directory.CreateDirectory(Path.GetDirectoryName(OpenApiPath)!);
        File.WriteAllText(OpenApiPath, OpenApiDocument.Text);
        var watch = Stopwatch.StartNew();
        var run = ToolRun.Start(Path.Combine(Root, "infra", "contract-check"),
            "--openapi", OpenApiPath, "--asyncapi", AsyncApiPath, "--examples", Path.Combine(Root, "examples"));
        return run with { Seconds = watch.Elapsed.TotalSeconds };
    });

    /// <summary>contract-check --openapi .artifacts/openapi.json --asyncapi Contracts/asyncapi.json --examples examples.</summary>
    public static ToolRun Run => Both.Value;

    /// <summary>The steps that failed ("redocly", "spectral", "client", "asyncapi", "redoc"), from the FAILED summary line.</summary>
    public static IReadOnlyList<string> FailedSteps(ToolRun run)
    {
        var line = run.Output.Split('\n').FirstOrDefault(l => l.StartsWith("contract-check: FAILED (", StringComparison.Ordinal));
        if (line is null)
        {
            return run.ExitCode == 0 ? [] : ["(no summary: the check did not run; see its output)"];
        }

        var inner = line["contract-check: FAILED (".Length..line.IndexOf(')', StringComparison.Ordinal)];
        return inner.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }
}

/// <summary>One run of a command line tool: its exit code and everything it printed.</summary>
public sealed record ToolRun(int ExitCode, string Output)
{
    public double Seconds { get; init; }

    public static ToolRun Start(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = ContractCheck.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} took more than 5 minutes");
        }

        process.WaitForExit();
        return new ToolRun(process.ExitCode, stdout.Result + stderr.Result);
    }
}
