using System.ComponentModel;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/records/{recordId}: the record as stored now, and every step of its history.</summary>
[Description("One record as stored now, with every step of its history (art12).")]
public sealed record RecordDetailResponse(
    [property: Description("The record's id: {source}.{26 base32 characters}.")] string RecordId,
    [property: Description("The unit that submitted it.")] string Source,
    [property: Description("The submitting unit's own id of the record.")] string SourceRecordId,
    [property: Description("The version stored; a higher one supersedes it.")] long Version,
    [property: Description("Where the record stands."), WireSet(WireSets.RecordState)] string State,
    [property: Description("Whom it is about.")] SubjectView Subject,
    [property: Description("What it is about."), WireSet(WireSets.RecordKind)] string Kind,
    [property: Description("How it was classified."), WireSet(WireSets.RecordClassification)] string Classification,
    [property: Description("Dishonesty only: general or serious."), WireSet(WireSets.Severity)] string? Severity,
    [property: Description("The day the decision was made.")] DateOnly DecisionDate,
    [property: Description("The decision document's number, when given.")] string? DecisionNumber,
    [property: Description("The first day of its publication period.")] DateOnly Start,
    [property: Description("The first day it is no longer shown; absent when it runs without end.")] DateOnly? ExpiresOn,
    [property: Description("The day it was withdrawn (revoked, repaired, withdrawn early), when it was.")] DateOnly? WithdrawnOn,
    [property: Description("The first day a repair may be applied for (art11), when it can be repaired at all.")] DateOnly? RepairableFrom,
    [property: Description("An objection is open (art10).")] bool UnderObjection,
    [property: Description("The public summary.")] string? Summary,
    [property: Description("The legal basis of the decision.")] string? LegalBasis,
    [property: Description("The behaviour-list code, when the unit gave one.")] string? BehaviourCode,
    [property: Description("A unit's legal representative: in full to the submitting unit, masked to everyone else.")] string? LegalRepresentativeId,
    [property: Description("wage-arrears-list only: the USCC of the unit the person was listed with.")] string? ListedWithUnitId,
    [property: Description("The catalogue version it was classified with.")] string CatalogueVersion,
    [property: Description("Every step of the record's history and whether the chain verifies.")] RecordHistoryView History);

/// <summary>The history chain (art12) and whether it verifies: false means an entry was changed or removed.</summary>
[Description("The record's history as a hash chain (art12).")]
public sealed record RecordHistoryView(
    [property: Description("Every entry's hash links to the one before: false means an entry was changed or removed.")] bool Verified,
    [property: Description("The steps, oldest first.")] IReadOnlyList<HistoryEntryView> Entries);

[Description("One step of a record's history.")]
public sealed record HistoryEntryView(
    [property: Description("1 for the first step, then one more each step.")] int Sequence,
    [property: Description("What happened: received, superseded, moved, revoked, expired, objection-opened, objection-escalated, objection-corrected, objection-revoked, objection-upheld, repair-applied, repaired, repaired-with-unit, repair-rejected.")] string Action,
    [property: Description("The record's version after the step.")] long Version,
    [property: Description("Who took it: a unit code, a role, or the system's sweep.")] string Actor,
    [property: Description("When.")] DateTimeOffset At,
    [property: Description("What the step says in words, when it says anything.")] string? Detail,
    [property: Description("SHA-256 (hex) of this entry and the hash before it.")] string Hash,
    [property: Description("Who asserted this step's version (art12): the key that signed the message and the message's SHA-256; absent for steps no message carried (objections, repairs, expiry).")] AssertionView? AssertedBy = null);

[Description("The proof of sender of a version: the signing key and the signed message's SHA-256, or unsigned (a source in transition).")]
public sealed record AssertionView(
    [property: Description("The key that signed the message: {unit code}#{key name}; absent when unsigned.")] string? Kid,
    [property: Description("SHA-256 (hex) of the message as received.")] string? MessageSha256,
    [property: Description("True when the source was let in unsigned during its transition.")] bool Unsigned);
