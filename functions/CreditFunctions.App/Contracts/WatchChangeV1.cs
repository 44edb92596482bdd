using System.ComponentModel;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Contracts;

/// <summary>
/// One change of a watched subject (contract v2 "Watches"), as <c>GET /api/watches/{id}/changes</c> lists it and as it is
/// POSTed to the watch's <c>callbackUrl</c> with <c>X-Credit-Signature: sha256=…</c>. <see cref="Cursor"/> is the change's
/// place in the watch's feed and its id: a receiver drops repeats by it.
/// </summary>
[Description("One change of a watched subject, in the watch's feed and as POSTed to its callbackUrl. cursor is its place in the feed and its id: a receiver drops repeats by it.")]
public sealed record WatchChange(
    [property: Description("The change's place in the watch's feed (27 characters); ask after it for what came next.")] string Cursor,
    [property: Description("The subject, as the record names it.")] string SubjectId,
    [property: Description("When the change was stored.")] DateTimeOffset At,
    [property: Description("What changed."), WireSet(WireSets.FeedChange)] string Change,
    [property: Description("The record that changed.")] string RecordId,
    [property: Description("The subject's credit status after the change, as a partner is answered."), WireSet(WireSets.CreditStatus)] string Status,
    [property: Description("With a watch for a business type: the decision for it after the change."), WireSet(WireSets.RestrictionDecision)] string? Decision = null)
{
    /// <summary>The watch it was delivered for (callbacks only).</summary>
    [Description("The watch the callback is for (callbacks only).")]
    public string? WatchId { get; init; }
}

/// <summary>
/// A change of a subject as stored with the record's transaction (<c>c|</c> rows of the record's partition) and carried
/// on the outbox notice, so the fan-out rarely needs to read it: which subject, what happened, to which record, when.
/// </summary>
public sealed record SubjectChangeNotice(string SubjectKey, string SubjectType, string SubjectId, string Change, string RecordId, DateTimeOffset At);
