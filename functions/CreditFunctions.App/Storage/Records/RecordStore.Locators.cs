using Azure;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

public sealed partial class RecordStore
{
    /// <summary>Azure's limit for one entity-group transaction (Azurite accepts more; we must not rely on it).</summary>
    public const int MaxEntitiesPerTransaction = 100;

    /// <summary>
    /// A record's locator: <c>RecordLocators</c>, partition <c>{source}!{shard}</c>, row = record id. <c>SubjectKey</c> names
    /// the subject the record lives under (empty while only a revoke is remembered), <c>Version</c> the highest version
    /// placed, <c>RevokedVersion</c> a revoke received before any version.
    /// </summary>
    private static TableEntity LocatorEntity(string recordId, string subjectKey, long version, long revokedVersion = 0)
    {
        var entity = new TableEntity(Keys.LocatorPartition(recordId), recordId)
        {
            ["SubjectKey"] = subjectKey,
            ["Bucket"] = subjectKey.Length == 0 ? "" : SubjectKeys.BucketOf(subjectKey),
            ["Version"] = version,
        };
        if (revokedVersion > 0)
        {
            entity["RevokedVersion"] = revokedVersion;
        }

        return entity;
    }

    private async Task<TableEntity?> ReadLocatorAsync(string recordId, CancellationToken cancellationToken)
    {
        var found = await Locators.GetEntityIfExistsAsync<TableEntity>(Keys.LocatorPartition(recordId), recordId, cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    /// <summary>The first word on a new record: Add, so two writers creating one record cannot both succeed.</summary>
    private Task AddLocatorAsync(string recordId, string subjectKey, long version, CancellationToken cancellationToken) =>
        Locators.AddEntityAsync(LocatorEntity(recordId, subjectKey, version), cancellationToken);

    /// <summary>
    /// Points the locator at <paramref name="subjectKey"/> unless it names a later version already (moves can finish out of
    /// order; the forwarding rows still lead to the record, the locator only saves the hops). Keeps a remembered revoke.
    /// </summary>
    private async Task PointLocatorAsync(string recordId, string subjectKey, long version, TableEntity? asRead, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = asRead ?? await ReadLocatorAsync(recordId, cancellationToken);
            asRead = null;
            try
            {
                if (current is null)
                {
                    await AddLocatorAsync(recordId, subjectKey, version, cancellationToken);
                    return;
                }

                if ((current.GetString("SubjectKey") == subjectKey && (current.GetInt64("Version") ?? 0) >= version) || (current.GetInt64("Version") ?? 0) > version)
                {
                    return;
                }

                await Locators.UpdateEntityAsync(
                    LocatorEntity(recordId, subjectKey, version, current.GetInt64("RevokedVersion") ?? 0), current.ETag, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (RequestFailedException e) when (Contention.IsLostRace(e) && attempt < Contention.MaxAttempts)
            {
                await Contention.BackOffAsync(attempt, cancellationToken);
            }
        }
    }

    /// <summary>A revoke of a record never received: kept in its locator only, naming no subject (contract v2: identity is enough).</summary>
    private async Task RememberRevokeAsync(string recordId, Place place, long version, CancellationToken cancellationToken)
    {
        if (place.Locator is null && place.Key is null)
        {
            await Locators.AddEntityAsync(LocatorEntity(recordId, "", version, version), cancellationToken);
            return;
        }

        var locator = place.Locator ?? await ReadLocatorAsync(recordId, cancellationToken)
            ?? throw new RequestFailedException(412, "The locator went away meanwhile.");
        await Locators.UpdateEntityAsync(
            LocatorEntity(recordId, locator.GetString("SubjectKey") ?? "", Math.Max(version, locator.GetInt64("Version") ?? 0), version),
            locator.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Adds the locators of records a message names for the first time, in one transaction per locator shard and 100
    /// rows. Returns the ids whose locator already existed (records seen before: they take the read-decide-write way).
    /// A failed transaction names the row that exists; the rest are tried again without it, a few times.
    /// </summary>
    private async Task<HashSet<string>> AddLocatorsAsync(IReadOnlyList<TableEntity> locators, CancellationToken cancellationToken)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        var chunks = locators.GroupBy(l => l.PartitionKey).SelectMany(g => g.Chunk(MaxEntitiesPerTransaction)).ToList();
        // A court list of 100,000 records is ~1,000 transactions over 8 partitions: run several at once.
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (chunk, ct) =>
        {
            var rows = chunk.ToList();
            for (var attempt = 1; rows.Count > 0; attempt++)
            {
                try
                {
                    await Locators.SubmitTransactionAsync(rows.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), ct);
                    return;
                }
                catch (TableTransactionFailedException e) when (e.Status == 409)
                {
                    var failed = e.FailedTransactionActionIndex is { } i && i >= 0 && i < rows.Count ? i : -1;
                    if (failed < 0 || attempt == 4)
                    {
                        // Most of the chunk is likely known (a redelivery, a feed of updates): all of it goes the careful way.
                        lock (known)
                        {
                            known.UnionWith(rows.Select(r => r.RowKey));
                        }

                        return;
                    }

                    lock (known)
                    {
                        known.Add(rows[failed].RowKey);
                    }

                    rows.RemoveAt(failed);
                }
            }
        });
        return known;
    }

    /// <summary>Indexes parties listed with a unit (wage-arrears list) under the unit, for its repair (MOHRSS Order No. 45).</summary>
    private async Task IndexListedWithAsync(IReadOnlyList<(string UnitId, string RecordId, string SubjectKey)> parties, CancellationToken cancellationToken)
    {
        foreach (var chunk in parties.GroupBy(p => Keys.ListedWithPartition(p.UnitId)).SelectMany(g => g.DistinctBy(p => p.RecordId).Chunk(MaxEntitiesPerTransaction)))
        {
            await Locators.SubmitTransactionAsync(chunk.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace,
                new TableEntity(Keys.ListedWithPartition(p.UnitId), p.RecordId) { ["SubjectKey"] = p.SubjectKey, ["Bucket"] = SubjectKeys.BucketOf(p.SubjectKey) })), cancellationToken);
        }
    }

    /// <summary>
    /// Records whose own listing names <paramref name="unitId"/> in <c>listedWithUnitId</c> (any state): one query of the
    /// index, then each where it lives (one read, more only for a record that moved).
    /// </summary>
    public async Task<IReadOnlyList<StoredRecord>> ListedWithAsync(string unitId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var found = new List<StoredRecord>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Keys.ListedWithPartition(unitId)}");
        await foreach (var row in Locators.QueryAsync<TableEntity>(filter, select: ["RowKey", "SubjectKey"], cancellationToken: cancellationToken))
        {
            var stored = row.GetString("SubjectKey") is { Length: > 0 } key ? await GetAsync(key, row.RowKey, cancellationToken) : null;
            stored ??= await FindAsync(row.RowKey, cancellationToken);
            if (stored is not null)
            {
                found.Add(stored);
            }
        }

        return found;
    }
}
