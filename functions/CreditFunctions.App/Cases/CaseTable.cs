using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Cases;

/// <summary>
/// The one owner of a case table (<c>Objections</c> or <c>Repairs</c>: one instance per kind). Four kinds of row, each
/// serving one query, none scanning (docs/table-design.md, "Cases"):
/// <list type="bullet">
/// <item><c>c|{id}</c> / <c>case</c>: the case itself (point read by id; every status change ETag-guarded);</item>
/// <item><c>r|{recordId}</c> / <c>open</c>: the record's one open case (Add fails when one is open);</item>
/// <item><c>unit|{unit}</c> / <c>pending|{id}</c> or <c>decided|{id}</c>: a unit's list, one range query per status;</item>
/// <item><c>open</c> / <c>d|{dueOn:yyyyMMdd}|{id}</c> (not escalated) or <c>e|{id}</c> (escalated): every open case, so a
/// sweep reads only those whose due day has passed.</item>
/// </list>
/// Every method is safe to repeat.
/// </summary>
public sealed class CaseTable<TCase>(CreditStorage storage, StorageProvisioner provisioner, CaseKind<TCase> kind) : ISubjectKeyHolder
    where TCase : StoredCase
{
    private const string CaseRow = "case";
    private const string ClaimRow = "open";
    private const string OpenPartition = "open";

    private TableClient Table => storage.Tables.GetTableClient(kind.TableName);

    private static string CasePartition(string id) => "c|" + id;

    private static string ClaimPartition(string recordId) => "r|" + recordId;

    private static string UnitPartition(string unit) => "unit|" + TableKeys.Escape(unit);

    private static string UnitRow(string status, string id) => (status == CaseStatus.Decided ? "decided|" : "pending|") + id;

    private static string DueRow(DateOnly dueOn, string id) => $"d|{dueOn:yyyyMMdd}|{id}";

    private static string EscalatedRow(string id) => "e|" + id;

    public ValueTask ReadyAsync(CancellationToken cancellationToken) => provisioner.EnsureAsync(cancellationToken);

    /// <summary>The case with this id; null for an unknown one or an id of another shape (checked before it becomes a key).</summary>
    public async Task<TCase?> GetAsync(string? id, CancellationToken cancellationToken)
    {
        if (!CaseIds.IsWellFormed(id, kind.IdPrefix))
        {
            return null;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var found = await Table.GetEntityIfExistsAsync<TableEntity>(CasePartition(id!), CaseRow, cancellationToken: cancellationToken);
        return found.HasValue ? FromEntity(found.Value!) : null;
    }

    /// <summary>Writes a new case (Add: an id is never reused).</summary>
    public async Task CreateAsync(TCase value, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await Table.AddEntityAsync(ToEntity(value), cancellationToken);
    }

    /// <summary>Removes a case that never became open (its record already had one).</summary>
    public Task DeleteAsync(string id, CancellationToken cancellationToken) => DeleteIfThereAsync(CasePartition(id), CaseRow, cancellationToken);

    /// <summary>
    /// Claims the record for the case: false when another case holds it. This row, not the record's state, is what makes
    /// "one open case per record" hold under races: Add is atomic.
    /// </summary>
    public async Task<bool> TryClaimRecordAsync(string recordId, string id, CancellationToken cancellationToken)
    {
        try
        {
            await Table.AddEntityAsync(new TableEntity(ClaimPartition(recordId), ClaimRow) { ["CaseId"] = id }, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The id of the case holding the record, if any.</summary>
    public async Task<string?> HolderOfAsync(string recordId, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var claim = await Table.GetEntityIfExistsAsync<TableEntity>(ClaimPartition(recordId), ClaimRow, cancellationToken: cancellationToken);
        return claim.HasValue ? claim.Value!.GetString("CaseId") : null;
    }

    /// <summary>Frees the record, but only from this case's claim.</summary>
    public async Task ReleaseRecordAsync(string recordId, string id, CancellationToken cancellationToken)
    {
        var claim = await Table.GetEntityIfExistsAsync<TableEntity>(ClaimPartition(recordId), ClaimRow, cancellationToken: cancellationToken);
        if (claim.HasValue && claim.Value!.GetString("CaseId") == id)
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

    /// <summary>The unit's list row and the open row, as the case's state says they should be.</summary>
    public async Task WriteIndexAsync(TCase value, CancellationToken cancellationToken)
    {
        var unitPartition = UnitPartition(value.Unit);
        var pendingRow = UnitRow(CaseStatus.Pending, value.Id);
        if (value.Status == CaseStatus.Decided)
        {
            // One partition: the move from the unit's pending list to its decided list is one transaction.
            await MoveAsync(unitPartition, pendingRow, IndexEntity(unitPartition, UnitRow(CaseStatus.Decided, value.Id), value), cancellationToken);
            await DeleteIfThereAsync(OpenPartition, DueRow(value.DueOn, value.Id), cancellationToken);
            await DeleteIfThereAsync(OpenPartition, EscalatedRow(value.Id), cancellationToken);
            return;
        }

        await Table.UpsertEntityAsync(IndexEntity(unitPartition, pendingRow, value), TableUpdateMode.Replace, cancellationToken);
        var dueRow = DueRow(value.DueOn, value.Id);
        if (value.EscalationSent)
        {
            // Escalated: out of the range the sweep reads, still in the list of open cases.
            await MoveAsync(OpenPartition, dueRow, IndexEntity(OpenPartition, EscalatedRow(value.Id), value), cancellationToken);
        }
        else
        {
            await Table.UpsertEntityAsync(IndexEntity(OpenPartition, dueRow, value), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// Replaces the case if nobody changed it since it was read (its ETag): the guard that lets exactly one of two racing
    /// decisions, or of two sweeps, go on. Null when someone else was first.
    /// </summary>
    public async Task<TCase?> TryReplaceAsync(TCase changed, CancellationToken cancellationToken)
    {
        try
        {
            var response = await Table.UpdateEntityAsync(ToEntity(changed), changed.ETag, TableUpdateMode.Replace, cancellationToken);
            return (TCase)((StoredCase)changed with { ETag = response.Headers.ETag ?? default });
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>A unit's cases with one status: one range query in the unit's partition.</summary>
    public async IAsyncEnumerable<CaseIndexRow> ListForUnitAsync(string unit, string status, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var prefix = status == CaseStatus.Decided ? "decided|" : "pending|";
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {UnitPartition(unit)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return ToIndexRow(row);
        }
    }

    /// <summary>Every open case (the open partition): for the Center and administrators.</summary>
    public async IAsyncEnumerable<CaseIndexRow> ListOpenAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {OpenPartition}"), maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return ToIndexRow(row);
        }
    }

    /// <summary>Every unit's decided cases: a range over the unit partitions' index rows (Center and administrators).</summary>
    public async IAsyncEnumerable<CaseIndexRow> ListDecidedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {"unit|"} and PartitionKey lt {"unit|~"} and RowKey ge {"decided|"} and RowKey lt {"decided|~"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            yield return ToIndexRow(row);
        }
    }

    /// <summary>Open cases not escalated yet whose due day is before <paramref name="today"/> (today &gt; due: overdue).</summary>
    public async Task<IReadOnlyList<string>> OverdueAsync(DateOnly today, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OpenPartition} and RowKey ge {"d|"} and RowKey lt {$"d|{today:yyyyMMdd}"}");
        var ids = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["CaseId"], cancellationToken: cancellationToken))
        {
            if (row.GetString("CaseId") is { } id)
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    private TableEntity ToEntity(TCase c)
    {
        var entity = new TableEntity(CasePartition(c.Id), CaseRow)
        {
            ["CaseId"] = c.Id,
            ["RecordId"] = c.RecordId,
            ["SubjectKey"] = c.SubjectKey,
            ["Unit"] = c.Unit,
            ["FiledBy"] = c.FiledBy,
            ["FiledAt"] = c.FiledAt,
            ["FiledOn"] = CaseKind<TCase>.Date(c.FiledOn),
            ["DueOn"] = CaseKind<TCase>.Date(c.DueOn),
            ["Status"] = c.Status,
            ["Outcome"] = c.Outcome,
            ["DecisionReason"] = c.DecisionReason,
            ["DecidedBy"] = c.DecidedBy,
            ["DecidedOn"] = CaseKind<TCase>.Date(c.DecidedOn),
            ["DecidedAt"] = c.DecidedAt,
            ["EscalatedAt"] = c.EscalatedAt,
            ["EscalationSent"] = c.EscalationSent,
            ["NotifiedAt"] = c.NotifiedAt,
        };
        kind.Write(c, entity);
        return entity;
    }

    private TCase FromEntity(TableEntity e) => kind.Read(e, new CaseFields(
        e.GetString("CaseId")!,
        e.GetString("RecordId")!,
        e.GetString("SubjectKey")!,
        e.GetString("Unit")!,
        e.GetString("FiledBy") ?? "",
        e.GetDateTimeOffset("FiledAt") ?? default,
        CaseKind<TCase>.ParseDate(e.GetString("FiledOn"))!.Value,
        CaseKind<TCase>.ParseDate(e.GetString("DueOn"))!.Value,
        e.GetString("Status") ?? CaseStatus.Pending,
        e.GetString("Outcome"),
        e.GetString("DecisionReason"),
        e.GetString("DecidedBy"),
        CaseKind<TCase>.ParseDate(e.GetString("DecidedOn")),
        e.GetDateTimeOffset("DecidedAt"),
        e.GetDateTimeOffset("EscalatedAt"),
        e.GetBoolean("EscalationSent") ?? false,
        e.GetDateTimeOffset("NotifiedAt"),
        e.ETag));

    private TableEntity IndexEntity(string partition, string row, TCase c)
    {
        var entity = new TableEntity(partition, row)
        {
            ["CaseId"] = c.Id,
            ["RecordId"] = c.RecordId,
            ["Unit"] = c.Unit,
            ["Status"] = c.Status == CaseStatus.Decided ? CaseStatus.Decided : CaseStatus.Pending,
            ["FiledOn"] = CaseKind<TCase>.Date(c.FiledOn),
            ["DueOn"] = CaseKind<TCase>.Date(c.DueOn),
            ["Outcome"] = c.Outcome,
            ["DecidedOn"] = CaseKind<TCase>.Date(c.DecidedOn),
            ["Escalated"] = c.EscalationSent,
        };
        kind.WriteIndex(c, entity);
        return entity;
    }

    private static CaseIndexRow ToIndexRow(TableEntity row) => new(
        row.GetString("CaseId") ?? "",
        row.GetString("RecordId") ?? "",
        row.GetString("Unit") ?? "",
        row.GetString("Status") ?? CaseStatus.Pending,
        CaseKind<TCase>.ParseDate(row.GetString("FiledOn")) ?? default,
        CaseKind<TCase>.ParseDate(row.GetString("DueOn")) ?? default,
        row.GetString("Outcome"),
        CaseKind<TCase>.ParseDate(row.GetString("DecidedOn")),
        row.GetBoolean("Escalated") ?? false)
    {
        FiledAs = row.GetString("FiledAs"),
    };

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

    public IReadOnlyList<string> RekeyTables => [kind.TableName];

    public IReadOnlyList<string> RekeySteps => [kind.TableName];

    /// <summary>
    /// A re-keying migration: every case whose <c>SubjectKey</c> is an individual's old key gets its new key. Only the case
    /// row holds the subject (claims and index rows name the record and the unit), so nothing moves.
    /// </summary>
    public async Task<RekeyTally> RekeyAsync(string step, PseudonymRekey map, bool dryRun, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        if (step != kind.TableName)
        {
            throw new ArgumentException($"Not a step of the {kind.TableName} table: {step}", nameof(step));
        }

        await provisioner.EnsureAsync(cancellationToken);
        var tally = new RekeyTally(kind.TableName);
        var updates = new List<TableEntity>();
        await foreach (var row in CaseRowsAsync(cancellationToken))
        {
            var state = map.StateOf(row.GetString("SubjectKey"));
            switch (state)
            {
                case RekeyKeyState.Old:
                    var kept = RekeyMover.CopyAt(row, row.PartitionKey, row.RowKey);
                    kept.ETag = row.ETag;
                    RekeyMover.MapProperties(kept, map, ["SubjectKey"]);
                    updates.Add(kept);
                    break;
                default:
                    tally.CountLeft(state);
                    break;
            }
        }

        if (!dryRun)
        {
            await RekeyMover.UpdateAsync(Table, updates, cancellationToken);
        }

        tally.CountUpdated(updates.Count);
        return tally;
    }

    /// <summary>No row of the table names an old key.</summary>
    public async Task<IReadOnlyList<string>> CheckRekeyAsync(PseudonymRekey map, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        await provisioner.EnsureAsync(cancellationToken);
        long left = 0;
        await foreach (var row in Table.QueryAsync<TableEntity>(maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            if (RekeyMover.NamesOldKey(row, map))
            {
                left++;
            }
        }

        return left > 0 ? [$"{kind.TableName}: {left} rows still name an old key"] : [];
    }

    /// <summary>Every case row (partitions <c>c|…</c>): one range query.</summary>
    private IAsyncEnumerable<TableEntity> CaseRowsAsync(CancellationToken cancellationToken) =>
        Table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey ge {CasePartition("")} and PartitionKey lt {"c}"} and RowKey eq {CaseRow}"),
            maxPerPage: 1000, cancellationToken: cancellationToken);

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
