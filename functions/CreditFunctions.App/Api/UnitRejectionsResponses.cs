using System.ComponentModel;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/units/{unit}/rejections: what the register refused from a unit, newest first (art7).</summary>
[Description("A unit's refused submissions, newest first: each with its reason and the body exactly as received.")]
public sealed record UnitRejectionsResponse(
    [property: Description("The unit code.")] string Unit,
    [property: Description("The refused records and messages, newest first, at most limit of them.")] IReadOnlyList<RejectionView> Rejections,
    [property: Description("True when older refusals were left out (raise limit to see more).")] bool More);

[Description("One refused record, or a message refused whole.")]
public sealed record RejectionView(
    [property: Description("When it was refused.")] DateTimeOffset RejectedAt,
    [property: Description("The message's messageId, when it had a readable one.")] string? MessageId,
    [property: Description("The record's position in the message's records (from 0); absent when the whole message was refused.")] int? RecordIndex,
    [property: Description("The record's sourceRecordId, when it had one.")] string? SourceRecordId,
    [property: Description("The rejection reason code (the AsyncAPI document's RejectionCode).")] string Code,
    [property: Description("The field at fault, when one is.")] string? Field,
    [property: Description("What is wrong, in Chinese and in English.")] LocalizedName Reason,
    [property: Description("The record (or the whole message) exactly as received.")] string Body,
    [property: Description("True when the body was longer than the register keeps and is cut short.")] bool? BodyTruncated);
