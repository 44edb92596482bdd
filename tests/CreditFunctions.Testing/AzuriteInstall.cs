using System.Diagnostics;

namespace CreditFunctions.Testing;

/// <summary>Runs <c>npm ci</c> in infra/azurite when its node_modules is missing, once across concurrent test processes.</summary>
internal static class AzuriteInstall
{
    public static void EnsureInstalled(string azuriteDir)
    {
        string bin = Path.Combine(azuriteDir, "node_modules", ".bin", "azurite");
        if (File.Exists(bin))
        {
            return;
        }

        // Two test assemblies may start at once: a file lock makes the second wait for the first's npm ci.
        using var gate = AcquireLock(Path.Combine(Path.GetTempPath(), "creditfunctions-azurite-npm.lock"));
        if (File.Exists(bin))
        {
            return;
        }

        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = azuriteDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(arg);
        }

        using Process npm = Process.Start(start) ?? throw new InvalidOperationException("could not start npm");
        Task<string> stdout = npm.StandardOutput.ReadToEndAsync();
        Task<string> stderr = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            npm.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {azuriteDir} took more than 5 minutes");
        }

        if (npm.ExitCode != 0 || !File.Exists(bin))
        {
            throw new InvalidOperationException(
                $"npm ci in {azuriteDir} failed with exit code {npm.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        }
    }

    private static FileStream AcquireLock(string path)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (deadline.Elapsed < TimeSpan.FromMinutes(6))
            {
                Thread.Sleep(250);
            }
        }
    }
}
