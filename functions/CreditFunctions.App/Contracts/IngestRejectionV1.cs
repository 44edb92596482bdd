namespace CreditFunctions.App.Contracts;

/// <summary>A sentence in Chinese and in English, as every message and problem for people carries it.</summary>
public sealed record LocalizedText(string Zh, string En);

/// <summary>
/// <c>ingest-rejection/v1</c>, on <c>credit-ingest-rejected</c> and on the sending unit's own <c>notices-{unit}</c>: what of
/// one message was refused and why (docs/contracts.md "ingest-rejection/v1"). Nothing refused is lost: the body is kept in <c>Rejections</c>.
/// </summary>
public sealed record RejectionNotice(
    string Schema,
    string? MessageId,
    string? Source,
    DateTimeOffset RejectedAt,
    IReadOnlyList<RejectionNoticeItem> Items)
{
    public const string SchemaName = "ingest-rejection/v1";

    /// <summary>Accepted records the sender should know about (<c>expired-on-arrival</c>): not rejections.</summary>
    public IReadOnlyList<RejectionNoticeItem>? Warnings { get; init; }
}

/// <summary>One refused record (or the whole message, without an index), or one warning.</summary>
public sealed record RejectionNoticeItem(int? RecordIndex, string? SourceRecordId, string Code, string? Field, LocalizedText Message);

/// <summary>Something the sender should know of an accepted record.</summary>
public sealed record NoticeWarning(int RecordIndex, string SourceRecordId, string Code, LocalizedText Message)
{
    /// <summary>Stored as already expired (records sent late): the unit knows it was never published.</summary>
    public static NoticeWarning ExpiredOnArrival(int index, string sourceRecordId, DateOnly expiresOn) => new(index, sourceRecordId, "expired-on-arrival",
        new LocalizedText(
            $"记录已接收，但其公示期已于 {expiresOn:yyyy-MM-dd} 届满：作为已到期记录保存，未予公示。",
            $"The record was accepted, but its publication period ended on {expiresOn:yyyy-MM-dd}: it is stored as expired and was never published."));
}
