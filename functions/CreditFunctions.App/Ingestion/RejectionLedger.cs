using System.Text.Json;
using Azure.Data.Tables;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Ingestion;

/// <summary>One rejected message or record, with the body exactly as it arrived.</summary>
public sealed record RejectedItem(int? RecordIndex, string? SourceRecordId, string Body, IngestRejection Reason);

/// <summary>
/// Nothing sent to us is lost: every rejected message or record is kept verbatim in <c>Rejections</c> with its
/// reason, and the sender is told on <c>credit-ingest-rejected</c> (one notice per message, listing each item).
/// The sending unit's rejection counters (<c>UnitQuality</c>, art7) count each message's rejections once.
/// </summary>
public sealed class RejectionLedger(CreditStorage storage, StorageProvisioner provisioner, UnitQualityStore quality, TimeProvider clock)
{
    public const string UnknownSource = "_unknown";

    /// <param name="warnings">What the sender should know of records that were accepted (stored already expired): told in
    /// the same notice, but not rejections (not kept in Rejections, not counted).</param>
    public async Task RecordAsync(
        string? source, string? messageId, IReadOnlyList<RejectedItem> items, IReadOnlyList<NoticeWarning> warnings, CancellationToken cancellationToken)
    {
        if (items.Count == 0 && warnings.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var partition = source is not null && TableKeys.IsSafe(source) ? source : UnknownSource;
        var messageKey = TableKeys.Escape(messageId ?? $"no-id-{Guid.NewGuid():N}");
        var table = storage.Tables.GetTableClient(TableNames.Rejections);

        // Row keys are deterministic per (message, item), so a retried delivery overwrites instead of duplicating.
        var actions = new List<TableTransactionAction>(items.Count);
        foreach (var item in items)
        {
            var entity = new TableEntity(partition, $"{messageKey}|{(item.RecordIndex is { } i ? i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture) : "msg")}")
            {
                ["Source"] = source,
                ["MessageId"] = messageId,
                ["RecordIndex"] = item.RecordIndex,
                ["SourceRecordId"] = item.SourceRecordId,
                ["Code"] = item.Reason.Code,
                ["Field"] = item.Reason.Field,
                ["Zh"] = item.Reason.Zh,
                ["En"] = item.Reason.En,
                ["RejectedAt"] = now,
            };
            LargeText.Write(entity, "Body", item.Body);
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        // Entity-group transactions hold at most 100 entities (Azurite would take more; Azure does not).
        foreach (var chunk in actions.Chunk(100))
        {
            await table.SubmitTransactionAsync(chunk, cancellationToken);
        }

        if (partition != UnknownSource && items.Count > 0)
        {
            // Counted by the message's id, so a redelivery that rewrites the rows above does not count them again.
            var byCode = items.GroupBy(i => i.Reason.Code).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            await quality.RecordRejectionsAsync(partition, byCode, cancellationToken, messageKey);
        }

        var notice = new RejectionNotice(
            "ingest-rejection/v1",
            messageId,
            source,
            now,
            items.Select(i => new RejectionNoticeItem(i.RecordIndex, i.SourceRecordId, i.Reason.Code, i.Reason.Field, new LocalizedText(i.Reason.Zh, i.Reason.En))).ToList())
        {
            Warnings = warnings.Count == 0 ? null : warnings.Select(w => new RejectionNoticeItem(w.RecordIndex, w.SourceRecordId, w.Code, null, w.Message)).ToList(),
        };
        var json = JsonSerializer.Serialize(notice, AppJson.Web.RejectionNotice);
        await SendNoticeAsync(json, notice, cancellationToken);
    }

    private async Task SendNoticeAsync(string json, RejectionNotice notice, CancellationToken cancellationToken)
    {
        var queue = storage.Queues.GetQueueClient(QueueNames.IngestRejected);
        if (System.Text.Encoding.UTF8.GetByteCount(json) <= RecordsEnvelopeReader.MaxMessageBytes)
        {
            await queue.SendMessageAsync(json, cancellationToken);
            return;
        }

        // A notice for 500 rejected records can outgrow one queue message: send it in parts that each fit.
        if (notice.Warnings is { Count: > 0 } warnings)
        {
            if (notice.Items.Count > 0)
            {
                await SendNoticeAsync(JsonSerializer.Serialize(notice with { Warnings = null }, AppJson.Web.RejectionNotice), notice with { Warnings = null }, cancellationToken);
            }

            var alone = notice with { Items = [], Warnings = warnings };
            foreach (var part in warnings.Chunk(Math.Max(1, warnings.Count / 2)))
            {
                var smaller = alone with { Warnings = part };
                await SendNoticeAsync(JsonSerializer.Serialize(smaller, AppJson.Web.RejectionNotice), smaller, cancellationToken);
            }

            return;
        }

        var half = Math.Max(1, notice.Items.Count / 2);
        foreach (var items in notice.Items.Chunk(half))
        {
            var smaller = notice with { Items = items };
            await SendNoticeAsync(JsonSerializer.Serialize(smaller, AppJson.Web.RejectionNotice), smaller, cancellationToken);
        }
    }
}

public sealed record LocalizedText(string Zh, string En);

public sealed record RejectionNotice(
    string Schema,
    string? MessageId,
    string? Source,
    DateTimeOffset RejectedAt,
    IReadOnlyList<RejectionNoticeItem> Items)
{
    /// <summary>Accepted records the sender should know about (e.g. <c>arrived-expired</c>): not rejections.</summary>
    public IReadOnlyList<RejectionNoticeItem>? Warnings { get; init; }
}

/// <summary>Something the sender should know of an accepted record.</summary>
public sealed record NoticeWarning(int RecordIndex, string SourceRecordId, string Code, LocalizedText Message)
{
    /// <summary>Stored as already expired (contract v2 "Dates that cannot be"): the unit knows it was never published.</summary>
    public static NoticeWarning ArrivedExpired(int index, string sourceRecordId, DateOnly expiresOn) => new(index, sourceRecordId, "expired-on-arrival",
        new LocalizedText(
            $"记录已接收，但其公示期已于 {expiresOn:yyyy-MM-dd} 届满：作为已到期记录保存，未予公示。",
            $"The record was accepted, but its publication period ended on {expiresOn:yyyy-MM-dd}: it is stored as expired and was never published."));
}

public sealed record RejectionNoticeItem(int? RecordIndex, string? SourceRecordId, string Code, string? Field, LocalizedText Message);
