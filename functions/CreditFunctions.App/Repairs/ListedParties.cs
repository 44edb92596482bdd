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
/// under their own subjects, so they are found through the listing unit's locators (<c>RecordLocators</c>, the source's
/// 8 locator partitions): one query per shard, then one point read per individual's record of that source.
/// </summary>
/// <remarks>
/// Cost: bounded by the number of records of individuals the listing unit has submitted, not by the table; paid only
/// when a unit's wage-arrears removal is approved, which is rare. An index row written at ingestion
/// (<c>ListedWithUnitId</c> → party record) would make it one query; ingestion is not this feature's to change.
/// </remarks>
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
        foreach (var partition in MessageLedger.LocatorPartitions(unitRecord.Source))
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
            await foreach (var locator in locators.QueryAsync<TableEntity>(filter, select: ["RowKey", "SubjectKey"], cancellationToken: cancellationToken))
            {
                // Parties are individuals: their keys are pseudonyms (i-…); a unit's key is its USCC.
                if (locator.GetString("SubjectKey") is not { } key || !key.StartsWith(SubjectPseudonymizer.IndividualPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (await records.GetAsync(key, locator.RowKey, cancellationToken) is { } stored)
                {
                    candidates.Add(new ListedParty(key, stored.Record));
                }
            }
        }

        var listed = RepairCascade.PartiesListedWith(unitRecord, candidates.Select(c => c.Record)).Select(r => r.RecordId).ToHashSet(StringComparer.Ordinal);
        return candidates.Where(c => listed.Contains(c.Record.RecordId)).ToList();
    }
}
