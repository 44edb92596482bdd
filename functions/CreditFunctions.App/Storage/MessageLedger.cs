using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Which messages have been applied (<c>Idempotency</c>) and where each record lives (<c>RecordLocators</c>).
/// Both are keyed by source, so one message's entries are one transaction.
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
        var actions = locators
            .DistinctBy(l => l.RecordId)
            .Select(l => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(Partition(source), l.RecordId)
            {
                ["SubjectKey"] = l.SubjectKey,
                ["Bucket"] = SubjectKeys.BucketOf(l.SubjectKey),
            }));
        // A court list of 100,000 records is 1,000 transactions: run several at once (one partition, so Azure's
        // per-partition limit of ~2,000 entities/s is the ceiling, not our round trips).
        await Parallel.ForEachAsync(
            actions.Chunk(100),
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
        var locator = await table.GetEntityIfExistsAsync<TableEntity>(Partition(source), recordId, cancellationToken: cancellationToken);
        return locator.HasValue ? locator.Value!.GetString("SubjectKey") : null;
    }

    private static string Partition(string source) => TableKeys.Escape(source);
}

public sealed record RecordLocator(string RecordId, string SubjectKey);
