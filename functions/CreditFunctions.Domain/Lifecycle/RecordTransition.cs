using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Lifecycle;

/// <summary>What is known of a record before an event: its stored state (if any) and the message that last wrote it.</summary>
/// <param name="Record">The current state; null when the register only remembers a revoke of a record it never had.</param>
/// <param name="LastMessageId">The message that wrote the current state: its redelivery is not the sender's error.</param>
/// <param name="RevokedVersion">A revoke remembered for a record never received (so an older version cannot bring it back).</param>
public sealed record CurrentRecord(CreditRecord? Record, string? LastMessageId, long RevokedVersion = 0)
{
    /// <summary>The highest version the register holds of this record, stored or remembered.</summary>
    public long Version => Math.Max(Record?.Version ?? 0, RevokedVersion);
}

/// <summary>What a transition came to.</summary>
public enum TransitionOutcome
{
    /// <summary>The record changes: write <see cref="RecordTransition.After"/>, the history step and the platform changes together.</summary>
    Applied,
    /// <summary>Nothing to do (the event no longer applies to the record as it is).</summary>
    Unchanged,
    /// <summary>This very message already wrote this version: nothing to write, and nothing to tell the sender.</summary>
    Redelivered,
    /// <summary>Refused: the sender is told why (<see cref="RecordTransition.Refusal"/>); nothing is written.</summary>
    Refused,
    /// <summary>A revoke of a record never received: remembered by identity and version only; nothing is shown or published.</summary>
    RevokeRemembered,
}

/// <summary>One step appended to the record's history chain (art12): what, who, and what the reader should know.</summary>
public sealed record HistoryStep(string Action, string Actor, string? Detail)
{
    public Assertion? AssertedBy { get; init; }
}

/// <summary>What the municipal credit platform must hear (contract "The platform"); <see cref="Record"/> is the state to send.</summary>
/// <param name="Discriminator">Tells apart changes of one version that can happen more than once (an objection's id).</param>
public sealed record PlatformChange(string Type, CreditRecord Record, string? Discriminator = null);

/// <summary>How a change looks to someone following the subject (contract v2 "Watches").</summary>
public sealed record SubjectChange(SubjectId Subject, string Change, CreditRecord Record);

/// <summary>A refusal of an event, told to its sender: a stable code and a sentence in Chinese and English.</summary>
public sealed record RecordRefusal(string Code, string Zh, string En, string? Field = null);

/// <summary>The result of <see cref="RecordLifecycle.Apply"/>: everything a writer must store for one event, computed once.</summary>
public sealed record RecordTransition
{
    public required TransitionOutcome Outcome { get; init; }

    /// <summary>The record after the event (Applied); the record as it stays otherwise.</summary>
    public CreditRecord? After { get; init; }

    /// <summary>The record's subject before the event, when the event moves the record to another subject.</summary>
    public SubjectId? MovedFrom { get; init; }

    public HistoryStep? Step { get; init; }

    public IReadOnlyList<PlatformChange> Platform { get; init; } = [];

    public IReadOnlyList<SubjectChange> SubjectChanges { get; init; } = [];

    public RecordRefusal? Refusal { get; init; }

    /// <summary>The message to remember as the last writer (ingestion), so its redelivery is recognised.</summary>
    public string? MessageId { get; init; }

    /// <summary>The version remembered by a <see cref="TransitionOutcome.RevokeRemembered"/>.</summary>
    public long RevokedVersion { get; init; }

    /// <summary>Stored as already expired on arrival (sent after its period ended): never published; its sender is told.</summary>
    public bool ArrivedExpired { get; init; }

    public bool IsMove => MovedFrom is not null;

    public static RecordTransition Unchanged(CreditRecord? record) => new() { Outcome = TransitionOutcome.Unchanged, After = record };
}
