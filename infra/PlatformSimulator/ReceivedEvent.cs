using System.Text.Json;

namespace CreditFunctions.PlatformSimulator;

/// <summary>An event the simulator holds, with when it arrived and whether it carried a bearer token.</summary>
public sealed record ReceivedEvent(
    string EventId,
    string Type,
    string RecordId,
    long Version,
    string? OccurredAt,
    DateTimeOffset ReceivedAt,
    bool HadBearerToken,
    JsonElement? Record);

/// <summary>What the simulator has seen, for tests and benchmarks (<c>GET /stats</c>).</summary>
public sealed record LedgerStats(long Received, long Accepted, long Duplicates, long Stale, long Invalid, long InjectedFailures, long InjectedTimeouts);

/// <summary>The answer to <c>GET /credit-events</c>.</summary>
public sealed record EventList(int Count, IReadOnlyList<ReceivedEvent> Events);

/// <summary>The body of a 409 or 200 answer to <c>POST /credit-events</c>.</summary>
public sealed record PostAnswer(string Outcome, long? HeldVersion = null);
