using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CreditFunctions.Testing;

/// <summary>
/// A private Azurite (infra/azurite, pinned 3.35.0) on free ports of 127.0.0.1, in memory. Tests share one per test
/// process (<see cref="Shared"/>) and isolate themselves with unique queue/table/container names.
/// </summary>
public sealed class AzuriteServer : IDisposable
{
    /// <summary>The well-known development account key Azurite accepts (public, documented, not a secret).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<AzuriteServer> SharedInstance = new(() => Start(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Process _process;
    private readonly AzuriteLog _log;
    private int _disposed;

    private AzuriteServer(Process process, AzuriteLog log, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        _log = log;
        BlobEndpoint = new Uri($"http://127.0.0.1:{blobPort}/{AccountName}");
        QueueEndpoint = new Uri($"http://127.0.0.1:{queuePort}/{AccountName}");
        TableEndpoint = new Uri($"http://127.0.0.1:{tablePort}/{AccountName}");
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint={BlobEndpoint};QueueEndpoint={QueueEndpoint};TableEndpoint={TableEndpoint};";
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>One Azurite per test process, started on first use and stopped when the process exits.</summary>
    public static AzuriteServer Shared => SharedInstance.Value;

    /// <summary>An explicit connection string (no UseDevelopmentStorage: the ports are not the default ones).</summary>
    public string ConnectionString { get; }

    public Uri BlobEndpoint { get; }

    public Uri QueueEndpoint { get; }

    public Uri TableEndpoint { get; }

    /// <summary>Where Azurite's stdout/stderr go.</summary>
    public string LogPath => _log.Path;

    /// <summary>Starts a new Azurite and waits until blob, queue and table all answer HTTP.</summary>
    public static AzuriteServer Start()
    {
        string azuriteDir = Path.Combine(RepositoryRoot.Find(), "infra", "azurite");
        AzuriteInstall.EnsureInstalled(azuriteDir);

        var log = new AzuriteLog(Path.Combine(Path.GetTempPath(), $"azurite-{Environment.ProcessId}-{Guid.NewGuid():N}.log"));
        // Free ports are picked by binding port 0 and releasing it: a small race, retried once on failure.
        for (int attempt = 1; ; attempt++)
        {
            int[] ports = FreePorts(3);
            Process process = Launch(azuriteDir, ports, log);
            try
            {
                WaitUntilAnswering(process, ports, log);
                return new AzuriteServer(process, log, ports[0], ports[1], ports[2]);
            }
            catch (Exception) when (attempt < 2)
            {
                Kill(process);
            }
            catch (Exception ex)
            {
                Kill(process);
                throw new InvalidOperationException(
                    $"Azurite did not start ({ex.Message}). Log {log.Path}, last lines:\n{log.Tail(40)}", ex);
            }
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Kill(_process);
        _process.Dispose();
        _log.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private static Process Launch(string azuriteDir, int[] ports, AzuriteLog log)
    {
        var start = new ProcessStartInfo(Path.Combine(azuriteDir, "node_modules", ".bin", "azurite"))
        {
            WorkingDirectory = azuriteDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };

        // AZURITE_NODE_FLAGS (e.g. "--prof") runs Azurite under node with those flags, to profile where a bench's time
        // goes inside the emulator; flags like --prof may not be passed through NODE_OPTIONS.
        var nodeFlags = Environment.GetEnvironmentVariable("AZURITE_NODE_FLAGS");
        if (!string.IsNullOrWhiteSpace(nodeFlags))
        {
            start.FileName = "node";
            foreach (var flag in nodeFlags.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                start.ArgumentList.Add(flag);
            }

            start.ArgumentList.Add(Path.Combine(azuriteDir, "node_modules", "azurite", "dist", "src", "azurite.js"));
        }
        foreach (string arg in new[]
                 {
                     "--blobHost", "127.0.0.1", "--blobPort", ports[0].ToString(),
                     "--queueHost", "127.0.0.1", "--queuePort", ports[1].ToString(),
                     "--tableHost", "127.0.0.1", "--tablePort", ports[2].ToString(),
                     "--inMemoryPersistence", "--skipApiVersionCheck", "--disableTelemetry", "--silent",
                 })
        {
            start.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => log.Append(e.Data);
        process.ErrorDataReceived += (_, e) => log.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitUntilAnswering(Process process, int[] ports, AzuriteLog log)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        var pending = new HashSet<int>(ports);
        while (pending.Count > 0)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"azurite exited with code {process.ExitCode}");
            }

            if (deadline.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"ports {string.Join(", ", pending)} not answering after {StartTimeout}");
            }

            foreach (int port in pending.ToArray())
            {
                try
                {
                    // Any HTTP answer (Azurite says 400/403 to an unsigned request) means the service is up.
                    using HttpResponseMessage _ = http.GetAsync($"http://127.0.0.1:{port}/{AccountName}?comp=list")
                        .GetAwaiter().GetResult();
                    pending.Remove(port);
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
            }

            if (pending.Count > 0)
            {
                Thread.Sleep(100);
            }
        }

        log.Append($"[AzuriteServer] answering on {string.Join(", ", ports)}");
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Azurite's output, kept in a temp file so a failed start can show its tail.</summary>
    private sealed class AzuriteLog(string path) : IDisposable
    {
        private readonly StreamWriter _writer = new(path, append: false, Encoding.UTF8) { AutoFlush = true };

        public string Path { get; } = path;

        public void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (_writer)
            {
                if (_writer.BaseStream.CanWrite)
                {
                    _writer.WriteLine(line);
                }
            }
        }

        public string Tail(int lines)
        {
            lock (_writer)
            {
                _writer.Flush();
            }

            using var reader = new StreamReader(new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
            string[] all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }

        public void Dispose()
        {
            lock (_writer)
            {
                _writer.Dispose();
            }
        }
    }
}
