namespace CreditFunctions.App.Api;

/// <summary>GET /api/records/{recordId}: the record as stored now, and every step of its history.</summary>
public sealed record RecordDetailResponse(
    string RecordId,
    string Source,
    string SourceRecordId,
    long Version,
    string State,
    SubjectView Subject,
    string Kind,
    string Classification,
    string? Severity,
    DateOnly DecisionDate,
    string? DecisionNumber,
    DateOnly Start,
    DateOnly? ExpiresOn,
    DateOnly? WithdrawnOn,
    DateOnly? RepairableFrom,
    bool UnderObjection,
    string? Summary,
    string? LegalBasis,
    string? BehaviourCode,
    string? LegalRepresentativeId,
    string? ListedWithUnitId,
    string CatalogueVersion,
    RecordHistoryView History);

/// <summary>The history chain (art12) and whether it verifies: false means an entry was changed or removed.</summary>
public sealed record RecordHistoryView(bool Verified, IReadOnlyList<HistoryEntryView> Entries);

/// <param name="AssertedBy">Who asserted this step's version (contract v2, art12): the key that signed the message and the
/// message's SHA-256; absent for steps no message carried (objections, repairs, expiry).</param>
public sealed record HistoryEntryView(int Sequence, string Action, long Version, string Actor, DateTimeOffset At, string? Detail, string Hash, AssertionView? AssertedBy = null);

/// <summary>The proof of sender of a version: the signing key (<c>{unit}#{name}</c>) and the signed message's SHA-256, or unsigned.</summary>
public sealed record AssertionView(string? Kid, string? MessageSha256, bool Unsigned);
