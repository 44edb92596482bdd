using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.App.Ingestion;

/// <summary>One rejected message or record, with the body exactly as it arrived.</summary>
public sealed record RejectedItem(int? RecordIndex, string? SourceRecordId, string Body, IngestRejection Reason);

/// <summary>
/// Nothing sent to us is lost: every rejected message or record is kept verbatim in <c>Rejections</c> with its
/// reason, and the sender is told on <c>credit-ingest-rejected</c> (one notice per message, listing each item).
/// The sending unit's rejection counters (<c>UnitQuality</c>, art7) count each message's rejections once.
/// </summary>
public sealed class RejectionLedger(
    CreditStorage storage, StorageProvisioner provisioner, UnitQualityStore quality, QueueSender sender, CatalogueSet catalogues, TimeProvider clock)
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

        ReportRejections(source, items);

        var notice = new RejectionNotice(
            RejectionNotice.SchemaName,
            messageId,
            source,
            now,
            items.Select(i => new RejectionNoticeItem(i.RecordIndex, i.SourceRecordId, i.Reason.Code, i.Reason.Field, new LocalizedText(i.Reason.Zh, i.Reason.En))).ToList())
        {
            Warnings = warnings.Count == 0 ? null : warnings.Select(w => new RejectionNoticeItem(w.RecordIndex, w.SourceRecordId, w.Code, null, w.Message)).ToList(),
        };
        await SendNoticeAsync(notice, cancellationToken);
    }

    /// <summary>
    /// The <c>RecordsRejected</c> metric, per reason code. The unit is the message's source when the catalogue knows it, else
    /// <see cref="UnknownSource"/>: a source is whatever the sender wrote, and a metric dimension must not take any text.
    /// </summary>
    private void ReportRejections(string? source, IReadOnlyList<RejectedItem> items)
    {
        var unit = source is not null && catalogues.ForDate(Domain.Time.ChinaStandardTime.Today(clock)).IsKnownUnit(source) ? source : UnknownSource;
        foreach (var byCode in items.GroupBy(i => i.Reason.Code, StringComparer.Ordinal))
        {
            Telemetry.OperationsMetrics.RecordsRejected(unit, byCode.Key, byCode.Count());
        }
    }

    /// <summary>
    /// To the shared queue of version 1 (kept for a transition) and to the sending unit's own notices queue, so no unit
    /// reads another's. A notice for 500 rejected records can outgrow one queue message: it is sent in parts that fit.
    /// </summary>
    private async Task SendNoticeAsync(RejectionNotice notice, CancellationToken cancellationToken)
    {
        if (QueueSender.SizeOf(notice, AppJson.Web.RejectionNotice) > QueueSender.MaxMessageBytes)
        {
            foreach (var part in Split(notice))
            {
                await SendNoticeAsync(part, cancellationToken);
            }

            return;
        }

        await sender.SendAsync(QueueNames.IngestRejected, notice, AppJson.Web.RejectionNotice, cancellationToken);
        // Only a registered unit has a queue of its own (the deployment makes one per unit); anything else named itself.
        if (notice.Source is { } unit && catalogues.ForDate(Domain.Time.ChinaStandardTime.Today(clock)).IsKnownUnit(unit))
        {
            await sender.SendAsync(QueueNames.NoticesOf(unit), notice, AppJson.Web.RejectionNotice, cancellationToken);
        }
    }

    private static IEnumerable<RejectionNotice> Split(RejectionNotice notice)
    {
        if (notice.Warnings is { Count: > 0 } warnings)
        {
            if (notice.Items.Count > 0)
            {
                yield return notice with { Warnings = null };
            }

            foreach (var part in warnings.Chunk(Math.Max(1, warnings.Count / 2)))
            {
                yield return notice with { Items = [], Warnings = part };
            }

            yield break;
        }

        foreach (var items in notice.Items.Chunk(Math.Max(1, notice.Items.Count / 2)))
        {
            yield return notice with { Items = items };
        }
    }
}

