using System.Globalization;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>What reading the register for its ID numbers found (<see cref="RecordStore.LearnSubjectsAsync"/>).</summary>
/// <param name="Rows">Rows read.</param>
/// <param name="Foreign">Rows whose key is the pseudonym of their stored ID number under neither key: the old key is wrong.</param>
/// <param name="ForeignExamples">Where a few of them are (bucket and record id: no ID number, no key).</param>
public sealed record RekeyLearning(long Rows, long Foreign, IReadOnlyList<string> ForeignExamples);

/// <summary>A re-keying migration's progress (partition <c>rekey</c> of <c>Records</c>): which keys, which steps are done.</summary>
public sealed record RekeyProgress(
    string FromFingerprint, string ToFingerprint, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, IReadOnlyList<string> Done, DateTimeOffset? CompletedAt);

/// <summary>
/// Re-keying (infra/Rekey, bicep/README.md "Re-keying"): every row of <c>Records</c> and <c>RecordLocators</c> that names an
/// individual by its subject key, moved from the old pseudonym key to the new one. Where an individual's key is part of
/// a row's keys (<c>s|{key}|…</c>, and the expiry index and outbox rows of its bucket) the row moves to the new key's
/// bucket; where a key is only a property (a unit's profile naming its legal representative, a unit's copies of the
/// representative's records, a forwarding row, a locator) the row stays and the property changes. The ID numbers come
/// from the rows themselves (<c>SubjectId</c>, <c>LegalRepresentativeId</c>), never from the keys.
/// </summary>
public sealed partial class RecordStore : ISubjectKeyHolder
{
    /// <summary>The properties of <c>Records</c> and <c>RecordLocators</c> rows that hold a subject key.</summary>
    private static readonly string[] SubjectKeyProperties = ["SubjectKey", "MovedTo", "MirrorOf", "MirroredFrom", "LegalRepresentativeKey"];

    private const string LocatorsStep = TableNames.RecordLocators;

    public IReadOnlyList<string> RekeyTables { get; } = [TableNames.Records, TableNames.RecordLocators];

    public IReadOnlyList<string> RekeySteps { get; } =
        [.. SubjectKeys.AllBuckets().Select(b => $"{TableNames.Records}/{b}"), LocatorsStep];

