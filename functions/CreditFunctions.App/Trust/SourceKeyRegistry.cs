using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditFunctions.App.Trust;

/// <summary>Where the verifier gets the keys in force. A read is one volatile load of an immutable set.</summary>
public interface ISourceKeys
{
    SourceKeySet Current { get; }
}

/// <summary>A set that never changes: tests, or keys fed from elsewhere (e.g. a blob container, via <see cref="SourceKeySet.Parse"/>).</summary>
public sealed class FixedSourceKeys(SourceKeySet set) : ISourceKeys
{
    public SourceKeySet Current { get; } = set;
}

/// <summary>How <see cref="SourceKeyRegistry"/> watches its folder.</summary>
public sealed record SourceKeyRegistryOptions
{
    /// <summary>A check of the folder however quiet the watcher is (file system events can be lost, e.g. on network shares).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after the last file system event the folder is read (a copy of several files settles first).</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Whether to use a FileSystemWatcher at all (the periodic check runs either way).</summary>
    public bool Watch { get; init; } = true;
}

/// <summary>What one <see cref="SourceKeyRegistry.Reload"/> did.</summary>
public enum SourceKeyReloadOutcome
{
    /// <summary>The files are as they were.</summary>
    Unchanged,

    /// <summary>A new set is in force.</summary>
    Replaced,

    /// <summary>The new files are malformed (or unreadable): refused and logged, the running set stays.</summary>
    Refused,
}

