using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Tests.Builders;

namespace CreditFunctions.Domain.Tests.Periods;

/// <summary>When a stored record counts: its period, its state, and the day it was withdrawn.</summary>
public class CreditRecordActivityTests
{
    [Fact]
    public void An_active_record_counts_within_its_period()
    {
        CreditRecord r = ARecord.AdminPenalty().DecidedOn("2024-04-30"); // order 58: expires 2027-04-30
        Assert.True(r.IsActiveOn(Some.Date("2024-04-30")));
        Assert.True(r.IsActiveOn(Some.Date("2027-04-29")));
        Assert.False(r.IsActiveOn(Some.Date("2027-04-30")));
        Assert.False(r.IsActiveOn(Some.Date("2024-04-29")));
    }

    [Theory]
    [InlineData(RecordState.Revoked)]
    [InlineData(RecordState.Repaired)]
    [InlineData(RecordState.Withdrawn)]
    public void A_revoked_repaired_or_withdrawn_record_no_longer_counts_from_the_day_it_was_withdrawn(RecordState state)
    {
        CreditRecord r = ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(state, withdrawnOn: "2025-01-10");
        Assert.True(r.IsActiveOn(Some.Date("2025-01-09")));
        Assert.False(r.IsActiveOn(Some.Date("2025-01-10")));
    }

    [Fact]
    public void A_withdrawn_record_without_a_date_never_counts()
    {
        CreditRecord r = ARecord.AdminPenalty().InState(RecordState.Revoked);
        Assert.False(r.IsActiveOn(Some.Date("2024-05-01")));
    }

    [Fact]
    public void An_expired_state_set_by_the_sweep_agrees_with_the_dates()
    {
        CreditRecord r = ARecord.AdminPenalty().DecidedOn("2024-04-30").InState(RecordState.Expired);
        Assert.True(r.IsActiveOn(Some.Date("2025-01-01")));
        Assert.False(r.IsActiveOn(Some.Date("2027-04-30")));
    }

    [Fact]
    public void Art5_2_an_excluded_record_never_counts()
    {
        CreditRecord r = ARecord.AdminPenalty().Excluded().DecidedOn("2024-04-30");
        Assert.False(r.IsActiveOn(Some.Date("2024-04-30")));
        Assert.False(r.IsActiveOn(Some.Date("2025-04-30")));
    }
}
