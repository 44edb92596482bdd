using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Which messages have been applied (<c>Idempotency</c>) and where each record lives (<c>RecordLocators</c>).
/// Both are keyed by source (a message has one), locators in <see cref="RecordIds.LocatorShards"/> shards of it, so one
/// message's locators are at most that many transactions.
/// </summary>
public sealed class MessageLedger(CreditStorage storage, StorageProvisioner provisioner, TimeProvider clock)
{
    public async Task<bool> WasAppliedAsync(string source, string messageId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var table = storage.Tables.GetTableClient(TableNames.Idempotency);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(
            Partition(source), TableKeys.Escape(messageId), select: ["PartitionKey"], cancellationToken: cancellationToken);
        return existing.HasValue;
    }

    /// <summary>Written last: a crash before it replays the message, which per-record versions make harmless.</summary>
    public async Task MarkAppliedAsync(string source, string messageId, int accepted, int rejected, CancellationToken cancellationToken)
    {
        var table = storage.Tables.GetTableClient(TableNames.Idempotency);
        await table.UpsertEntityAsync(new TableEntity(Partition(source), TableKeys.Escape(messageId))
        {
            ["MessageId"] = messageId,
            ["AppliedAt"] = clock.GetUtcNow(),
            ["Accepted"] = accepted,
            ["Rejected"] = rejected,
        }, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task WriteLocatorsAsync(string source, IReadOnlyList<RecordLocator> locators, CancellationToken cancellationToken)
    {
        if (locators.Count == 0)
        {
            return;
        }

        var table = storage.Tables.GetTableClient(TableNames.RecordLocators);
        var distinct = locators.DistinctBy(l => l.RecordId).ToList();
        var rows = distinct.Select(l => (Partition: LocatorPartition(source, l.RecordId), Locator: l))
            // Parties listed with a unit (wage-arrears list) are also indexed under that unit, for its repair (art11).
            .Concat(distinct.Where(l => !string.IsNullOrWhiteSpace(l.ListedWithUnitId)).Select(l => (Partition: ListedWithPartition(l.ListedWithUnitId!), Locator: l)));
        var transactions = rows
            .GroupBy(r => r.Partition)
            .SelectMany(partition => partition.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition.Key, r.Locator.RecordId)
            {
                ["SubjectKey"] = r.Locator.SubjectKey,
                ["Bucket"] = SubjectKeys.BucketOf(r.Locator.SubjectKey),
            })).Chunk(100));
        // A court list of 100,000 records is ~1,000 transactions over 8 partitions: run several at once.
        await Parallel.ForEachAsync(
            transactions,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken },
            async (chunk, ct) => await table.SubmitTransactionAsync(chunk, ct));
    }

    public async Task<string?> FindSubjectKeyAsync(string recordId, CancellationToken cancellationToken)
    {
        var source = RecordIds.SourceOf(recordId);
        if (source is null)
        {
            return null;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var table = storage.Tables.GetTableClient(TableNames.RecordLocators);
        var locator = await table.GetEntityIfExistsAsync<TableEntity>(LocatorPartition(source, recordId), recordId, cancellationToken: cancellationToken);
        return locator.HasValue ? locator.Value!.GetString("SubjectKey") : null;
    }

    /// <summary>The index of the parties listed with a unit: <c>w|{unit's USCC}</c>, rows keyed by the party's record id.</summary>
    public static string ListedWithPartition(string unitId) => $"w|{TableKeys.Escape(unitId.Trim().ToUpperInvariant())}";

    /// <summary>Every locator partition of a source: <c>{source}!0</c> … <c>{source}!7</c>.</summary>
    public static IEnumerable<string> LocatorPartitions(string source) =>
        Enumerable.Range(0, RecordIds.LocatorShards).Select(shard => $"{Partition(source)}!{shard}");

    /// <summary>
    /// A source's locators are spread over shards by the record id's hash: Azure serves one partition at about 2,000
    /// entities/s, and the court's list alone is 100,000 records, so one partition per source would be the ceiling of
    /// every bulk load (and, in Azurite, each write scans its partition: one big partition makes a bulk load quadratic).
    /// </summary>
    public static string LocatorPartition(string source, string recordId) => $"{Partition(source)}!{RecordIds.LocatorShardOf(recordId)}";

    private static string Partition(string source) => TableKeys.Escape(source);
}

/// <param name="ListedWithUnitId">For a party listed with a unit (wage-arrears list): that unit's USCC.</param>
public sealed record RecordLocator(string RecordId, string SubjectKey, string? ListedWithUnitId = null);
