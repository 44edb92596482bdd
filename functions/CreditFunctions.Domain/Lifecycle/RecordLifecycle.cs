using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;

namespace CreditFunctions.Domain.Lifecycle;

/// <summary>
/// Where a record changes. Every change of a stored record — a version received, a revoke, an objection opened or
/// decided, a repair applied, approved or rejected, an expiry — is decided here, from the record's current state and
/// the event, with no storage: the new state, the history step, what the platform must hear (<see cref="PlatformRule"/>)
/// and what a partner following the subject sees (<see cref="FeedRule"/>). Writers (ingestion, objections, repairs, the
/// expiry sweep) only store what this returns. docs/record-lifecycle.md describes each transition by article.
/// </summary>
public static class RecordLifecycle
{
    public static RecordTransition Apply(CurrentRecord? current, RecordEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e switch
        {
            VersionReceived v => Receive(current, v),
            RevokeReceived r => Revoke(current, r),
            ObjectionOpened o => OpenObjection(current?.Record, o),
            ObjectionDecided d => DecideObjection(current?.Record, d),
            ObjectionEscalated x => HistoryOnly(current?.Record, HistoryActions.ObjectionEscalated, x.Actor,
                $"{x.ObjectionId}: not decided by {x.DecideBy:yyyy-MM-dd} (unit {x.Unit})"),
            RepairApplied a => HistoryOnly(current?.Record, HistoryActions.RepairApplied, a.Actor,
                $"{a.RepairId}: {(a.WageArrearsRemoval ? "early removal from the wage-arrears list" : "credit repair")}, decide by {a.DueOn:yyyy-MM-dd}"),
            RepairApproved a => ApproveRepair(current?.Record, a),
            RepairRejected j => HistoryOnly(current?.Record, HistoryActions.RepairRejected, j.Actor, $"{j.RepairId} rejected: {j.Reason}"),
            ExpiryDue x => Expire(current?.Record, x),
            _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "Not an event of a record's life."),
        };
    }

    /// <summary>
    /// A version from the source (contract: a higher version supersedes, an equal or lower one is <c>stale-version</c>;
    /// v2: whatever subject it names). A higher version naming another subject moves the record: one id, one history.
    /// </summary>
    private static RecordTransition Receive(CurrentRecord? current, VersionReceived e)
    {
        if (Stale(current, e.Classified.Submission.Version, e.MessageId) is { } stale)
        {
            return stale;
        }

        var before = current?.Record;
        var fresh = Fresh(e.Classified, e.RecordId, e.Today, out var arrivedExpired);
        // A new version keeps an open objection's mark: the objection is about the record, not one version of it.
        var after = before is null ? fresh : fresh with { UnderObjection = before.UnderObjection };
        var moved = before is not null && before.Subject != after.Subject;
        var action = before is null ? HistoryActions.Received : moved ? HistoryActions.Moved : HistoryActions.Superseded;
        var detail = $"{after.Classification.ToWire()} {after.Kind.ToWire()}, catalogue {after.CatalogueVersion}"
                     + (moved ? $", moved from {before!.Subject.Type.ToWire()} {before.Subject.Masked}" : "")
                     + (arrivedExpired ? ", arrived after its publication period ended" : "");
        return Applied(before, after, new HistoryStep(action, e.Actor, detail) { AssertedBy = e.AssertedBy }) with
        {
            MessageId = e.MessageId,
            ArrivedExpired = arrivedExpired,
        };
    }

    /// <summary>
    /// A revoked act leaves publication now (Regulations art37 allow 3 working days). A revoke of a record never received
    /// is remembered by its identity alone, so an older version arriving late cannot bring the record back; it creates
    /// nothing under any subject (the revoke's own subject and kind are not needed, nor trusted).
    /// </summary>
    private static RecordTransition Revoke(CurrentRecord? current, RevokeReceived e)
    {
        if (Stale(current, e.Version, e.MessageId) is { } stale)
        {
            return stale;
        }

        if (current?.Record is not { } before)
        {
            return new RecordTransition { Outcome = TransitionOutcome.RevokeRemembered, RevokedVersion = e.Version, MessageId = e.MessageId };
        }

        var after = before with
        {
            Version = e.Version,
            State = RecordState.Revoked,
            // Already off (expired, repaired, withdrawn): it stopped being shown then, not now.
            WithdrawnOn = before.State == RecordState.Active ? e.Today : before.WithdrawnOn ?? e.Today,
        };
        return Applied(before, after, new HistoryStep(HistoryActions.Revoked, e.Actor, null) { AssertedBy = e.AssertedBy }) with { MessageId = e.MessageId };
    }

    private static RecordTransition OpenObjection(CreditRecord? before, ObjectionOpened e)
    {
        if (before is null || before.UnderObjection)
        {
            return RecordTransition.Unchanged(before);
        }

        var after = ObjectionPolicy.MarkUnderObjection(before);
        return Applied(before, after,
            new HistoryStep(HistoryActions.ObjectionOpened, e.Actor, $"{e.ObjectionId}: filed by the {e.FiledAs}, decide by {e.DecideBy:yyyy-MM-dd}"),
            e.ObjectionId);
    }

    /// <summary>
    /// The unit's decision (Regulations art36): upheld lifts the mark; revoked withdraws the record that day; corrected is
    /// a new version, classified again, and — like any version received — stored expired when its period has ended.
    /// </summary>
    private static RecordTransition DecideObjection(CreditRecord? before, ObjectionDecided e)
    {
        // The mark is this objection's (one open objection per record): no mark, the decision was applied already.
        if (before is null || !before.UnderObjection)
        {
            return RecordTransition.Unchanged(before);
        }

        var check = e.Decision;
        var after = ObjectionPolicy.ApplyDecision(before, check, e.DecidedOn);
        string detail;
        switch (check.Outcome)
        {
            case ObjectionOutcome.Corrected:
                if (after.State == RecordState.Active && after.ExpiresOn is { } expires && expires <= e.DecidedOn)
                {
                    after = after with { State = RecordState.Expired };
                }

                detail = $"{e.ObjectionId} corrected: version {after.Version}, {after.Classification.ToWire()} {after.Kind.ToWire()}, catalogue {after.CatalogueVersion}";
                break;
            case ObjectionOutcome.Revoked:
                detail = $"{e.ObjectionId} revoked: withdrawn from {e.DecidedOn:yyyy-MM-dd}";
                break;
            default:
                detail = $"{e.ObjectionId} upheld: {check.Reason}";
                break;
        }

        if (check.Outcome != ObjectionOutcome.Upheld && check.Reason is { } reason)
        {
            detail += " — " + reason;
        }

        return Applied(before, after, new HistoryStep(HistoryActions.ObjectionDecidedPrefix + check.Outcome!.Value.ToWire(), e.Actor, detail), e.ObjectionId);
    }

    /// <summary>An approved repair withdraws the record on the decision day (Regulations art38: within 3 working days).</summary>
    private static RecordTransition ApproveRepair(CreditRecord? before, RepairApproved e)
    {
        if (before is not { State: RecordState.Active })
        {
            return RecordTransition.Unchanged(before);
        }

        var after = RepairDecisions.Approve(before, e.DecidedOn);
        var step = e.WithUnitRecordId is { } unitRecord
            ? new HistoryStep(HistoryActions.RepairedWithUnit, e.Actor, $"{e.RepairId}: listed with the unit, removed with its record {unitRecord}")
            : new HistoryStep(HistoryActions.Repaired, e.Actor, $"{e.RepairId} approved");
        return Applied(before, after, step);
    }

    /// <summary>
    /// A record leaves publication on its <c>expiresOn</c> day. The index row names a day and the version it was written
    /// for: a newer version with another date has its own row (this one is stale), an older one cannot be what the row
    /// meant; a newer version with the same date keeps the row, so the date decides.
    /// </summary>
    private static RecordTransition Expire(CreditRecord? before, ExpiryDue e)
    {
        if (before is not { State: RecordState.Active } || before.ExpiresOn != e.ExpiresOn || before.Version < e.IndexVersion)
        {
            return RecordTransition.Unchanged(before);
        }

        var after = before with { State = RecordState.Expired };
        return Applied(before, after, new HistoryStep(HistoryActions.Expired, e.Actor, $"expiresOn {e.ExpiresOn:yyyy-MM-dd}"));
    }

    private static RecordTransition HistoryOnly(CreditRecord? record, string action, string actor, string detail) =>
        record is null
            ? RecordTransition.Unchanged(null)
            : new RecordTransition { Outcome = TransitionOutcome.Applied, After = record, Step = new HistoryStep(action, actor, detail) };

    private static RecordTransition Applied(CreditRecord? before, CreditRecord after, HistoryStep step, string? objectionId = null) => new()
    {
        Outcome = TransitionOutcome.Applied,
        After = after,
        MovedFrom = before is not null && before.Subject != after.Subject ? before.Subject : null,
        Step = step,
        Platform = PlatformRule.Changes(before, after, objectionId),
        SubjectChanges = FeedRule.Changes(before, after),
    };

    /// <summary>An equal or lower version: the sender's duplicate, unless it is the very message that stored it, delivered again.</summary>
    private static RecordTransition? Stale(CurrentRecord? current, long incoming, string messageId)
    {
        if (current is null || incoming > current.Version)
        {
            return null;
        }

        if (incoming == current.Version && current.LastMessageId == messageId)
        {
            return new RecordTransition { Outcome = TransitionOutcome.Redelivered, After = current.Record, MessageId = messageId };
        }

        return new RecordTransition
        {
            Outcome = TransitionOutcome.Refused,
            After = current.Record,
            Refusal = StaleVersion(incoming, current.Version),
        };
    }

    /// <summary>
    /// A version as stored: active, or excluded (art5.2); and expired when its publication period had already ended on
    /// arrival (records sent late): kept for history and the query period, never published, since the daily sweep has
    /// passed its day and would never withdraw it.
    /// </summary>
    private static CreditRecord Fresh(ClassifiedRecord classified, string recordId, DateOnly today, out bool arrivedExpired)
    {
        var fresh = classified.ToCreditRecord(recordId);
        arrivedExpired = fresh.State == RecordState.Active && fresh.ExpiresOn is { } expires && expires <= today;
        return arrivedExpired ? fresh with { State = RecordState.Expired } : fresh;
    }

    public static RecordRefusal StaleVersion(long incoming, long stored) => new(
        "stale-version",
        $"版本 {incoming} 不高于已存储的版本 {stored}，作为重复记录忽略。",
        $"Version {incoming} is not higher than the stored version {stored}; ignored as a duplicate.",
        "version");
}
