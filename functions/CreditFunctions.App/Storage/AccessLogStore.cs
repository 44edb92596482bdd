using System.Globalization;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// One look-up of a subject (art12: who, when, for what business). <see cref="CallerKey"/> is the pseudonymous
/// subject key of a subject caller, never its ID number; the looked-at subject is known only by its key too.
/// </summary>
public sealed record AccessLogEntry(
    string SubjectKey,
    DateTimeOffset At,
    string Role,
    string? Unit,
    string? CallerKey,
    string? CallerName,
    string? Business,
    string Route);

/// <summary>
/// The <c>AccessLog</c> table (docs/table-design.md): <c>PK = subject bucket</c>,
/// <c>RK = {subjectKey}|{invertedTicks:D19}|{shortGuid}</c>. A look-up costs one insert; a subject's log is one
/// range query in one partition that comes back newest first, because the inverted ticks sort that way.
/// </summary>
public sealed class AccessLogStore(CreditStorage storage, StorageProvisioner provisioner) : ISubjectKeyHolder
{
    public const int MaxRead = 1000;

    private TableClient Table => storage.Tables.GetTableClient(TableNames.AccessLog);

    /// <summary>One look-up: one storage request.</summary>
    public async Task WriteAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        // Add, not upsert: the row key is unique (ticks + random part), and an add states that we never overwrite.
        await Table.AddEntityAsync(ToEntity(entry), cancellationToken);
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
            .Select(ToEntity)
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(100))
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

    public static string RowKey(string subjectKey, DateTimeOffset at, Guid unique) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{subjectKey}|{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}|{unique.ToString("N")[..12]}");

    private static TableEntity ToEntity(AccessLogEntry entry) =>
        new(SubjectKeys.BucketOf(entry.SubjectKey), RowKey(entry.SubjectKey, entry.At, Guid.NewGuid()))
        {
            ["SubjectKey"] = entry.SubjectKey,
            ["At"] = entry.At,
            ["Role"] = entry.Role,
            ["Unit"] = entry.Unit,
            ["CallerKey"] = entry.CallerKey,
            ["CallerName"] = entry.CallerName,
            ["Business"] = entry.Business,
            ["Route"] = entry.Route,
        };

    private static AccessLogEntry FromEntity(TableEntity entity) => new(
        entity.GetString("SubjectKey") ?? "",
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Role") ?? "",
        entity.GetString("Unit"),
        entity.GetString("CallerKey"),
        entity.GetString("CallerName"),
        entity.GetString("Business"),
        entity.GetString("Route") ?? "");

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
