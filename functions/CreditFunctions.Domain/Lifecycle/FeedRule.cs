using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Lifecycle;

/// <summary>The change kinds a partner following a subject sees (contract v2 "Watches").</summary>
public static class FeedChanges
{
    public const string RecordListed = "record-listed";
    public const string RecordChanged = "record-changed";
    public const string RecordWithdrawn = "record-withdrawn";
    public const string RecordExpired = "record-expired";
    public const string ObjectionOpened = "objection-opened";
    public const string ObjectionClosed = "objection-closed";
    public const string Repaired = "repaired";

    public static IReadOnlyList<string> All { get; } =
        [RecordListed, RecordChanged, RecordWithdrawn, RecordExpired, ObjectionOpened, ObjectionClosed, Repaired];
}

/// <summary>
/// What a change means to someone following the subject: one rule for every event, like <see cref="PlatformRule"/>.
/// A record is "shown" while it is in state active and not excluded; history-only steps are no change to the subject.
/// </summary>
public static class FeedRule
{
    public static bool IsShown(CreditRecord? record) =>
        record is not null && record.State == RecordState.Active && record.Classification != RecordClassification.Excluded;

    public static IReadOnlyList<SubjectChange> Changes(CreditRecord? before, CreditRecord after)
    {
        var changes = new List<SubjectChange>(2);
        var wasShown = IsShown(before);
        var isShown = IsShown(after);
        if (before is not null && before.Subject != after.Subject)
        {
            if (wasShown)
            {
                changes.Add(new SubjectChange(before.Subject, FeedChanges.RecordWithdrawn, before with { State = RecordState.Withdrawn }));
            }

            if (isShown)
            {
                changes.Add(new SubjectChange(after.Subject, FeedChanges.RecordListed, after));
            }

            return changes;
        }

        if (before is { UnderObjection: true } && !after.UnderObjection)
        {
            changes.Add(new SubjectChange(after.Subject, FeedChanges.ObjectionClosed, after));
        }

        if (!wasShown && isShown)
        {
            changes.Add(new SubjectChange(after.Subject, FeedChanges.RecordListed, after));
        }
        else if (wasShown && !isShown)
        {
            var change = after.State switch
            {
                RecordState.Expired => FeedChanges.RecordExpired,
                RecordState.Repaired => FeedChanges.Repaired,
                _ => FeedChanges.RecordWithdrawn,
            };
            changes.Add(new SubjectChange(after.Subject, change, after));
        }
        else if (wasShown && isShown && after.Version != before!.Version)
        {
            changes.Add(new SubjectChange(after.Subject, FeedChanges.RecordChanged, after));
        }

        if (after.UnderObjection && before is not { UnderObjection: true })
        {
            changes.Add(new SubjectChange(after.Subject, FeedChanges.ObjectionOpened, after));
        }

        return changes;
    }
}
