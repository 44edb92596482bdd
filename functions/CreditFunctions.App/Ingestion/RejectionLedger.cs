using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;

namespace CreditFunctions.App.Ingestion;

/// <summary>One rejected message or record, with the body exactly as it arrived.</summary>
public sealed record RejectedItem(int? RecordIndex, string? SourceRecordId, string Body, IngestRejection Reason);

/// <summary>A rejection as the newest-first read returns it (<see cref="RejectionLedger.ReadRecentAsync"/>).</summary>
public sealed record StoredRejection(
    DateTimeOffset RejectedAt, string? MessageId, int? RecordIndex, string? SourceRecordId, string Code, string? Field, string Zh, string En,
    string Body, bool BodyTruncated);

/// <summary>The newest rejections of a unit, and whether older ones were left out.</summary>
public sealed record RecentRejections(IReadOnlyList<StoredRejection> Items, bool More);

/// <summary>
/// One item as an index row lists it (stored JSON, <c>Items</c>): its row, what was wrong and, when the transaction's
/// bodies fit the index row, the body too.
/// </summary>
public sealed record RejectionIndexItem(string Row, int? RecordIndex, string? SourceRecordId, string Code, string? Field, string Zh, string En, string? Body);

/// <summary>
/// Nothing sent to us is lost: every rejected message or record is kept verbatim in <c>Rejections</c> with its
/// reason, and the sender is told on <c>credit-ingest-rejected</c> (one notice per message, listing each item).
/// The sending unit's rejection counters (<c>UnitQuality</c>, art7) count each message's rejections once.
/// </summary>
public sealed class RejectionLedger(
    CreditStorage storage, StorageProvisioner provisioner, UnitQualityStore quality, QueueSender sender, CatalogueSet catalogues, TimeProvider clock)
{
    public const string UnknownSource = "_unknown";

    /// <summary>Index rows sort before nothing a message key can start with… except a message id that itself starts with
    /// <c>~t|</c>: the read also asks for <c>Kind eq 'index'</c>, so such rows are passed over, never taken for an index.</summary>
    private const string IndexPrefix = "~t|";
    private const string IndexKind = "index";

    /// <summary>99 rejection rows and their index row: one entity-group transaction (at most 100 entities).</summary>
    private const int RowsPerTransaction = 99;

    /// <summary>
    /// The bodies of one transaction's items are copied into its index row while they fit this budget (characters), so the
    /// newest-first read is one query; larger ones (a claim-check list's records) are read from their rows instead.
    /// </summary>
    private const int InlineBodyChars = 4 * LargeText.ChunkChars;

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

        // Row keys are deterministic per (message, item), so a retried delivery overwrites instead of duplicating. Each
        // transaction also holds one index row for the items in it (newest first, below), so the index costs no request
        // of its own: 99 rows and their index row fill an entity-group transaction's 100.
        var rows = items.Select(item => new TableEntity(partition, ItemRow(messageKey, item.RecordIndex))
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
        }).ToList();
        for (var i = 0; i < rows.Count; i++)
        {
            LargeText.Write(rows[i], "Body", items[i].Body);
        }

        var chunk = 0;
        foreach (var part in items.Zip(rows).Chunk(RowsPerTransaction))
        {
            var actions = part.Select(p => new TableTransactionAction(TableTransactionActionType.UpsertReplace, p.Second)).ToList();
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, IndexRow(partition, messageId, messageKey, chunk++, now, part)));
            await table.SubmitTransactionAsync(actions, cancellationToken);
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
    /// The unit's newest rejections (docs/table-design.md, "Rejections"): one range query of its partition's index rows,
    /// newest first, stopping at <paramref name="limit"/> items; plus one range query per index row whose bodies were too
    /// large to copy into it. A redelivered message's items appear once, at their latest rejection.
    /// </summary>
    public async Task<RecentRejections> ReadRecentAsync(string unit, int limit, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var table = storage.Tables.GetTableClient(TableNames.Rejections);
        var partition = TableKeys.Escape(unit);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey ge {IndexPrefix} and RowKey lt {"~t}"} and Kind eq {IndexKind}");
        var found = new List<StoredRejection>(limit);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var index in table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit, 1000), cancellationToken: cancellationToken))
        {
            var items = JsonSerializer.Deserialize(LargeText.Read(index, "Items"), AppJson.Web.IReadOnlyListRejectionIndexItem) ?? [];
            var at = index.GetDateTimeOffset("At") ?? default;
            var message = index.GetString("Message");
            var inline = index.GetBoolean("BodiesInline") ?? false;
            var bodies = inline ? null : await ReadBodiesAsync(table, partition, index.GetString("First"), index.GetString("Last"), cancellationToken);
            foreach (var item in items)
            {
                if (!seen.Add(item.Row))
                {
                    continue;
                }

                if (found.Count == limit)
                {
                    return new RecentRejections(found, true);
                }

                var (body, truncated) = inline ? (item.Body ?? "", false) : bodies!.GetValueOrDefault(item.Row, ("", false));
                found.Add(new StoredRejection(at, message, item.RecordIndex, item.SourceRecordId, item.Code, item.Field, item.Zh, item.En, body, truncated));
            }
        }

        return new RecentRejections(found, false);
    }

    private static async Task<Dictionary<string, (string Body, bool Truncated)>> ReadBodiesAsync(
        TableClient table, string partition, string? first, string? last, CancellationToken cancellationToken)
    {
        var bodies = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        if (first is null || last is null)
        {
            return bodies;
        }

        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {first} and RowKey le {last}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            bodies[row.RowKey] = (LargeText.Read(row, "Body"), row.GetBoolean("BodyTruncated") ?? false);
        }

        return bodies;
    }

    private static string ItemRow(string messageKey, int? recordIndex) =>
        $"{messageKey}|{(recordIndex is { } i ? i.ToString("D4", CultureInfo.InvariantCulture) : "msg")}";

    /// <summary>
    /// The index row of one transaction's items: <c>~t|{inverted ticks}|{message}|{chunk}</c>, so a unit's partition read
    /// from <c>~t|</c> is newest first. It names the items' rows and what was wrong with each, and copies their bodies
    /// when they fit <see cref="InlineBodyChars"/>. A redelivery writes a newer index row for the same rows; the read
    /// shows each row once.
    /// </summary>
    private static TableEntity IndexRow(
        string partition, string? messageId, string messageKey, int chunk, DateTimeOffset now, (RejectedItem Item, TableEntity Row)[] part)
    {
        var inline = part.Sum(p => (long)p.Item.Body.Length) <= InlineBodyChars;
        var items = part.Select(p => new RejectionIndexItem(
            p.Row.RowKey, p.Item.RecordIndex, p.Item.SourceRecordId, p.Item.Reason.Code, p.Item.Reason.Field, p.Item.Reason.Zh, p.Item.Reason.En,
            inline ? p.Item.Body : null)).ToList();
        var inverted = DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks;
        var entity = new TableEntity(partition, $"{IndexPrefix}{inverted:D19}|{messageKey}|{chunk.ToString("D4", CultureInfo.InvariantCulture)}")
        {
            // Not MessageId, Code or Body: readers of the rejection rows filter on those and must not find index rows.
            ["Kind"] = IndexKind,
            ["Message"] = messageId,
            ["At"] = now,
            ["First"] = part[0].Row.RowKey,
            ["Last"] = part[^1].Row.RowKey,
            ["Count"] = part.Length,
            ["BodiesInline"] = inline,
        };
        LargeText.Write(entity, "Items", JsonSerializer.Serialize<IReadOnlyList<RejectionIndexItem>>(items, AppJson.Web.IReadOnlyListRejectionIndexItem));
        return entity;
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

