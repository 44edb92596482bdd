using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Expiry;

/// <summary>What the sweep does to one record its index says is due: withdraw it as expired, or leave it.</summary>
public static class ExpiryDecision
{
    public const string HistoryAction = "expired";
    public const string Actor = "expiry-sweep";

    public static RecordChange? Decide(StoredRecord? current, ExpiryIndexEntry due, DateTimeOffset now)
    {
        // Gone, or no longer shown for another reason (withdrawn, revoked, repaired, already expired): nothing to do.
        if (current?.Record is not { State: RecordState.Active } record)
        {
            return null;
        }

        // A newer version with another expiry date has its own index row (the old one was removed with it), and a
        // version older than the index's cannot be the record the index meant. A newer version with the SAME date
        // keeps the older index row (RecordStore rewrites it only when the date changes), so a version mismatch
        // alone is no reason to skip: the date decides.
        if (record.ExpiresOn != due.ExpiresOn || record.Version < due.Version)
        {
            return null;
        }

        var expired = record with { State = RecordState.Expired };
        return new RecordChange(expired, HistoryAction, Actor, $"expiresOn {due.ExpiresOn:yyyy-MM-dd}")
        {
            // Only what the platform shows is withdrawn from it (court listings come from it; excluded never went).
            Events = PlatformEvent.IsPublished(record) ? [PlatformEvent.For(PlatformEventTypes.Withdraw, expired, now)] : [],
        };
    }
}
