using Azure.Data.Tables;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>A source's record locators are spread over its shards, and each record is still found by its id alone.</summary>
public sealed class LocatorTests
{
    [Fact]
    public async Task A_message_s_locators_go_to_the_shard_its_record_ids_name_and_lead_back_to_each_record()
    {
        await using var app = await CreditApp.StartAsync();
        const string source = "SH-HRSS-ENFORCEMENT";
        var units = Enumerable.Range(0, 40).Select(_ => (Unit: Subjects.NewUscc(), SourceRecordId: $"LOC-{Guid.NewGuid():N}")).ToList();
        var message = RecordsMessage.From(source).With(units.Select(u => RecordsMessage.AdminPenalty(u.Unit, u.SourceRecordId)).ToArray());

        var outcome = await app.Get<RecordIngestor>().IngestAsync(message.Json(), CancellationToken.None);
        Assert.Equal(40, outcome.Stored);

        var table = app.Table(TableNames.RecordLocators);
        var keys = app.Get<SubjectKeys>();
        var shardsUsed = new HashSet<string>();
        foreach (var (unit, sourceRecordId) in units)
        {
            var recordId = RecordIds.For(source, sourceRecordId);
            var partition = RecordStore.Keys.LocatorPartition(recordId);
            Assert.Contains(partition, Enumerable.Range(0, RecordIds.LocatorShards).Select(shard => $"{source}!{shard}"));
            var row = await table.GetEntityAsync<TableEntity>(partition, recordId);
            Assert.Equal(keys.KeyFor(new SubjectId(SubjectType.Unit, unit)), row.Value.GetString("SubjectKey"));
            Assert.Equal(keys.KeyFor(new SubjectId(SubjectType.Unit, unit)), (await app.Get<RecordStore>().FindAsync(recordId, CancellationToken.None))?.SubjectKey);
            shardsUsed.Add(partition);
        }

        // 40 hashed ids over 8 shards: all in one would mean the shard ignores the id (chance 8^-39).
        Assert.True(shardsUsed.Count > 1, $"locators used {shardsUsed.Count} shard(s)");
    }
}
