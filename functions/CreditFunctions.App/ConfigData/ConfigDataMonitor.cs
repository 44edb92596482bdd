using CreditFunctions.App.Trust;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CreditFunctions.App.ConfigData;

/// <summary>What one check did to one kind of data.</summary>
public enum ConfigReloadOutcome
{
    /// <summary>The files are as they were (or as they were when last refused).</summary>
    Unchanged,

    /// <summary>A new version passed validation and is in force.</summary>
    Replaced,

    /// <summary>A new version failed validation: refused and logged, the version in force stays.</summary>
    Refused,
}

/// <summary>Data that cannot be used: every problem, one a line, each naming its file.</summary>
public sealed class ConfigDataException(string kind, IReadOnlyList<string> problems)
    : Exception($"The {kind} cannot be used:\n- " + string.Join("\n- ", problems))
{
    public string Kind { get; } = kind;

    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>A refused version: when, and why.</summary>
public sealed record ConfigRefusal(DateTimeOffset At, IReadOnlyList<string> Problems);

/// <summary>What is in force of one kind of data and where it came from (for logs and /api/health).</summary>
/// <param name="Kind"><c>catalogue</c>, <c>calendar</c> or <c>source-keys</c>.</param>
/// <param name="Version">What is loaded: the catalogue versions, the calendar's years, the key set's size and fingerprint.</param>
/// <param name="Origin">Where from: <c>embedded</c>, a folder, or the container and its files.</param>
public sealed record ConfigDataStatus(string Kind, string Version, string Origin, DateTimeOffset LoadedAt)
{
    /// <summary>When the source was last read successfully (null: only at start, or never checked).</summary>
    public DateTimeOffset? LastCheckedAt { get; init; }

    /// <summary>Why the last check could not read the source (the version in force stays), or null.</summary>
    public string? CheckError { get; init; }

    /// <summary>The newest version refused since the one in force was taken, or null.</summary>
    public ConfigRefusal? Refused { get; init; }
}

/// <summary>
/// The catalogue, the working-day calendar and (from a container) the units' source keys, kept current without a deploy
/// (docs/operations.md, "Configuration data"). With <c>ConfigData__ContainerUri</c> the three come from the blob
/// container: <c>catalogue/{version}.json</c> (added to or replacing the shipped versions), <c>calendar/working-days-cn.json</c>
/// (replacing the shipped calendar) and <c>source-keys/{unit code}.jwks.json</c>. Without it the shipped data is used, plus
/// the folder <c>Catalogue__Directory</c>; source keys then come from <see cref="SourceKeyRegistry"/> and its folder.
/// </summary>
/// <remarks>
/// <para>At start everything is read and validated, and anything unusable stops the app with every problem (as a broken
/// catalogue or key file always has). Afterwards the source is checked every <see cref="ConfigDataOptions.PollInterval"/>:
/// one list request, files downloaded only when an ETag changed. A changed kind is validated whole before use; a bad
/// version is refused, logged once as an error and shown by /api/health, and the version in force stays.</para>
/// <para>Consumers keep the instances they were given: <see cref="CatalogueSet"/> and <see cref="WorkingDayCalendar"/>
/// swap their immutable contents in place (<c>Adopt</c>), <see cref="ContainerSourceKeys"/> its key set.</para>
/// </remarks>
public sealed class ConfigDataMonitor : IDisposable
{
    public const string CataloguePrefix = "catalogue/";
    public const string CalendarBlob = "calendar/working-days-cn.json";
    public const string SourceKeysPrefix = "source-keys/";

    private readonly IConfigFiles? _files;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _checking = new(1, 1);
    private readonly Kind[] _kinds;
    private readonly ITimer? _poll;
    private volatile string? _checkError;
    private volatile bool _disposed;

    private ConfigDataMonitor(ConfigDataOptions options, IConfigFiles? files, ILogger logger, ILogger calendarLogger, TimeProvider time)
    {
        Options = options;
        _files = files;
        _logger = logger;
        _time = time;
        var catalogue = new Kind("catalogue", name => IsDirectChild(name, CataloguePrefix, ".json"), BuildCatalogue);
        var calendar = new Kind("calendar", name => name == CalendarBlob, texts => BuildCalendar(texts, calendarLogger));
        _kinds = options.FromContainer
            ? [catalogue, calendar, new Kind("source-keys", name => IsDirectChild(name, SourceKeysPrefix, SourceKeySet.FileSuffix), BuildSourceKeys)]
            : [catalogue, calendar];
        if (files is not null)
        {
            // One shot, armed again after each check (see PollAsync): a clock moved by a long step checks once.
            _poll = time.CreateTimer(_ => _ = PollAsync(), null, options.PollInterval, Timeout.InfiniteTimeSpan);
        }
    }

    public ConfigDataOptions Options { get; }

    /// <summary>The container or folder checked for changes; null when only shipped data is used.</summary>
    public string? Location => _files?.Location;

    /// <summary>The catalogue in force: one instance for the app's life, its versions swapped on a change.</summary>
    public CatalogueSet Catalogue { get; private set; } = null!;

    /// <summary>The working-day calendar in force: one instance for the app's life, its data swapped on a change.</summary>
    public WorkingDayCalendar Calendar { get; private set; } = null!;

    /// <summary>The source keys from the container; null without one (then the folder registry holds them).</summary>
    public ContainerSourceKeys? SourceKeys { get; private set; }

    /// <summary>Each kind: what is in force, from where, the last check and the last refusal.</summary>
    public IReadOnlyList<ConfigDataStatus> Status => _kinds.Select(k => k.Status! with { CheckError = _checkError }).ToList();

    /// <summary>
    /// Reads and validates everything, then keeps checking. Throws <see cref="ConfigDataException"/> naming every problem of
    /// the first kind that cannot be used, or the storage error when the container cannot be read at all.
    /// </summary>
    public static ConfigDataMonitor Load(ConfigDataOptions options, Storage.CreditStorage? storage, ILogger? logger = null, TimeProvider? time = null, ILogger? calendarLogger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        IConfigFiles? files = options.ContainerUri is { } uri
            ? new BlobConfigFiles((storage ?? throw new ArgumentNullException(nameof(storage))).ContainerAt(uri))
            : options.CatalogueDirectory is { } directory ? new FolderConfigFiles(directory) : null;
        var monitor = new ConfigDataMonitor(options, files, logger ?? NullLogger.Instance, calendarLogger ?? logger ?? NullLogger.Instance, time ?? TimeProvider.System);
        try
        {
            // Start-up only: the first services that need the catalogue are being built, synchronously.
            Task.Run(() => monitor.CheckAsync(initial: true, CancellationToken.None)).GetAwaiter().GetResult();
        }
        catch
        {
            monitor.Dispose();
            throw;
        }

        return monitor;
    }

    /// <summary>Checks the source now (as the timer does): each kind's outcome, by kind.</summary>
    public async Task<IReadOnlyDictionary<string, ConfigReloadOutcome>> CheckNowAsync(CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            return await CheckCoreAsync(initial: false, cancellationToken);
        }
        finally
        {
            _checking.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _poll?.Dispose();
    }

    private async Task CheckAsync(bool initial, CancellationToken cancellationToken)
    {
        await _checking.WaitAsync(cancellationToken);
        try
        {
            await CheckCoreAsync(initial, cancellationToken);
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task PollAsync()
    {
        await CheckQuietlyAsync();
        if (!_disposed)
        {
            try
            {
                _poll?.Change(Options.PollInterval, Timeout.InfiniteTimeSpan);
            }
            catch (ObjectDisposedException)
            {
                // disposed between the check and here: no more polls, as wanted
            }
        }
    }

    private async Task CheckQuietlyAsync()
    {
        if (_disposed || !await _checking.WaitAsync(0))
        {
            return; // a check is running already (a slow container): this tick is skipped
        }

        try
        {
            await CheckCoreAsync(initial: false, CancellationToken.None);
        }
        catch (Exception e)
        {
            // A timer callback must not throw. The source is unreadable (storage down, a role removed): what is in force
            // stays, and the next tick tries again. Logged when it starts failing and when it recovers, not every tick.
            var error = $"{e.GetType().Name}: {e.Message}";
            if (_checkError is null)
            {
                _logger.LogWarning(e, "Configuration data: {Location} cannot be read; the versions in force stay", _files?.Location);
            }

            _checkError = error;
        }
        finally
        {
            _checking.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, ConfigReloadOutcome>> CheckCoreAsync(bool initial, CancellationToken cancellationToken)
    {
        var listed = _files is null ? [] : await _files.ListAsync(cancellationToken);
        var now = _time.GetUtcNow();
        if (_checkError is not null)
        {
            _logger.LogInformation("Configuration data: {Location} can be read again", _files?.Location);
            _checkError = null;
        }

        var outcomes = new Dictionary<string, ConfigReloadOutcome>(StringComparer.Ordinal);
        foreach (var kind in _kinds)
        {
            outcomes[kind.Name] = await RefreshAsync(kind, listed.Where(f => kind.Owns(f.Name)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList(), initial, now, cancellationToken);
        }

        return outcomes;
    }

    private async Task<ConfigReloadOutcome> RefreshAsync(Kind kind, IReadOnlyList<ConfigFile> files, bool initial, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fingerprint = string.Join('\n', files.Select(f => $"{f.Name}|{f.Tag}"));
        var status = kind.Status;
        if (status is not null && fingerprint == kind.Fingerprint)
        {
            // As in force. A refusal is forgotten when the refused upload was undone (deleted, or restored from soft delete).
            kind.Status = status with { LastCheckedAt = now, Refused = null };
            kind.RefusedFingerprint = null;
            return ConfigReloadOutcome.Unchanged;
        }

        if (status is not null && fingerprint == kind.RefusedFingerprint)
        {
            kind.Status = status with { LastCheckedAt = now };
            return ConfigReloadOutcome.Unchanged;
        }

        var problems = new List<string>();
        var texts = new List<(string Name, string Json)>(files.Count);
        foreach (var file in files)
        {
            try
            {
                texts.Add((file.Name, await _files!.ReadAsync(file, cancellationToken)));
            }
            catch (ConfigFileUnreadableException e)
            {
                problems.Add(e.Message);
            }
        }

        Built? built = null;
        if (problems.Count == 0)
        {
            try
            {
                built = kind.Build(texts);
            }
            catch (ConfigDataException e)
            {
                problems.AddRange(e.Problems);
            }
        }

        var origin = Origin(kind, files);
        if (built is null)
        {
            if (initial)
            {
                _logger.LogCritical("Configuration data: the {Kind} from {Origin} cannot be used; the app will not start:\n{Problems}",
                    kind.Name, origin, string.Join('\n', problems));
                throw new ConfigDataException(kind.Name, problems);
            }

            _logger.LogError(
                "Configuration data: the new {Kind} in {Origin} is refused; {Version} (loaded {LoadedAt:O} from {InForce}) stays in force:\n{Problems}",
                kind.Name, origin, status!.Version, status.LoadedAt, status.Origin, string.Join('\n', problems));
            kind.RefusedFingerprint = fingerprint;
            kind.Status = status with { LastCheckedAt = now, Refused = new ConfigRefusal(now, problems) };
            return ConfigReloadOutcome.Refused;
        }

        built.Adopt();
        kind.Fingerprint = fingerprint;
        kind.RefusedFingerprint = null;
        kind.Status = new ConfigDataStatus(kind.Name, built.Version, origin, now) { LastCheckedAt = now };
        _logger.LogInformation("Configuration data: {Kind} {Version} in force, from {Origin}", kind.Name, built.Version, origin);
        return initial ? ConfigReloadOutcome.Unchanged : ConfigReloadOutcome.Replaced;
    }

    private string Origin(Kind kind, IReadOnlyList<ConfigFile> files)
    {
        var fromFiles = files.Count == 0 ? null : $"{_files!.Location} ({string.Join(", ", files.Select(f => f.Name))})";
        return kind.Name switch
        {
            "source-keys" => fromFiles ?? $"{_files!.Location} (no {SourceKeysPrefix}*{SourceKeySet.FileSuffix})",
            "catalogue" => fromFiles is null ? "embedded" : "embedded + " + fromFiles,
            _ => fromFiles ?? "embedded",
        };
    }

    private Built BuildCatalogue(IReadOnlyList<(string Name, string Json)> texts)
    {
        CatalogueSet set;
        try
        {
            set = CatalogueSet.Load(texts, _files?.Location ?? "the app");
        }
        catch (CatalogueValidationException e)
        {
            throw new ConfigDataException("catalogue", e.Problems);
        }

        return new Built(string.Join(",", set.Versions.Select(v => v.Version)), () =>
        {
            if (Catalogue is null)
            {
                Catalogue = set;
            }
            else
            {
                Catalogue.Adopt(set);
            }
        });
    }

    private Built BuildCalendar(IReadOnlyList<(string Name, string Json)> texts, ILogger calendarLogger)
    {
        WorkingDayCalendar calendar;
        if (texts.Count == 0)
        {
            calendar = WorkingDayCalendar.LoadEmbedded(calendarLogger);
        }
        else
        {
            var (name, json) = texts[0];
            try
            {
                using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
                calendar = WorkingDayCalendar.Load(stream, calendarLogger);
            }
            catch (InvalidDataException e)
            {
                throw new ConfigDataException("calendar", [$"{name}: {e.Message}"]);
            }

            // Replacing the calendar must not forget a year: an upload of next year alone would recount every deadline of
            // the years before on weekdays. The new file keeps every year the shipped one has, and adds or corrects.
            var missing = WorkingDayCalendar.LoadEmbedded().CoveredYears.Except(calendar.CoveredYears).Order().ToList();
            if (missing.Count > 0)
            {
                throw new ConfigDataException("calendar",
                    [$"{name}: lacks {string.Join(", ", missing)}, which the shipped calendar covers; a new calendar keeps every year and adds the next"]);
            }
        }

        var years = calendar.CoveredYears.Order().ToList();
        return new Built($"{years[0]}–{years[^1]} (to {calendar.LastCoveredDay:yyyy-MM-dd})", () =>
        {
            if (Calendar is null)
            {
                Calendar = calendar;
            }
            else
            {
                Calendar.Adopt(calendar);
            }
        });
    }

    private Built BuildSourceKeys(IReadOnlyList<(string Name, string Json)> texts)
    {
        if (!SourceKeySet.TryParse(texts, out var set, out var problems))
        {
            throw new ConfigDataException("source-keys", problems);
        }

        if (set.Keys.Count == 0)
        {
            _logger.LogWarning("Configuration data: no source key in {Location}; every signed message will be refused", _files?.Location);
        }

        return new Built($"{Count(set.Keys.Count, "key")} of {Count(set.Units.Count, "unit")}, sha256 {set.Fingerprint[..12]}", () =>
        {
            if (SourceKeys is null)
            {
                SourceKeys = new ContainerSourceKeys(set);
            }
            else
            {
                SourceKeys.Adopt(set);
            }
        });
    }

    /// <summary>"1 key", "3 keys".</summary>
    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static bool IsDirectChild(string name, string prefix, string suffix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && name.EndsWith(suffix, StringComparison.Ordinal)
        && name.Length > prefix.Length + suffix.Length && name.IndexOf('/', prefix.Length) < 0;

    /// <summary>A validated version, ready to be put in force.</summary>
    private sealed record Built(string Version, Action Adopt);

    /// <summary>One kind of data: which files are its, how a version is built from them, and what is in force.</summary>
    private sealed class Kind(string name, Func<string, bool> owns, Func<IReadOnlyList<(string Name, string Json)>, Built> build)
    {
        public string Name { get; } = name;

        public Func<string, bool> Owns { get; } = owns;

        public Func<IReadOnlyList<(string Name, string Json)>, Built> Build { get; } = build;

        private volatile ConfigDataStatus? _status;

        public string? Fingerprint { get; set; }

        public string? RefusedFingerprint { get; set; }

        /// <summary>Written by the one check running, read by health pages at any time.</summary>
        public ConfigDataStatus? Status
        {
            get => _status;
            set => _status = value;
        }
    }
}

/// <summary>The units' public keys as read from the container: one immutable set behind a volatile reference.</summary>
public sealed class ContainerSourceKeys(SourceKeySet initial) : ISourceKeys
{
    private volatile SourceKeySet _current = initial;

    public SourceKeySet Current => _current;

    internal void Adopt(SourceKeySet next) => _current = next;
}
