using Azure.Data.Tables;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Maintenance;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>The counters' per-message markers go once no redelivery can come; the counts they guarded stay.</summary>
public sealed class TallyMarkerPruneTests
{
    [Fact]
    public async Task Markers_older_than_the_retention_are_pruned_and_the_counts_stay()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        const string unit = "SH-DISTRICT-JIADING";
        var mine = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var message = RecordsMessage.From(unit).With(RecordsMessage.AdminPenalty(Subjects.NewUscc()));
            mine.Add(ShardedTally.MarkerPrefix + TableKeys.Escape(message.MessageId));
            await app.Get<RecordIngestor>().IngestAsync(message.Json(), CancellationToken.None);
        }

        var before = await app.Get<UnitQualityStore>().ReadAsync(unit);
        Assert.Subset((await Markers(app, TableNames.UnitQuality, unit)).ToHashSet(), mine.ToHashSet());
        Assert.Subset((await Markers(app, TableNames.Freshness, SourceFreshnessStore.Partition)).ToHashSet(), mine.ToHashSet());

        // Azurite stamps rows with the real time, so the app's clock is moved relative to it.
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddDays(TallyMarkerPruner.DefaultRetentionDays - 1));
        await app.Get<TallyMarkerPruner>().RunAsync(CancellationToken.None);
        Assert.Subset((await Markers(app, TableNames.UnitQuality, unit)).ToHashSet(), mine.ToHashSet());

        app.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddDays(TallyMarkerPruner.DefaultRetentionDays + 1));
        await app.Get<TallyMarkerPruner>().RunAsync(CancellationToken.None);

        // Other tests may be writing markers meanwhile: only this test's are known to be old enough.
        Assert.Empty((await Markers(app, TableNames.UnitQuality, unit)).Intersect(mine));
        Assert.Empty((await Markers(app, TableNames.Freshness, SourceFreshnessStore.Partition)).Intersect(mine));
        var after = await app.Get<UnitQualityStore>().ReadAsync(unit);
        Assert.Equal(before.Months.Sum(m => m.Records), after.Months.Sum(m => m.Records));
    }

    private static async Task<List<string>> Markers(CreditApp app, string table, string partition)
    {
        var rows = new List<string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ShardedTally.MarkerPrefix} and RowKey lt {"~m}"}");
        await foreach (var row in app.Table(table).QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            rows.Add(row.RowKey);
        }

        return rows;
    }
}
