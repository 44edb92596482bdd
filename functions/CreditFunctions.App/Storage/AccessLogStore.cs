using System.Globalization;
using Azure.Data.Tables;

namespace CreditFunctions.App.Storage;

/// <summary>
/// One look-up of a subject (art12: who, when, for what business). <see cref="CallerKey"/> is the pseudonymous
/// subject key of a subject caller, never its ID number; the looked-at subject is known only by its key too.
/// </summary>
public sealed record AccessLogEntry(
    string SubjectKey,
    DateTimeOffset At,
    string Role,
    string? Unit,
    string? CallerKey,
    string? CallerName,
    string? Business,
    string Route);

/// <summary>
/// The <c>AccessLog</c> table (docs/table-design.md): <c>PK = subject bucket</c>,
/// <c>RK = {subjectKey}|{invertedTicks:D19}|{shortGuid}</c>. A look-up costs one insert; a subject's log is one
/// range query in one partition that comes back newest first, because the inverted ticks sort that way.
/// </summary>
public sealed class AccessLogStore(CreditStorage storage, StorageProvisioner provisioner)
{
    public const int MaxRead = 1000;

    private TableClient Table => storage.Tables.GetTableClient(TableNames.AccessLog);

    /// <summary>One look-up: one storage request.</summary>
    public async Task WriteAsync(AccessLogEntry entry, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        // Add, not upsert: the row key is unique (ticks + random part), and an add states that we never overwrite.
        await Table.AddEntityAsync(ToEntity(entry), cancellationToken);
    }

    /// <summary>
    /// The look-ups of a screening: grouped by bucket into entity-group transactions (at most 100 entities each),
    /// so 100 subjects cost at most 32 requests rather than 100, sent concurrently.
    /// </summary>
    public async Task WriteManyAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return;
        }

        await provisioner.EnsureAsync(cancellationToken);
        var batches = entries
            .Select(ToEntity)
            .GroupBy(e => e.PartitionKey)
            .SelectMany(g => g.Chunk(100))
            .Select(chunk => Table.SubmitTransactionAsync(
                chunk.Select(e => new TableTransactionAction(TableTransactionActionType.Add, e)), cancellationToken));
        await Task.WhenAll(batches);
    }

    /// <summary>A subject's look-ups, newest first: one range query (one page of at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> ReadAsync(string subjectKey, int limit, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        limit = Math.Clamp(limit, 1, MaxRead);
        // '}' follows '|': the range is exactly this subject's rows.
        var (from, to) = (subjectKey + "|", subjectKey + "}");
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {from} and RowKey lt {to}");
        var entries = new List<AccessLogEntry>(Math.Min(limit, 100));
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, maxPerPage: limit, cancellationToken: cancellationToken).AsPages(pageSizeHint: limit))
        {
            entries.AddRange(page.Values.Select(FromEntity));
            // One page is what was asked for: the first page holds the newest entries.
            break;
        }

        return entries.Count > limit ? entries[..limit] : entries;
    }

    public static string RowKey(string subjectKey, DateTimeOffset at, Guid unique) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{subjectKey}|{DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks:D19}|{unique.ToString("N")[..12]}");

    private static TableEntity ToEntity(AccessLogEntry entry) =>
        new(SubjectKeys.BucketOf(entry.SubjectKey), RowKey(entry.SubjectKey, entry.At, Guid.NewGuid()))
        {
            ["SubjectKey"] = entry.SubjectKey,
            ["At"] = entry.At,
            ["Role"] = entry.Role,
            ["Unit"] = entry.Unit,
            ["CallerKey"] = entry.CallerKey,
            ["CallerName"] = entry.CallerName,
            ["Business"] = entry.Business,
            ["Route"] = entry.Route,
        };

    private static AccessLogEntry FromEntity(TableEntity entity) => new(
        entity.GetString("SubjectKey") ?? "",
        entity.GetDateTimeOffset("At") ?? default,
        entity.GetString("Role") ?? "",
        entity.GetString("Unit"),
        entity.GetString("CallerKey"),
        entity.GetString("CallerName"),
        entity.GetString("Business"),
        entity.GetString("Route") ?? "");
}
