using System.Globalization;
using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Expiry;

/// <summary>
/// The last day the expiry sweep has done: one entity in <c>Records</c>, partition <c>sweep</c> (no bucket has
/// that name), row <c>expiry</c>. Kept in memory after the first read, so a day with nothing to expire costs no
/// read: a cached day that another instance has since moved on only widens the next range over days already
/// swept, whose index rows are gone, which costs nothing more.
/// </summary>
public sealed class SweepState(CreditStorage storage, StorageProvisioner provisioner)
{
    public const string Partition = "sweep";
    public const string Row = "expiry";

    private DateOnly? _lastSwept;
    private bool _read;

    private TableClient Table => storage.Tables.GetTableClient(TableNames.Records);

    public async Task<DateOnly?> LastSweptAsync(CancellationToken cancellationToken)
    {
        if (_read)
        {
            return _lastSwept;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var entity = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, Row, cancellationToken: cancellationToken);
        _lastSwept = entity.HasValue && DateOnly.TryParseExact(entity.Value!.GetString("LastSweptDay"), "yyyy-MM-dd", out var day) ? day : null;
        _read = true;
        return _lastSwept;
    }

    public async Task SaveAsync(DateOnly lastSwept, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition, Row)
        {
            ["LastSweptDay"] = lastSwept.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
        _lastSwept = lastSwept;
        _read = true;
    }
}
