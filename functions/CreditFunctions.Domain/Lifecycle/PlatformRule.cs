using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Lifecycle;

/// <summary>The event types of the contract ("The platform").</summary>
public static class PlatformChangeTypes
{
    public const string Publish = "publish";
    public const string Withdraw = "withdraw";
    public const string ObjectionOpened = "objection-opened";
    public const string ObjectionClosed = "objection-closed";

    /// <summary>The discriminator of the withdraw that tells the platform a record left its first subject.</summary>
    public const string Moved = "moved";
}

/// <summary>
/// The one rule of what the municipal credit platform must hear of a change (art4, art7, art9.1), used for every event
/// of the lifecycle: ingestion, objections, repairs and expiry alike. The platform holds a record exactly while it is
/// <see cref="IsOnPlatform"/>; it hears a <c>publish</c> when a record comes on or a new version of it does, a
/// <c>withdraw</c> when it goes off, and the objection events of any record of a kind it holds.
/// </summary>
public static class PlatformRule
{
    /// <summary>Whether the platform holds records of this classification at all: court listings come from it, excluded ones never go.</summary>
    public static bool IsPublishedKind(CreditRecord record) =>
        record.Classification is not (RecordClassification.Excluded or RecordClassification.CourtListing);

    /// <summary>The platform holds this record now: a published kind, in state active.</summary>
    public static bool IsOnPlatform(CreditRecord? record) => record is not null && IsPublishedKind(record) && record.State == RecordState.Active;

    /// <summary>
    /// What the platform must hear of the change <paramref name="before"/> → <paramref name="after"/>, in the order it must
    /// hear it. A record moved to another subject is first withdrawn at its old version (so a platform that got the new
    /// version first keeps it: an older version is "already had"), then published.
    /// </summary>
    /// <param name="objectionId">The objection whose mark is set or lifted by this change, if any.</param>
    public static IReadOnlyList<PlatformChange> Changes(CreditRecord? before, CreditRecord after, string? objectionId = null)
    {
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<PlatformChange>(2);
        var wasOn = IsOnPlatform(before);
        var isOn = IsOnPlatform(after);
        var moved = before is not null && before.Subject != after.Subject;
        var closes = before is { UnderObjection: true } && !after.UnderObjection;
        var opens = after.UnderObjection && before is not { UnderObjection: true };

        if (closes && IsPublishedKind(before!))
        {
            changes.Add(new PlatformChange(PlatformChangeTypes.ObjectionClosed, after, objectionId));
        }

        if (moved && wasOn)
        {
            changes.Add(new PlatformChange(PlatformChangeTypes.Withdraw, before! with { State = RecordState.Withdrawn }, PlatformChangeTypes.Moved));
        }

        if (isOn && (!wasOn || moved || after.Version != before!.Version))
        {
            changes.Add(new PlatformChange(PlatformChangeTypes.Publish, after));
        }
        else if (wasOn && !isOn && !moved)
        {
            changes.Add(new PlatformChange(PlatformChangeTypes.Withdraw, after));
        }

        if (opens && IsPublishedKind(after))
        {
            changes.Add(new PlatformChange(PlatformChangeTypes.ObjectionOpened, after, objectionId));
        }

        return changes;
    }
}
