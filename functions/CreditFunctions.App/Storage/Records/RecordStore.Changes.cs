using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Changes of subjects for the watches (contract v2): a <c>c|</c> row per change, committed in the same transaction as
/// the change itself, so a change is never lost nor made up; the fan-out takes them off once every watch has it. They
/// travel on the outbox notice with the platform events and are found again by reconciliation like them.
/// </summary>
public sealed partial class RecordStore
{
    /// <summary>The change a pointer names, from the pointer itself or (a pointer from reconciliation) its row; null when gone.</summary>
    public async Task<SubjectChangeNotice?> ChangeAsync(OutboxPointer pointer, CancellationToken cancellationToken)
    {
        if (pointer.Change is { } carried)
        {
            return carried;
        }

        var row = await Records.GetEntityIfExistsAsync<TableEntity>(pointer.Partition, Keys.ChangeRow(pointer.EventId), cancellationToken: cancellationToken);
        return row.HasValue ? ToChange(row.Value!) : null;
    }

    /// <summary>Takes a change off once it is in every watch's feed (the row's ETag does not matter: it is written once).</summary>
    public async Task DeleteChangeAsync(OutboxPointer pointer, CancellationToken cancellationToken)
    {
        try
        {
            await Records.DeleteEntityAsync(pointer.Partition, Keys.ChangeRow(pointer.EventId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Taken off already by another fan-out of the same notice.
        }
    }
}
