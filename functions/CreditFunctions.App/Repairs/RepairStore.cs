using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Repairs;

/// <summary>The <c>Repairs</c> table (keys: <see cref="RepairEntities"/>). Every method is safe to repeat.</summary>
public sealed class RepairStore(CreditStorage storage, StorageProvisioner provisioner)
{
    private TableClient Table => storage.Tables.GetTableClient(TableNames.Repairs);

    public ValueTask ReadyAsync(CancellationToken cancellationToken) => provisioner.EnsureAsync(cancellationToken);

    public async Task<StoredRepair?> GetAsync(string repairId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(RepairEntities.RepairPartition(repairId), RepairEntities.RepairRow, cancellationToken: cancellationToken);
        return found.HasValue ? RepairEntities.FromEntity(found.Value!) : null;
    }

    public async Task CreateAsync(StoredRepair repair, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await Table.AddEntityAsync(RepairEntities.ToEntity(repair), cancellationToken);
    }

    public async Task DeleteAsync(string repairId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(RepairEntities.RepairPartition(repairId), RepairEntities.RepairRow, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Gone already.
        }
    }

    /// <summary>One open application per record: Add fails when another holds the record.</summary>
    public async Task<bool> TryClaimRecordAsync(string recordId, string repairId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(RepairEntities.ClaimPartition(recordId), RepairEntities.OpenRow) { ["RepairId"] = repairId }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<string?> OpenRepairOfAsync(string recordId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var claim = await Table.GetEntityIfExistsAsync<TableEntity>(RepairEntities.ClaimPartition(recordId), RepairEntities.OpenRow, cancellationToken: cancellationToken);
        return claim.HasValue ? claim.Value!.GetString("RepairId") : null;
    }

    public async Task ReleaseRecordAsync(string recordId, string repairId, CancellationToken cancellationToken)
    {
        var claim = await Table.GetEntityIfExistsAsync<TableEntity>(RepairEntities.ClaimPartition(recordId), RepairEntities.OpenRow, cancellationToken: cancellationToken);
        if (claim.HasValue && claim.Value!.GetString("RepairId") == repairId)
        {
            try
            {
                await Table.DeleteEntityAsync(claim.Value, claim.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Not ours any more.
            }
        }
    }

    /// <summary>The unit's list row as the application's state says; a decision moves it in one transaction.</summary>
    public async Task WriteIndexAsync(StoredRepair repair, CancellationToken cancellationToken)
    {
        if (repair.Status != RepairStatus.Decided)
        {
            await Table.UpsertEntityAsync(RepairEntities.IndexEntity(RepairEntities.UnitRow(RepairStatus.Pending, repair.RepairId), repair), TableUpdateMode.Replace, cancellationToken);
            return;
        }

        var decided = RepairEntities.IndexEntity(RepairEntities.UnitRow(RepairStatus.Decided, repair.RepairId), repair);
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(decided.PartitionKey, RepairEntities.UnitRow(RepairStatus.Pending, repair.RepairId)), ETag.All),
                new(TableTransactionActionType.UpsertReplace, decided),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            await Table.UpsertEntityAsync(decided, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Replaces the application if unchanged since read (ETag): of two racing decisions one wins. Null when not.</summary>
    public async Task<StoredRepair?> TryReplaceAsync(StoredRepair changed, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(RepairEntities.ToEntity(changed), changed.ETag, TableUpdateMode.Replace, cancellationToken);
            return changed with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    public async IAsyncEnumerable<TableEntity> ListForUnitAsync(string unit, string status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var prefix = status == RepairStatus.Decided ? "decided|" : "pending|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {RepairEntities.UnitPartition(unit)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }
}
