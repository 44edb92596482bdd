using CreditFunctions.App.Platform;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.PlatformSimulator;
using Microsoft.Azure.Functions.Worker;
using static CreditFunctions.Integration.Tests.Platform.PlatformTestData;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>Reconciliation finds outbox rows whose notice was lost and has them pushed, and leaves fresh ones alone.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OutboxReconciliationTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_row_whose_notice_was_lost_is_notified_again_after_the_configured_time_and_then_delivered()
    {
        await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Platform:BaseUrl"] = platform.BaseUrl,
            ["Platform:ReconcileAfter"] = "00:10:00",
        }, connectionString: platform.Storage.ConnectionString);
        platform.Chaos.Set(ChaosSettings.Healthy);
        var record = await IngestPenaltyAsync(app);
        var eventId = PublishId(record);
        // The notice written with the change is lost (as in a crash right after the commit).
        Assert.NotEmpty(await TakeNoticesNamingAsync(app, eventId));
        var reconciliation = app.Function<OutboxReconciliationFunction>();

        // Not yet: the row is younger than Platform__ReconcileAfter (row Timestamps are the server's real clock).
        app.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        await reconciliation.Run(new TimerInfo(), CancellationToken.None);
        Assert.Empty(await TakeNoticesNamingAsync(app, eventId));

        app.Clock.SetUtcNow(DateTimeOffset.UtcNow.AddMinutes(11));
        await reconciliation.Run(new TimerInfo(), CancellationToken.None);
        var notice = Assert.Single(await TakeNoticesNamingAsync(app, eventId));

        await app.Function<PlatformPushFunction>().Run(notice, CancellationToken.None);
        Assert.Equal(eventId, platform.Ledger.Latest(record.RecordId)?.EventId);
        Assert.Null(await OutboxRowAsync(app, record.Partition, eventId));

        // Acknowledged rows are gone, so the next reconciliation has nothing of this record to send.
        await reconciliation.Run(new TimerInfo(), CancellationToken.None);
        Assert.Empty(await TakeNoticesNamingAsync(app, eventId));
    }
}