    /// <summary>
    /// Reads every bucket and learns each individual's ID number stored with its rows: records and copies
    /// (<c>SubjectId</c>, <c>LegalRepresentativeId</c>) and profiles (the same, on profiles written since they keep them).
    /// Also checks that each record's key is its ID number's pseudonym under the old or the new key: a row under neither
    /// means the old key given is not the key the register was written with.
    /// </summary>
    public async Task<RekeyLearning> LearnSubjectsAsync(PseudonymRekey map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await provisioner.EnsureAsync(cancellationToken);
        long rows = 0, foreign = 0;
        var examples = new List<string>();
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (bucket, token) =>
        {
            await foreach (var row in Records.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), maxPerPage: 1000, cancellationToken: token))
            {
                Interlocked.Increment(ref rows);
                if (!IsForeign(row, map))
                {
                    continue;
                }

                Interlocked.Increment(ref foreign);
                lock (examples)
                {
                    if (examples.Count < 10)
                    {
                        examples.Add($"{bucket} {row.GetString("RecordId") ?? KindOf(row.RowKey)}");
                    }
                }
            }
        });
        return new RekeyLearning(rows, foreign, examples);
    }

    /// <summary>Learns the ID numbers of one row; true when the row's own key is the pseudonym of neither key.</summary>
    private static bool IsForeign(TableEntity row, PseudonymRekey map)
    {
        var (owner, kind) = OwnerOf(row.RowKey);
        if (kind is not ('r' or 'm' or 'p'))
        {
            return false;
        }

        map.TryLearn(row.GetString("LegalRepresentativeId"), out var oldRepresentative, out var newRepresentative);
        if (kind == 'p' && row.GetString("LegalRepresentativeKey") is { } named && row.GetString("LegalRepresentativeId") is not null
            && named != oldRepresentative && named != newRepresentative)
        {
            return true;
        }

        var individual = row.GetString("SubjectType") is null or "individual";
        if (!individual || !map.TryLearn(row.GetString("SubjectId"), out var oldKey, out var newKey))
        {
            return false;
        }

        // A forwarding row holds the state it moved to: its SubjectId is the new subject's, not this partition's.
        if (row.GetString("MovedTo") is { Length: > 0 })
        {
            return false;
        }

        var keyed = kind == 'm' ? row.GetString("SubjectKey") : owner;
        return keyed != oldKey && keyed != newKey;
    }

    public Task<RekeyTally> RekeyAsync(string step, PseudonymRekey map, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (step == LocatorsStep)
        {
            return RekeyLocatorsAsync(map, dryRun, cancellationToken);
        }

        var bucket = step.StartsWith(TableNames.Records + "/", StringComparison.Ordinal) ? step[(TableNames.Records.Length + 1)..] : null;
        return bucket is not null && SubjectKeys.AllBuckets().Contains(bucket)
            ? RekeyBucketAsync(bucket, map, dryRun, cancellationToken)
            : throw new ArgumentException($"Not a step of {nameof(RecordStore)}: {step}", nameof(step));
    }

    /// <summary>One bucket: its individuals' rows to their new buckets, references to them changed in place.</summary>
    private async Task<RekeyTally> RekeyBucketAsync(string bucket, PseudonymRekey map, bool dryRun, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var tally = new RekeyTally(TableNames.Records);
        var moves = new List<(TableEntity From, TableEntity To)>();
        var updates = new List<TableEntity>();
        var events = new List<OutboxPointer>();
        await foreach (var row in Records.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var (owner, kind) = OwnerOf(row.RowKey);
            if (kind is 'x' or 'o')
            {
                owner = row.GetString("SubjectKey");
            }

            switch (map.StateOf(owner))
            {
                case RekeyKeyState.Old:
                    var newKey = map.NewKeyOf(owner)!;
                    var rowKey = kind is 'x' or 'o' ? row.RowKey : $"s|{newKey}{row.RowKey[(2 + owner!.Length)..]}";
                    var moved = RekeyMover.CopyAt(row, SubjectKeys.BucketOf(newKey), rowKey);
                    RekeyMover.MapProperties(moved, map, SubjectKeyProperties);
                    moves.Add((row, moved));
                    if (kind == 'o' && row.GetString("EventId") is { } eventId)
                    {
                        events.Add(new OutboxPointer(moved.PartitionKey, eventId));
                    }

                    continue;
                case RekeyKeyState.New:
                    tally.CountAlreadyNew();
                    break;
                case RekeyKeyState.Unknown:
                    tally.CountUnknown();
                    break;
            }

            if (kind == 'p' && map.StateOf(row.GetString("LegalRepresentativeKey")) == RekeyKeyState.Unknown)
            {
                tally.UnitsWithUnknownRepresentative.Add(owner ?? "");
            }

            var kept = RekeyMover.CopyAt(row, row.PartitionKey, row.RowKey);
            kept.ETag = row.ETag;
            if (RekeyMover.MapProperties(kept, map, SubjectKeyProperties))
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

        var (placed, conflicts) = await RekeyMover.MoveAsync(Records, moves, cancellationToken);
        await RekeyMover.UpdateAsync(Records, updates, cancellationToken);
        tally.CountMoved(placed);
        tally.CountConflicts(conflicts);
        tally.CountUpdated(updates.Count);
        tally.MovedEvents.AddRange(events);
        return tally;
    }

    /// <summary>Every locator (record locators and the index of parties listed with a unit) naming an old key, pointed at the new key and bucket.</summary>
    private async Task<RekeyTally> RekeyLocatorsAsync(PseudonymRekey map, bool dryRun, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var tally = new RekeyTally(TableNames.RecordLocators);
        var updates = new List<TableEntity>();
        await foreach (var row in Locators.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var key = row.GetString("SubjectKey");
            switch (map.StateOf(key))
            {
                case RekeyKeyState.Old:
                    var newKey = map.NewKeyOf(key)!;
                    var kept = RekeyMover.CopyAt(row, row.PartitionKey, row.RowKey);
                    kept.ETag = row.ETag;
                    kept["SubjectKey"] = newKey;
                    kept["Bucket"] = SubjectKeys.BucketOf(newKey);
                    updates.Add(kept);
                    break;
                case RekeyKeyState.New:
                    tally.CountAlreadyNew();
                    break;
                case RekeyKeyState.Unknown:
                    tally.CountUnknown();
                    break;
            }

            if (updates.Count >= 1000)
            {
                await FlushAsync();
            }
        }

        await FlushAsync();
        return tally;

        async Task FlushAsync()
        {
            if (!dryRun)
            {
                await RekeyMover.UpdateAsync(Locators, updates, cancellationToken);
            }

            tally.CountUpdated(updates.Count);
            updates.Clear();
        }
    }

    /// <summary>
    /// After a migration: no row of <c>Records</c> or <c>RecordLocators</c> is under, or names, an old key; every record of an
    /// individual under its new key has its ID number's new pseudonym, a whole history chain that verifies and ends at the
    /// record's tip, and its expiry index row while it is active; every locator naming a new key finds its record there.
    /// </summary>
    public async Task<IReadOnlyList<string>> CheckRekeyAsync(PseudonymRekey map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await provisioner.EnsureAsync(cancellationToken);
        var problems = new List<string>();
        var rows = new HashSet<string>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (bucket, token) =>
        {
            var found = await CheckBucketAsync(bucket, map, token);
            lock (problems)
            {
                problems.AddRange(found.Problems);
                rows.UnionWith(found.RecordRows);
            }
        });

        long stale = 0, dangling = 0;
        await foreach (var locator in Locators.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var key = locator.GetString("SubjectKey");
            var state = map.StateOf(key);
            if (state == RekeyKeyState.Old)
            {
                stale++;
            }
            else if (state == RekeyKeyState.New && (!rows.Contains(Keys.RecordRow(key!, locator.RowKey)) || locator.GetString("Bucket") != SubjectKeys.BucketOf(key!)))
            {
                dangling++;
            }
        }

        if (stale > 0)
        {
            problems.Add($"{TableNames.RecordLocators}: {stale} locators still name an old key");
        }

        if (dangling > 0)
        {
            problems.Add($"{TableNames.RecordLocators}: {dangling} locators name a new key (or bucket) where their record is not");
        }

        return problems;
    }

    private async Task<(List<string> Problems, List<string> RecordRows)> CheckBucketAsync(string bucket, PseudonymRekey map, CancellationToken cancellationToken)
    {
        long oldRows = 0, oldReferences = 0, wrongKey = 0, brokenChains = 0, missingIndex = 0;
        var records = new List<TableEntity>();
        var history = new Dictionary<string, List<TableEntity>>(StringComparer.Ordinal);
        var index = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in Records.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {bucket}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var (owner, kind) = OwnerOf(row.RowKey);
            if (map.StateOf(kind is 'x' or 'o' ? row.GetString("SubjectKey") : owner) == RekeyKeyState.Old)
            {
                oldRows++;
                continue;
            }

            // Any string property at all, not only the known ones: a key left behind anywhere is found.
            if (RekeyMover.NamesOldKey(row, map))
            {
                oldReferences++;
            }

            if (map.StateOf(owner) != RekeyKeyState.New)
            {
                if (kind == 'x')
                {
                    index.Add($"{row.RowKey}|{row.GetString("SubjectKey")}");
                }

                continue;
            }

            switch (kind)
            {
                case 'r':
                    records.Add(row);
                    break;
                case 'h':
                    var prefix = row.RowKey[..(row.RowKey.LastIndexOf('|') + 1)];
                    if (!history.TryGetValue(prefix, out var entries))
                    {
                        history[prefix] = entries = [];
                    }

                    entries.Add(row);
                    break;
            }
        }

        var recordRows = new List<string>(records.Count);
        foreach (var row in records)
        {
            var (key, _) = OwnerOf(row.RowKey);
            var stored = ToStored(row);
            recordRows.Add(row.RowKey);
            if (stored.IsForwarding)
            {
                continue;
            }

            if (stored.Record.Subject.Type == SubjectType.Individual && map.NewKeyFor(stored.Record.Subject.Value) != key)
            {
                wrongKey++;
            }

            var chain = (history.GetValueOrDefault(Keys.HistoryPrefix(key!, stored.Record.RecordId)) ?? [])
                .Select(ToHistory).OrderBy(h => h.Sequence).ToList();
            if (!HistoryChain.Verify(chain) || chain.Count != stored.HistorySequence || (chain.Count > 0 && chain[^1].Hash != stored.HistoryHash))
            {
                brokenChains++;
            }

            if (stored.Record.State == RecordState.Active && stored.Record.ExpiresOn is { } expires
                && !index.Contains($"{Keys.ExpiryRow(expires, stored.Record.RecordId)}|{key}"))
            {
                missingIndex++;
            }
        }

        var problems = new List<string>();
        Report(oldRows, "rows still under an old key");
        Report(oldReferences, "rows still name an old key");
        Report(wrongKey, "records of an individual are under a key that is not its ID number's new pseudonym");
        Report(brokenChains, "records' history chains are incomplete or do not verify under the new key");
        Report(missingIndex, "active records under a new key have no expiry index row");
        return (problems, recordRows);

        void Report(long count, string what)
        {
            if (count > 0)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{TableNames.Records} {bucket}: {count} {what}"));
            }
        }
    }

    /// <summary>The subject key and the row kind (<c>p r m u h</c>) of an <c>s|{key}|{kind}…</c> row; otherwise (null, the first character).</summary>
    private static (string? Key, char Kind) OwnerOf(string rowKey)
    {
        if (rowKey.StartsWith("s|", StringComparison.Ordinal))
        {
            var end = rowKey.IndexOf('|', 2);
            if (end > 2 && end + 1 < rowKey.Length)
            {
                return (rowKey[2..end], rowKey[end + 1]);
            }
        }

        return (null, rowKey.Length > 0 ? rowKey[0] : ' ');
    }

    private static string KindOf(string rowKey) => OwnerOf(rowKey).Kind switch
    {
        'p' => "profile",
        'u' => "representation row",
        _ => "row",
    };

    /// <summary>The migration's progress, if one was ever started.</summary>
    public async Task<RekeyProgress?> ReadRekeyProgressAsync(CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var found = await Records.GetEntityIfExistsAsync<TableEntity>(Keys.RekeyPartition, Keys.RekeyRow, cancellationToken: cancellationToken);
        if (!found.HasValue)
        {
            return null;
        }

        var row = found.Value!;
        return new RekeyProgress(
            row.GetString("FromKey") ?? "",
            row.GetString("ToKey") ?? "",
            row.GetDateTimeOffset("StartedAt") ?? default,
            row.GetDateTimeOffset("UpdatedAt") ?? default,
            (row.GetString("Done") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
            row.GetDateTimeOffset("CompletedAt"));
    }

    public async Task SaveRekeyProgressAsync(RekeyProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        await provisioner.EnsureAsync(cancellationToken);
        await Records.UpsertEntityAsync(new TableEntity(Keys.RekeyPartition, Keys.RekeyRow)
        {
            ["FromKey"] = progress.FromFingerprint,
            ["ToKey"] = progress.ToFingerprint,
            ["StartedAt"] = progress.StartedAt,
            ["UpdatedAt"] = progress.UpdatedAt,
            ["Done"] = string.Join(',', progress.Done),
            ["CompletedAt"] = progress.CompletedAt,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