/// <summary>
/// The units' public keys from the folder <c>SourceKeys:Directory</c> (env <c>SourceKeys__Directory</c>): every
/// <c>{unit code}.jwks.json</c> in it (other files, e.g. development private keys, are not read). <see cref="Load"/>
/// throws when the folder or any file is bad, naming every problem, so the app refuses to start. Afterwards the
/// folder is read again when a FileSystemWatcher reports a change (debounced) and every
/// <see cref="SourceKeyRegistryOptions.PollInterval"/>; a new version that is malformed is refused and logged once,
/// and the running set stays in force. Readers see one immutable <see cref="SourceKeySet"/> at a time.
/// </summary>
public sealed class SourceKeyRegistry : ISourceKeys, IDisposable
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SourceKeyRegistryOptions _options;
    private readonly Lock _reloading = new();
    private readonly ITimer _poll;
    private readonly ITimer _debounce;
    private readonly FileSystemWatcher? _watcher;
    private volatile State _state;
    private string? _refusedProblems;
    private bool _disposed;

    private SourceKeyRegistry(string directory, SourceKeySet initial, ILogger logger, TimeProvider time, SourceKeyRegistryOptions options)
    {
        Directory = directory;
        _logger = logger;
        _time = time;
        _options = options;
        _state = new State(initial, time.GetUtcNow(), null);
        _debounce = time.CreateTimer(_ => ReloadQuietly(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        // One shot, armed again after each poll: a clock moved by a long step (a host resumed after sleeping, a test's
        // clock set a year on) then polls once, not once for every interval it skipped (that was a busy loop).
        _poll = time.CreateTimer(_ => Poll(), null, options.PollInterval, Timeout.InfiniteTimeSpan);
        if (options.Watch)
        {
            _watcher = TryWatch(directory);
        }
    }

    /// <summary>The folder read.</summary>
    public string Directory { get; }

    /// <summary>The keys in force.</summary>
    public SourceKeySet Current => _state.Set;

    /// <summary>When the set in force was read.</summary>
    public DateTimeOffset LoadedAt => _state.LoadedAt;

    /// <summary>The problems of the last version refused since the set in force was taken, or null (for health pages).</summary>
    public IReadOnlyList<string>? LastRefusal => _state.LastRefusal;

    /// <summary>
    /// Reads the folder and starts watching it. Throws <see cref="SourceKeyLoadException"/> listing every problem
    /// (a missing folder, an unreadable or malformed file), each naming its file.
    /// </summary>
    public static SourceKeyRegistry Load(string directory, ILogger? logger = null, SourceKeyRegistryOptions? options = null, TimeProvider? time = null)
    {
        logger ??= NullLogger.Instance;
        var full = Path.GetFullPath(directory);
        var set = ReadDirectory(full);
        if (set.Keys.Count == 0)
        {
            logger.LogWarning("Source keys: no key in {Directory}; every signed message will be refused", full);
        }
        else
        {
            logger.LogInformation("Source keys: {Keys} keys of {Units} units from {Directory}", set.Keys.Count, set.Units.Count, full);
        }

        return new SourceKeyRegistry(full, set, logger, time ?? TimeProvider.System, options ?? new SourceKeyRegistryOptions());
    }

    /// <summary>
    /// Reads every <c>*.jwks.json</c> of <paramref name="directory"/> into a set, without watching anything.
    /// Throws <see cref="SourceKeyLoadException"/> as <see cref="Load"/> does.
    /// </summary>
    public static SourceKeySet ReadDirectory(string directory)
    {
        if (!System.IO.Directory.Exists(directory))
        {
            throw new SourceKeyLoadException([$"{directory}: the source key folder (SourceKeys:Directory) does not exist"]);
        }

        var files = new List<(string, string)>();
        var problems = new List<string>();
        foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + SourceKeySet.FileSuffix, SearchOption.TopDirectoryOnly))
        {
            try
            {
                files.Add((Path.GetFileName(path), File.ReadAllText(path)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add($"{Path.GetFileName(path)}: cannot be read ({e.Message})");
            }
        }

        if (!SourceKeySet.TryParse(files, out var set, out var parseProblems))
        {
            problems.AddRange(parseProblems);
        }

        return problems.Count == 0 ? set : throw new SourceKeyLoadException(problems);
    }

    /// <summary>
    /// Reads the folder now. A good new version replaces the set in force; a bad one is refused (logged as an error
    /// once per distinct version) and the set in force stays.
    /// </summary>
    public SourceKeyReloadOutcome Reload()
    {
        lock (_reloading)
        {
            SourceKeySet next;
            try
            {
                next = ReadDirectory(Directory);
            }
            catch (SourceKeyLoadException e)
            {
                var version = string.Join("\n", e.Problems);
                var state = _state;
                if (version != _refusedProblems)
                {
                    _refusedProblems = version;
                    _logger.LogError(
                        "Source keys: the new key files in {Directory} are refused; the {Keys} keys read at {LoadedAt:O} stay in force:\n{Problems}",
                        Directory, state.Set.Keys.Count, state.LoadedAt, version);
                }

                _state = state with { LastRefusal = e.Problems };
                return SourceKeyReloadOutcome.Refused;
            }

            var current = _state.Set;
            if (next.Fingerprint == current.Fingerprint)
            {
                if (_state.LastRefusal is not null)
                {
                    _state = _state with { LastRefusal = null };
                    _refusedProblems = null;
                }

                return SourceKeyReloadOutcome.Unchanged;
            }

            var added = next.Keys.Select(k => k.Kid).Except(current.Keys.Select(k => k.Kid), StringComparer.Ordinal).ToList();
            var removed = current.Keys.Select(k => k.Kid).Except(next.Keys.Select(k => k.Kid), StringComparer.Ordinal).ToList();
            _state = new State(next, _time.GetUtcNow(), null);
            _refusedProblems = null;
            _logger.LogInformation(
                "Source keys: reloaded {Keys} keys of {Units} units from {Directory}; added [{Added}], removed [{Removed}]",
                next.Keys.Count, next.Units.Count, Directory, string.Join(", ", added), string.Join(", ", removed));
            return SourceKeyReloadOutcome.Replaced;
        }
    }

    public void Dispose()
    {
        lock (_reloading)
        {
            _disposed = true;
        }

        _watcher?.Dispose();
        _poll.Dispose();
        _debounce.Dispose();
    }

    private void Poll()
    {
        ReloadQuietly();
        lock (_reloading)
        {
            if (!_disposed)
            {
                _poll.Change(_options.PollInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void ReloadQuietly()
    {
        try
        {
            lock (_reloading)
            {
                if (_disposed)
                {
                    return;
                }
            }

            Reload();
        }
        catch (Exception e)
        {
            // A timer callback must not throw; the next event or poll tries again.
            _logger.LogError(e, "Source keys: reading {Directory} failed; the keys in force stay", Directory);
        }
    }

    private FileSystemWatcher? TryWatch(string directory)
    {
        try
        {
            var watcher = new FileSystemWatcher(directory, "*" + SourceKeySet.FileSuffix)
            {
                IncludeSubdirectories = false,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
            };
            FileSystemEventHandler changed = (_, _) => Soon();
            watcher.Changed += changed;
            watcher.Created += changed;
            watcher.Deleted += changed;
            watcher.Renamed += (_, _) => Soon();
            watcher.Error += (_, e) =>
            {
                _logger.LogWarning(e.GetException(), "Source keys: the folder watcher reported an error; reading {Directory} again", directory);
                Soon();
            };
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or ArgumentException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            // E.g. the inotify instance limit: the periodic check still picks changes up.
            _logger.LogWarning(e, "Source keys: cannot watch {Directory}; changes are seen by the check every {Interval}", directory, _options.PollInterval);
            return null;
        }
    }

    private void Soon() => _debounce.Change(_options.Debounce, Timeout.InfiniteTimeSpan);

    private sealed record State(SourceKeySet Set, DateTimeOffset LoadedAt, IReadOnlyList<string>? LastRefusal);
}
