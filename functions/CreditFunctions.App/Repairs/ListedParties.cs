using Azure.Data.Tables;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Repairs;

/// <summary>A party's record and where it lives.</summary>
public sealed record ListedParty(string SubjectKey, CreditRecord Record);

/// <summary>
/// The parties listed with a unit on the wage-arrears list (MOHRSS Order No. 45: they leave with it). Their records live
/// under their own subjects; ingestion indexes each under the unit it was listed with (<c>RecordLocators</c>, partition
/// <c>w|{unit}</c>): one range query, then one point read per party for its current state.
/// </summary>
/// <remarks>Cost: 1 query + 1 read per party listed with the unit, paid only when a unit's removal is approved.</remarks>
public sealed class ListedParties(CreditStorage storage, RecordStore records)
{
    public async Task<IReadOnlyList<ListedParty>> OfAsync(CreditRecord unitRecord, CancellationToken cancellationToken)
    {
        if (unitRecord.Kind != RecordKind.WageArrearsList || unitRecord.Subject.Type != SubjectType.Unit)
        {
            return [];
        }

        var locators = storage.Tables.GetTableClient(TableNames.RecordLocators);
        var candidates = new List<ListedParty>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {MessageLedger.ListedWithPartition(unitRecord.Subject.Value)}");
        await foreach (var locator in locators.QueryAsync<TableEntity>(filter, select: ["RowKey", "SubjectKey"], cancellationToken: cancellationToken))
        {
            if (locator.GetString("SubjectKey") is { } key && await records.GetAsync(key, locator.RowKey, cancellationToken) is { } stored)
            {
                candidates.Add(new ListedParty(key, stored.Record));
            }
        }

        var listed = RepairCascade.PartiesListedWith(unitRecord, candidates.Select(c => c.Record)).Select(r => r.RecordId).ToHashSet(StringComparer.Ordinal);
        return candidates.Where(c => listed.Contains(c.Record.RecordId)).ToList();
    }
}
