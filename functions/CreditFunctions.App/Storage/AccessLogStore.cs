using System.Globalization;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// One look-up of a subject (art12: who, when, for what business). <see cref="CallerKey"/> is the pseudonymous
/// subject key of a subject caller, never its ID number; the looked-at subject is known only by its key too.
/// </summary>
/// <param name="LookupId">The entry's id (contract v2 "Enforcement feedback"): given to the caller with a restriction
/// answer or a screening result, so the department that applied a measure can report back on this very look-up.</param>
/// <param name="CallerObjectId">The Entra object id of a partner app (contract v2 "Which partner is calling").</param>
/// <param name="Decision">restricted | enhanced-review | allowed, for restriction look-ups.</param>
/// <param name="Measures">The articles of the measures the answer named (art8.2.1, art9.1, …).</param>
public sealed record AccessLogEntry(
    string SubjectKey,
    DateTimeOffset At,
    string Role,
    string? Unit,
    string? CallerKey,
    string? CallerName,
    string? Business,
    string Route)
{
    public string LookupId { get; init; } = LookupIds.New(At);

    public string? CallerObjectId { get; init; }

    public string? Decision { get; init; }

    public IReadOnlyList<string> Measures { get; init; } = [];
}

/// <summary>
/// A look-up's id: <c>lk_</c>, its inverted ticks and 12 random hex digits — the access log row key without the subject
/// key, so it names nobody; with the subject (which the feedback names anyway) it is one point read.
/// </summary>
public static class LookupIds
{
    public const string Prefix = "lk_";

    public static string New(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}{Guid.NewGuid().ToString("N")[..12]}");

    public static bool IsWellFormed(string? id) =>
        id is { Length: 34 } && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(3, 19).IndexOfAnyExceptInRange('0', '9') < 0
        && id.AsSpan(22).IndexOfAnyExcept("0123456789abcdef") < 0;

    /// <summary>The access-log row key of the look-up of <paramref name="subjectKey"/> with this id.</summary>
    public static string RowKey(string subjectKey, string lookupId) => $"{subjectKey}|{lookupId.AsSpan(3, 19)}|{lookupId.AsSpan(22)}";
}

/// <summary>A restriction look-up that named measures, by day: what the enforcement-feedback summary counts.</summary>
public sealed record LookupOfDay(DateOnly Day, string Business, string Decision, IReadOnlyList<string> Measures);

/// <summary>
/// The <c>AccessLog</c> table (docs/table-design.md): <c>PK = subject bucket</c>,
/// <c>RK = {subjectKey}|{invertedTicks:D19}|{12 hex}</c>. A look-up costs one write (the entry, and for a look-up that
/// named a measure its day-index row <c>d|{yyyyMMdd}|{lookupId}</c>, in the same entity-group transaction); a subject's
/// log is one range query in one partition that comes back newest first, because the inverted ticks sort that way.
/// </summary>
public sealed class AccessLogStore(CreditStorage storage, StorageProvisioner provisioner) : ISubjectKeyHolder
{
    public const int MaxRead = 1000;

    private const string DayPrefix = "d|";

    private TableClient Table => storage.Tables.GetTableClient(TableNames.AccessLog);

