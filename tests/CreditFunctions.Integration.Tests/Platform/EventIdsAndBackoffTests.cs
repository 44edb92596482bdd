using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>The push reads a record id back from an event id, and spaces its retries out without exceeding the cap.</summary>
public sealed class EventIdsAndBackoffTests
{
    [Theory]
    [InlineData("SH-HRSS-ENFORCEMENT.ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1, PlatformEventTypes.Publish, null)]
    [InlineData("SH.HRSS.ENFORCEMENT.ABCDEFGHIJKLMNOPQRSTUVWX23", 12, PlatformEventTypes.Withdraw, null)]
    [InlineData("COURT.ABCDEFGHIJKLMNOPQRSTUVWXYZ", 3, PlatformEventTypes.ObjectionOpened, "obj-0000000007.x")]
    public void The_record_id_is_read_back_from_the_event_id(string recordId, long version, string type, string? discriminator)
    {
        Assert.Equal(recordId, EventIds.RecordIdOf(PlatformEvent.IdFor(recordId, version, type, discriminator)));
    }

    [Theory]
    [InlineData("not-an-event")]
    [InlineData("A.B.0000000001.unknown-type")]
    [InlineData("A.B.123.publish")]
    public void An_id_of_another_shape_has_no_record_id(string eventId) => Assert.Null(EventIds.RecordIdOf(eventId));

    [Fact]
    public void Backoff_doubles_from_the_base_with_jitter_and_stops_at_the_cap()
    {
        var options = new PlatformOptions { BackoffBase = TimeSpan.FromSeconds(1), BackoffMax = TimeSpan.FromMinutes(5) };
        for (var i = 0; i < 50; i++)
        {
            Assert.InRange(RetryBackoff.Delay(1, options).TotalSeconds, 0.8, 1.2);
            Assert.InRange(RetryBackoff.Delay(4, options).TotalSeconds, 6.4, 9.6);
            Assert.InRange(RetryBackoff.Delay(40, options).TotalSeconds, 240, 360);
        }
    }
}
