using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Objections;

/// <summary>The <c>Objections</c> table (keys: <see cref="ObjectionEntities"/>). Every method is safe to repeat.</summary>
public sealed class ObjectionStore(CreditStorage storage, StorageProvisioner provisioner)
{
    private TableClient Table => storage.Tables.GetTableClient(TableNames.Objections);

    /// <summary>Tables and queues exist (Azurite starts empty); the list queries below assume it.</summary>
    public ValueTask ReadyAsync(CancellationToken cancellationToken) => provisioner.EnsureAsync(cancellationToken);

    public async Task<StoredObjection?> GetAsync(string objectionId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(
            ObjectionEntities.ObjectionPartition(objectionId), ObjectionEntities.ObjectionRow, cancellationToken: cancellationToken);
        return found.HasValue ? ObjectionEntities.FromEntity(found.Value!) : null;
    }

    /// <summary>Writes a new objection (Add: an id is never reused).</summary>
    public async Task CreateAsync(StoredObjection objection, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await Table.AddEntityAsync(ObjectionEntities.ToEntity(objection), cancellationToken);
    }

    /// <summary>Removes an objection that never became open (its record already had one).</summary>
    public Task DeleteAsync(string objectionId, CancellationToken cancellationToken) =>
        DeleteIfThereAsync(ObjectionEntities.ObjectionPartition(objectionId), ObjectionEntities.ObjectionRow, cancellationToken);

    /// <summary>
    /// Claims the record for <paramref name="objectionId"/>: false when another objection holds it. This row, not the
    /// record's mark, is what makes "one open objection per record" hold under races: Add is atomic.
    /// </summary>
    public async Task<bool> TryClaimRecordAsync(string recordId, string objectionId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(ObjectionEntities.ClaimPartition(recordId), ObjectionEntities.OpenRow)
            {
                ["ObjectionId"] = objectionId,
            }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The id of the record's open objection, if any.</summary>
    public async Task<string?> OpenObjectionOfAsync(string recordId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var claim = await Table.GetEntityIfExistsAsync<TableEntity>(
            ObjectionEntities.ClaimPartition(recordId), ObjectionEntities.OpenRow, cancellationToken: cancellationToken);
        return claim.HasValue ? claim.Value!.GetString("ObjectionId") : null;
    }

    /// <summary>Frees the record, but only from this objection's claim.</summary>
    public async Task ReleaseRecordAsync(string recordId, string objectionId, CancellationToken cancellationToken)
    {
        var claim = await Table.GetEntityIfExistsAsync<TableEntity>(
            ObjectionEntities.ClaimPartition(recordId), ObjectionEntities.OpenRow, cancellationToken: cancellationToken);
        if (claim.HasValue && claim.Value!.GetString("ObjectionId") == objectionId)
        {
            try
            {
                await Table.DeleteEntityAsync(claim.Value, claim.Value.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Released already, or claimed anew after release: either way not ours any more.
            }
        }
    }

    /// <summary>The unit's list row and the pending row, as the objection's state says they should be.</summary>
    public async Task WriteIndexAsync(StoredObjection o, CancellationToken cancellationToken)
    {
        var unitPartition = ObjectionEntities.UnitPartition(o.Unit);
        var pendingRow = ObjectionEntities.UnitRow(ObjectionStatus.Pending, o.ObjectionId);
        if (o.Status == ObjectionStatus.Decided)
        {
            // One partition: the move from the unit's pending list to its decided list is one transaction.
            await MoveAsync(unitPartition, pendingRow, ObjectionEntities.IndexEntity(unitPartition, ObjectionEntities.UnitRow(ObjectionStatus.Decided, o.ObjectionId), o), cancellationToken);
            await DeleteIfThereAsync(ObjectionEntities.PendingPartition, ObjectionEntities.DueRow(o.DecideBy, o.ObjectionId), cancellationToken);
            await DeleteIfThereAsync(ObjectionEntities.PendingPartition, ObjectionEntities.EscalatedRow(o.ObjectionId), cancellationToken);
            return;
        }

        await Table.UpsertEntityAsync(ObjectionEntities.IndexEntity(unitPartition, pendingRow, o), TableUpdateMode.Replace, cancellationToken);
        var dueRow = ObjectionEntities.DueRow(o.DecideBy, o.ObjectionId);
        if (o.EscalationSent)
        {
            // Escalated: out of the range the sweep reads, still in the list of open objections.
            await MoveAsync(ObjectionEntities.PendingPartition, dueRow,
                ObjectionEntities.IndexEntity(ObjectionEntities.PendingPartition, ObjectionEntities.EscalatedRow(o.ObjectionId), o), cancellationToken);
        }
        else
        {
            await Table.UpsertEntityAsync(ObjectionEntities.IndexEntity(ObjectionEntities.PendingPartition, dueRow, o), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Deletes <paramref name="fromRow"/> and writes <paramref name="to"/> in one transaction (same partition).</summary>
    private async Task MoveAsync(string partition, string fromRow, TableEntity to, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Delete, new TableEntity(partition, fromRow), ETag.All),
                new(TableTransactionActionType.UpsertReplace, to),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 404)
        {
            // The old row is gone already (an earlier attempt moved it): write the new one alone.
            await Table.UpsertEntityAsync(to, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// Replaces the objection if nobody changed it since it was read (its ETag): the guard that lets exactly one of two
    /// racing decisions, or of two sweeps, go on. Null when someone else was first.
    /// </summary>
    public async Task<StoredObjection?> TryReplaceAsync(StoredObjection changed, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ObjectionEntities.ToEntity(changed), changed.ETag, TableUpdateMode.Replace, cancellationToken);
            return changed with { ETag = response.Headers.ETag ?? default };
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>A unit's objections with one status: one range query in the unit's partition.</summary>
    public async IAsyncEnumerable<TableEntity> ListForUnitAsync(string unit, string status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var prefix = status == ObjectionStatus.Decided ? "decided|" : "pending|";
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ObjectionEntities.UnitPartition(unit)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return row;
        }
    }

    /// <summary>Every open objection (the pending partition): for the Center and administrators.</summary>
    public IAsyncEnumerable<TableEntity> ListPendingAsync(CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ObjectionEntities.PendingPartition}"), maxPerPage: 1000, cancellationToken: cancellationToken);

    /// <summary>Every unit's decided objections: a range over the unit partitions' index rows (Center and administrators).</summary>
    public IAsyncEnumerable<TableEntity> ListDecidedAsync(CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {"unit|"} and PartitionKey lt {"unit|~"} and RowKey ge {"decided|"} and RowKey lt {"decided|~"}"),
            maxPerPage: 1000, cancellationToken: cancellationToken);

    /// <summary>Open objections not escalated yet whose decide-by day is before <paramref name="today"/>.</summary>
    public async Task<IReadOnlyList<string>> OverdueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var (from, to) = ObjectionEntities.OverdueRange(today);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {ObjectionEntities.PendingPartition} and RowKey ge {from} and RowKey lt {to}");
        var ids = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["ObjectionId"], cancellationToken: cancellationToken))
        {
            if (row.GetString("ObjectionId") is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private async Task DeleteIfThereAsync(string partition, string row, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(partition, row, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone: the state we wanted.
        }
    }
}