    /// <summary>One look-up: one storage request.</summary>
    public async Task WriteAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        // Add, not upsert: the row key is unique (ticks + random part), and an add states that we never overwrite.
        await Table.SubmitTransactionAsync(Rows(entry).Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken);
    }

    /// <summary>
    /// The look-ups of a screening: grouped by bucket into entity-group transactions (at most 100 entities each),
    /// so 100 subjects cost at most 32 requests rather than 100, sent concurrently.
    /// </summary>
    public async Task WriteManyAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var batches = entries
            .Select(e => Rows(e).ToList())
            .GroupBy(rows => rows[0].PartitionKey)
            .SelectMany(Chunks)
            .Select(chunk => Table.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken));
        await Task.WhenAll(batches);
    }

    /// <summary>A subject's look-ups, newest first: one range query (one page of at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ReadAsync(string subjectKey, int limit, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        limit = Math.Clamp(limit, 1, MaxRead);
        // '}' follows '|': the range is exactly this subject's rows.
        var (from, to) = (subjectKey + "|", subjectKey + "}");
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {from} and RowKey lt {to}");
        var entries = new List<AccessLogEntry>(Math.Min(limit, 100));
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(pageSizeHint: limit))
        {
            entries.AddRange(page.Values.Select(FromEntity));
            // One page is what was asked for: the first page holds the newest entries.
            break;
        }

        return entries.Count > limit ? entries[..limit] : entries;
    }

    /// <summary>One look-up by its id and subject: one point read; null when there is none.</summary>
    public async Task<AccessLogEntry?> FindAsync(string subjectKey, string lookupId, CancellationToken cancellationToken)
    {
        if (!LookupIds.IsWellFormed(lookupId))
        {
            return null;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(SubjectKeys.BucketOf(subjectKey), LookupIds.RowKey(subjectKey, lookupId), cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>The look-ups that named a measure on the days <paramref name="from"/> … <paramref name="to"/>: one range query per bucket.</summary>
    public async Task<IReadOnlyList<LookupOfDay>> LookupsNamingMeasuresAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var (low, high) = (string.Create(CultureInfo.InvariantCulture, $"{DayPrefix}{from:yyyyMMdd}|"), string.Create(CultureInfo.InvariantCulture, $"{DayPrefix}{to.AddDays(1):yyyyMMdd}|"));
        var found = new List<LookupOfDay>();
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (bucket, token) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and RowKey ge {low} and RowKey lt {high}");
            var rows = new List<LookupOfDay>();
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", "Business", "Decision", "Measures"], cancellationToken: token))
            {
                rows.Add(new LookupOfDay(
                    DateOnly.ParseExact(row.RowKey.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture),
                    row.GetString("Business") ?? "", row.GetString("Decision") ?? "", Split(row.GetString("Measures"))));
            }

            lock (found)
            {
                found.AddRange(rows);
            }
        });
        return found;
    }

    private static IEnumerable<List<TableEntity>> Chunks(IEnumerable<List<TableEntity>> entriesOfOneBucket)
    {
        var chunk = new List<TableEntity>(100);
        foreach (var rows in entriesOfOneBucket)
        {
            if (chunk.Count + rows.Count > 100)
            {
                yield return chunk;
                chunk = new List<TableEntity>(100);
            }

            chunk.AddRange(rows);
        }

        if (chunk.Count > 0)
        {
            yield return chunk;
        }
    }

    private static IEnumerable<TableEntity> Rows(AccessLogEntry entry)
    {
        var partition = SubjectKeys.BucketOf(entry.SubjectKey);
        yield return new TableEntity(partition, LookupIds.RowKey(entry.SubjectKey, entry.LookupId))
        {
            ["SubjectKey"] = entry.SubjectKey,
            ["At"] = entry.At,
            ["Role"] = entry.Role,
            ["Unit"] = entry.Unit,
            ["CallerKey"] = entry.CallerKey,
            ["CallerName"] = entry.CallerName,
            ["CallerObjectId"] = entry.CallerObjectId,
            ["Business"] = entry.Business,
            ["Route"] = entry.Route,
            ["Decision"] = entry.Decision,
            ["Measures"] = entry.Measures.Count == 0 ? null : string.Join(',', entry.Measures),
        };
        if (entry.Measures.Count > 0 && entry.Decision is not null and not "allowed")
        {
            // China Standard Time, as every day of the register is.
            var day = DateOnly.FromDateTime(entry.At.ToOffset(TimeSpan.FromHours(8)).DateTime);
            yield return new TableEntity(partition, string.Create(CultureInfo.InvariantCulture, $"{DayPrefix}{day:yyyyMMdd}|{entry.LookupId}"))
            {
                ["Business"] = entry.Business,
                ["Decision"] = entry.Decision,
                ["Measures"] = string.Join(',', entry.Measures),
            };
        }
    }

    private static AccessLogEntry FromEntity(TableEntity entity)
    {
        var parts = entity.RowKey.Split('|');
        return new AccessLogEntry(
            entity.GetString("SubjectKey") ?? "",
            entity.GetDateTimeOffset("At") ?? default,
            entity.GetString("Role") ?? "",
            entity.GetString("Unit"),
            entity.GetString("CallerKey"),
            entity.GetString("CallerName"),
            entity.GetString("Business"),
            entity.GetString("Route") ?? "")
        {
            LookupId = parts.Length == 3 ? LookupIds.Prefix + parts[1] + parts[2] : "",
            CallerObjectId = entity.GetString("CallerObjectId"),
            Decision = entity.GetString("Decision"),
            Measures = Split(entity.GetString("Measures")),
        };
    }

    private static IReadOnlyList<string> Split(string? list) => string.IsNullOrEmpty(list) ? [] : list.Split(',');

    /// <summary>The properties of an entry that hold a subject key: the subject looked at, and a subject caller.</summary>
    private static readonly string[] SubjectKeyProperties = ["SubjectKey", "CallerKey"];

    public IReadOnlyList<string> RekeyTables { get; } = [TableNames.AccessLog];

    public IReadOnlyList<string> RekeySteps { get; } = [.. SubjectKeys.AllBuckets().Select(b => $"{TableNames.AccessLog}/{b}")];

    /// <summary>
    /// One bucket of a re-keying migration: the entries of each individual whose ID number is known move to its new
    /// key's bucket (row key <c>{newKey}|…</c>, the rest unchanged, so the order and the time stay); an entry whose caller
    /// was a subject gets the caller's new key. Entries of individuals the register holds nothing about (looked up, never
    /// listed) have no ID number to derive a new key from: they stay, counted as unknown.
    /// </summary>
    public async Task<RekeyTally> RekeyAsync(string step, PseudonymRekey map, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var bucket = BucketOfStep(step);
        await provisioner.EnsureAsync(cancellationToken);
        var tally = new RekeyTally(TableNames.AccessLog);
        var moves = new List<(TableEntity From, TableEntity To)>();
        var updates = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (row.RowKey.StartsWith(DayPrefix, StringComparison.Ordinal))
            {
                continue; // a day-index row names a look-up and its measures, no subject: it stays where it is
            }

            var subjectKey = row.GetString("SubjectKey");
            var state = map.StateOf(subjectKey);
            if (state == RekeyKeyState.Old && row.RowKey.StartsWith(subjectKey + "|", StringComparison.Ordinal))
            {
                var newKey = map.NewKeyOf(subjectKey)!;
                var moved = RekeyMover.CopyAt(row, SubjectKeys.BucketOf(newKey), newKey + row.RowKey[subjectKey!.Length..]);
                RekeyMover.MapProperties(moved, map, SubjectKeyProperties);
                moves.Add((row, moved));
                continue;
            }

            if (state == RekeyKeyState.New)
            {
                tally.CountAlreadyNew();
            }
            else if (state == RekeyKeyState.Unknown)
            {
                tally.CountUnknown();
            }

            var kept = RekeyMover.CopyAt(row, row.PartitionKey, row.RowKey);
            kept.ETag = row.ETag;
            if (RekeyMover.MapProperties(kept, map, ["CallerKey"]))
            {
                updates.Add(kept);
            }
        }

        if (dryRun)
        {
            tally.CountMoved(moves.Count);
            tally.CountUpdated(updates.Count);
            return tally;
        }

        var (placed, conflicts) = await RekeyMover.MoveAsync(Table, moves, cancellationToken);
        await RekeyMover.UpdateAsync(Table, updates, cancellationToken);
        tally.CountMoved(placed);
        tally.CountConflicts(conflicts);
        tally.CountUpdated(updates.Count);
        return tally;
    }

    /// <summary>No entry left under, or naming, an old key.</summary>
    public async Task<IReadOnlyList<string>> CheckRekeyAsync(PseudonymRekey map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await provisioner.EnsureAsync(cancellationToken);
        var problems = new List<string>();
        foreach (var bucket in SubjectKeys.AllBuckets())
        {
            long left = 0;
            await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), maxPerPage: 1000, cancellationToken: cancellationToken))
            {
                if (map.StateOf(row.RowKey.Split('|')[0]) == RekeyKeyState.Old || RekeyMover.NamesOldKey(row, map))
                {
                    left++;
                }
            }

            if (left > 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{TableNames.AccessLog} {bucket}: {left} entries still under, or naming, an old key"));
            }
        }

        return problems;
    }

    private string BucketOfStep(string step)
    {
        var bucket = step.StartsWith(TableNames.AccessLog + "/", StringComparison.Ordinal) ? step[(TableNames.AccessLog.Length + 1)..] : "";
        return RekeySteps.Contains(step) ? bucket : throw new ArgumentException($"Not a step of {nameof(AccessLogStore)}: {step}", nameof(step));
    }
}
