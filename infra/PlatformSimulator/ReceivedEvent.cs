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
    JsonElement? Record)
{
    /// <summary>A measure-feedback event's feedback.</summary>
    public JsonElement? Feedback { get; init; }
}

/// <summary>What the simulator has seen, for tests and benchmarks (<c>GET /stats</c>).</summary>
public sealed record LedgerStats(long Received, long Accepted, long Duplicates, long Stale, long Invalid, long InjectedFailures, long InjectedTimeouts);

/// <summary>The answer to <c>GET /credit-events</c>.</summary>
public sealed record EventList(int Count, IReadOnlyList<ReceivedEvent> Events);

/// <summary>The body of a 409 or 200 answer to <c>POST /credit-events</c>.</summary>
public sealed record PostAnswer(string Outcome, long? HeldVersion = null);

/// <summary>A callback a watch POSTed to <c>/hooks/{name}</c>, with its signature as received.</summary>
public sealed record ReceivedCallback(string Cursor, string? Signature, bool? SignatureValid, DateTimeOffset ReceivedAt, JsonElement Body);

/// <summary>What one hook received (<c>GET /hooks/{name}</c>): each distinct cursor once, in order of first arrival, and how many POSTs came.</summary>
public sealed record HookLog(string Name, int Posts, int Distinct, int InjectedFailures, IReadOnlyList<ReceivedCallback> Callbacks);

/// <summary>The secret a hook checks signatures with (<c>PUT /hooks/{name}/secret</c>).</summary>
public sealed record HookSecret(string Secret);
