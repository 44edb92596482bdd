using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;

namespace CreditFunctions.App.Storage;

/// <summary>A feedback as stored with its subject: what was reported, on which look-up, by whom, when.</summary>
public sealed record StoredFeedback(MeasureFeedback Feedback, DateTimeOffset FiledAt, DateOnly LookupDay, string FiledBy, string? FiledByUnit, string? FiledByObjectId);

/// <summary>A feedback as the summary counts it (its day index row).</summary>
public sealed record FeedbackOfDay(DateOnly LookupDay, string Business, string Measure, string Handling);

/// <summary>
/// Enforcement feedback (docs/http-api.md "Enforcement feedback"): kept in the subject's partition of <c>Records</c>, so
/// the feedback, its day-index row and its platform event are one entity-group transaction — filed whole or not at all,
/// and the event is never lost. One feedback per look-up and measure: the row is added, so a repeat finds it (409).
/// </summary>
public sealed partial class RecordStore
{
    /// <summary>Files a feedback: one transaction, then the push's notice. False when this look-up's measure has feedback already.</summary>
    public async Task<bool> AddFeedbackAsync(string subjectKey, StoredFeedback stored, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var partition = SubjectKeys.BucketOf(subjectKey);
        var f = stored.Feedback;
        var e = new MeasureFeedbackEvent(MeasureFeedbackEvent.IdFor(f.FeedbackId), MeasureFeedbackEvent.TypeName, stored.FiledAt, f);
        var row = new TableEntity(partition, Keys.FeedbackRow(subjectKey, f.LookupId, f.Measure))
        {
            ["FeedbackId"] = f.FeedbackId,
            ["LookupId"] = f.LookupId,
            // Not a key, never logged: the subject as the department named it, shown back to the subject and administrators.
            ["SubjectId"] = f.SubjectId,
            ["Business"] = f.Business,
            ["Measure"] = f.Measure,
            ["Handling"] = f.Handling,
            ["Note"] = f.Note,
            ["Amount"] = f.Amount?.ToString(CultureInfo.InvariantCulture),
            ["FiledAt"] = stored.FiledAt,
            ["LookupDay"] = stored.LookupDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["FiledBy"] = stored.FiledBy,
            ["FiledByUnit"] = stored.FiledByUnit,
            ["FiledByObjectId"] = stored.FiledByObjectId,
        };
        var day = new TableEntity(partition, Keys.FeedbackDayRow(stored.LookupDay, f.LookupId, f.Measure))
        {
            ["Business"] = f.Business,
            ["Measure"] = f.Measure,
            ["Handling"] = f.Handling,
        };
        var outboxRow = new TableEntity(partition, Keys.OutboxRow(e.EventId))
        {
            ["EventId"] = e.EventId,
            ["Type"] = e.Type,
            // A feedback is its own stream of one event: the push's range for it is its event id.
            ["RecordId"] = e.EventId,
            ["Version"] = 0L,
            ["OccurredAt"] = e.OccurredAt,
            ["Order"] = 0,
            ["SubjectKey"] = subjectKey,
            ["Payload"] = JsonSerializer.Serialize(e, AppJson.Web.MeasureFeedbackEvent),
            ["Attempts"] = 0,
        };
        try
        {
            await Records.SubmitTransactionAsync(
            [
                new(TableTransactionActionType.Add, row),
                new(TableTransactionActionType.Add, day),
                new(TableTransactionActionType.Add, outboxRow),
            ], cancellationToken);
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }

        await outbox.NotifyAsync([new OutboxPointer(partition, e.EventId)], cancellationToken);
        return true;
    }

    /// <summary>The feedback on a subject, oldest look-up first: one range query in its partition.</summary>
    public async Task<IReadOnlyList<StoredFeedback>> FeedbackOfAsync(string subjectKey, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var prefix = Keys.FeedbackPrefix(subjectKey);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {SubjectKeys.BucketOf(subjectKey)} and RowKey ge {prefix} and RowKey lt {prefix + "~"}");
        var found = new List<StoredFeedback>();
        await foreach (var r in Records.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            found.Add(new StoredFeedback(
                new MeasureFeedback(r.GetString("FeedbackId") ?? "", r.GetString("LookupId") ?? "", r.GetString("SubjectId") ?? "", r.GetString("Business") ?? "",
                    r.GetString("Measure") ?? "", r.GetString("Handling") ?? "", r.GetString("Note"),
                    decimal.TryParse(r.GetString("Amount"), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : null),
                r.GetDateTimeOffset("FiledAt") ?? default,
                DateOnly.TryParseExact(r.GetString("LookupDay"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : default,
                r.GetString("FiledBy") ?? "", r.GetString("FiledByUnit"), r.GetString("FiledByObjectId")));
        }

        // Look-up ids sort newest first (inverted ticks): the subject reads its feedback oldest first.
        found.Reverse();
        return found;
    }

    /// <summary>The feedback on look-ups of the days <paramref name="from"/> … <paramref name="to"/>: one range query per bucket.</summary>
    public async Task<IReadOnlyList<FeedbackOfDay>> FeedbackOfDaysAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var (low, high) = Keys.FeedbackDayRange(from, to);
        var found = new List<FeedbackOfDay>();
        await Parallel.ForEachAsync(SubjectKeys.AllBuckets(), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (bucket, token) =>
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {bucket} and RowKey ge {low} and RowKey lt {high}");
            var rows = new List<FeedbackOfDay>();
            await foreach (var r in Records.QueryAsync<TableEntity>(filter, select: ["RowKey", "Business", "Measure", "Handling"], cancellationToken: token))
            {
                rows.Add(new FeedbackOfDay(DateOnly.ParseExact(r.RowKey.AsSpan(2, 8), "yyyyMMdd", CultureInfo.InvariantCulture),
                    r.GetString("Business") ?? "", r.GetString("Measure") ?? "", r.GetString("Handling") ?? ""));
            }

            lock (found)
            {
                found.AddRange(rows);
            }
        });
        return found;
    }
}
