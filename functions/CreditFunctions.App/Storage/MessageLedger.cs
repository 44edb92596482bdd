using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Which messages have been applied (<c>Idempotency</c>, partition = source, row = message id). The mark is written
/// last, after every record of the message is committed, so a crash before it replays the message, which per-record
/// versions make harmless.
/// </summary>
public sealed class MessageLedger(CreditStorage storage, StorageProvisioner provisioner, TimeProvider clock)
{
    private TableClient Table => storage.Tables.GetTableClient(TableNames.Idempotency);

    public async Task<bool> WasAppliedAsync(string source, string messageId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var existing = await Table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Escape(source), TableKeys.Escape(messageId), select: ["PartitionKey"], cancellationToken: cancellationToken);
        return existing.HasValue;
    }

    public async Task MarkAppliedAsync(string source, string messageId, int accepted, int rejected, CancellationToken cancellationToken)
    {
        await Table.UpsertEntityAsync(new TableEntity(TableKeys.Escape(source), TableKeys.Escape(messageId))
        {
            ["MessageId"] = messageId,
            ["AppliedAt"] = clock.GetUtcNow(),
            ["Accepted"] = accepted,
            ["Rejected"] = rejected,
        }, TableUpdateMode.Replace, cancellationToken);
    }
}
