using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Lifecycle;

/// <summary>
/// Something that happens to a record (docs/record-lifecycle.md). <see cref="RecordLifecycle.Apply"/> turns the record's
/// current state and one event into a <see cref="RecordTransition"/>. <see cref="Actor"/> is who made it happen, as the
/// history shows it: a unit code, a caller's description, or a system actor.
/// </summary>
public abstract record RecordEvent
{
    public required string Actor { get; init; }
}

/// <summary>Who asserted a version (art12): the signing key and the SHA-256 of the signed message; or unsigned, in a transition.</summary>
public sealed record Assertion(string? Kid, string? MessageSha256, bool Unsigned);

/// <summary>A version of the record arrived from its source (contract: <c>credit-records/v1</c>, action upsert), classified.</summary>
public sealed record VersionReceived(string RecordId, ClassifiedRecord Classified, string MessageId, DateOnly Today) : RecordEvent
{
    public Assertion? AssertedBy { get; init; }
}

/// <summary>The source revoked the act underneath the record (action revoke). Its identity and version are all it needs.</summary>
public sealed record RevokeReceived(string RecordId, string Source, long Version, string MessageId, DateOnly Today) : RecordEvent
{
    public Assertion? AssertedBy { get; init; }
}

/// <summary>An objection was filed against the record (art10): it is marked at once.</summary>
public sealed record ObjectionOpened(string ObjectionId, string FiledAs, DateOnly DecideBy) : RecordEvent;

/// <summary>An open objection passed its decide-by day undecided and was escalated (Regulations art36). History only.</summary>
public sealed record ObjectionEscalated(string ObjectionId, DateOnly DecideBy, string Unit) : RecordEvent;

/// <summary>The submitting unit decided the record's objection; <see cref="Decision"/> is the accepted check of the policy.</summary>
public sealed record ObjectionDecided(string ObjectionId, ObjectionDecisionCheck Decision, DateOnly DecidedOn) : RecordEvent;

/// <summary>A repair application for the record was passed to its unit (art11). History only.</summary>
public sealed record RepairApplied(string RepairId, bool WageArrearsRemoval, DateOnly DueOn) : RecordEvent;

/// <summary>The unit approved a repair: the record leaves publication (Regulations art38).</summary>
/// <param name="WithUnitRecordId">For a party listed with a unit (MOHRSS Order No. 45): the unit's record it leaves with.</param>
public sealed record RepairApproved(string RepairId, DateOnly DecidedOn, string? WithUnitRecordId = null) : RecordEvent;

/// <summary>The unit rejected a repair application, with its reason. History only.</summary>
public sealed record RepairRejected(string RepairId, string? Reason) : RecordEvent;

/// <summary>The expiry index says the record's publication period ends on <paramref name="ExpiresOn"/>.</summary>
/// <param name="IndexVersion">The version the index row was written for.</param>
public sealed record ExpiryDue(DateOnly ExpiresOn, long IndexVersion) : RecordEvent;
