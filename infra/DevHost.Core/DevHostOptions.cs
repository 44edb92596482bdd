using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>How the dev host is run. Everything has the Functions host's / Core Tools' default.</summary>
public sealed class DevHostOptions
{
    /// <summary>Command-line arguments, added to configuration like any ASP.NET Core app's.</summary>
    public string[] Args { get; init; } = [];

    /// <summary>host.json to read. Default: host.json next to the functions assembly (where the Functions SDK puts it).</summary>
    public string? HostJsonPath { get; init; }

    /// <summary>
    /// Optional local.settings.json. Like Core Tools, its <c>Values</c> become app settings unless the environment
    /// already has them (<c>A__B</c> reads as <c>A:B</c>, as environment variables do).
    /// </summary>
    public string? LocalSettingsPath { get; init; }

    /// <summary>App settings that win over everything else (tests put connection strings and queue names here).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>HTTP port on 127.0.0.1; Core Tools' default 7071. 0 picks a free port (see <see cref="DevHostApplicationExtensions.GetBaseAddress"/>).</summary>
    public int Port { get; init; } = 7071;

    /// <summary>Run only these functions, like <c>func start --functions A B</c>. Null runs all.</summary>
    public IReadOnlyCollection<string>? Functions { get; init; }

    /// <summary>Clock for timer triggers (tests pass a FakeTimeProvider).</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// How long a received queue message stays invisible while its function runs; renewed at half of it until the
    /// function ends. The host uses 10 minutes (QueueListener); tests shorten it to exercise renewal.
    /// </summary>
    public TimeSpan QueueMessageLease { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Extra logging setup (providers, levels).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
