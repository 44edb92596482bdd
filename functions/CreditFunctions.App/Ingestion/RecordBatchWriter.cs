using Azure.Data.Tables;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Writes a message's records with as few storage requests as the table design allows (docs/table-design.md).
/// Records are grouped by bucket partition and written optimistically as new: each record's current state, first
/// history entry, expiry index and outbox events go into one entity-group transaction with the other records of
/// its bucket, with no read first. If any of them already exists the transaction fails as a whole, changing
/// nothing, and those records are written one by one through the read-decide-write path instead. New records (the
/// bulk of any feed) cost a share of one request; updates cost a read and a write.
/// </summary>
public sealed class RecordBatchWriter(CreditStorage storage, RecordStore records)
{
    // Azure's limit for one entity-group transaction (Azurite accepts more; we must not rely on it).
    public const int MaxEntitiesPerTransaction = 100;

    private const int ParallelBuckets = 8;

    // Tries of one chunk as new before all of it goes the read-decide-write way: each failed try names one subject.
    private const int MaxOptimisticAttempts = 4;

    public async Task<(IReadOnlyList<WrittenRecord> Written, IReadOnlyList<OutboxPointer> Pending)> WriteAsync(
        IReadOnlyList<PreparedRecord> prepared, string messageId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = new List<WrittenRecord>(prepared.Count);
        var pending = new List<OutboxPointer>();
        var gate = new object();

        // A record named twice in one message cannot go into one transaction twice: the first goes optimistically,
        // the later ones afterwards, in message order, through the read-decide-write path.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var optimistic = new List<PreparedRecord>(prepared.Count);
        var later = new List<PreparedRecord>();
        foreach (var record in prepared)
        {
            (seen.Add(record.RecordId) ? optimistic : later).Add(record);
        }

        var fallback = new List<PreparedRecord>();
        await Parallel.ForEachAsync(
            optimistic.GroupBy(r => r.Partition),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBuckets, CancellationToken = cancellationToken },
            async (bucket, ct) =>
            {
                foreach (var chunk in Chunks(bucket.Key, bucket.ToList(), messageId, today, now))
                {
                    var (stored, slow) = await SubmitAsync(bucket.Key, chunk, messageId, today, now, ct);
                    lock (gate)
                    {
                        if (stored is not null)
                        {
                            written.AddRange(stored.Records.Select(r => new WrittenRecord(r, true, null)));
                            pending.AddRange(stored.Events);
                        }

                        fallback.AddRange(slow);
                    }
                }
            });

        foreach (var record in fallback.Concat(later))
        {
            IngestRejection? stale = null;
            CreditFunctions.Domain.Records.CreditRecord? redelivered = null;
            var (outcome, events) = await records.StageAsync(record.SubjectKey, record.RecordId, current =>
            {
                var decision = RecordVersioning.Decide(current, record, messageId, today, now);
                stale = decision.Stale;
                redelivered = decision.Redelivered ? current!.Record : null;
                return decision.Change;
            }, cancellationToken);
            written.Add(new WrittenRecord(record, outcome == WriteOutcome.Stored, stale));
            pending.AddRange(events);
            if (redelivered is not null)
            {
                // A crash after the first delivery wrote the record but before it sent the notice would leave the
                // events for reconciliation to find; point at them again now instead (no read needed).
                pending.AddRange(RecordVersioning.PossibleEventIds(redelivered).Select(id => new OutboxPointer(record.Partition, id)));
            }
        }

        return (written, pending);
    }

    /// <summary>
    /// Submits a chunk as new records. Returns the chunk that was written (null if none) and the records left for the
    /// read-decide-write path. An individual's representation row already there (its second record, or it represents
    /// a unit) costs only that subject its place: the others are tried again as new, a few times. Any other conflict
    /// (an update, a redelivery) sends the chunk whole, as its neighbours are likely the same.
    /// </summary>
    private async Task<(Chunk? Stored, List<PreparedRecord> Slow)> SubmitAsync(
        string partition, Chunk chunk, string messageId, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slow = new List<PreparedRecord>();
        for (var attempt = 1; ; attempt++)
        {
            if (await TrySubmitAsync(chunk.Actions, cancellationToken) is not { } failedAt)
            {
                return (chunk, slow);
            }

            var subject = chunk.RepresentationSubjectAt(failedAt);
            if (subject is null || attempt == MaxOptimisticAttempts)
            {
                slow.AddRange(chunk.Records);
                return (null, slow);
            }

            slow.AddRange(chunk.Records.Where(r => r.SubjectKey == subject));
            var rest = chunk.Records.Where(r => r.SubjectKey != subject).ToList();
            if (rest.Count == 0)
            {
                return (null, slow);
            }

            chunk = Chunks(partition, rest, messageId, today, now).Single();
        }
    }

    private sealed record Chunk(List<TableTransactionAction> Actions, List<PreparedRecord> Records, List<OutboxPointer> Events)
    {
        /// <summary>Which record's actions start where: each record's actions follow it in order.</summary>
        public List<int> Starts { get; } = [];

        public string? RepresentationSubjectAt(int actionIndex) =>
            actionIndex >= 0 && actionIndex < Actions.Count && Actions[actionIndex].Entity.RowKey.EndsWith("|u", StringComparison.Ordinal)
                ? SubjectAt(actionIndex)
                : null;

        private string? SubjectAt(int actionIndex)
        {
            for (var i = Starts.Count - 1; i >= 0; i--)
            {
                if (Starts[i] <= actionIndex)
                {
                    return actionIndex < Actions.Count ? Records[i].SubjectKey : null;
                }
            }

            return null;
        }
    }

    private IEnumerable<Chunk> Chunks(string partition, List<PreparedRecord> bucket, string messageId, DateOnly today, DateTimeOffset now)
    {
        var chunk = new Chunk([], [], []);
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        var representations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in bucket)
        {
            var change = RecordVersioning.Decide(null, record, messageId, today, now).Change!;
            var actions = new List<TableTransactionAction>(6);
            records.Plan(actions, partition, record.SubjectKey, null, change, includeProfile: false);
            var needsProfile = change.NewState.SubjectName is not null || change.NewState.LegalRepresentative is not null;
            // An individual's first record creates its representation row; Add fails if the row exists (a second record,
            // or a unit names it legal representative), and the record then goes the read-decide-write way that keeps
            // the units' copies of it (RepresentativeMirrors).
            var needsRepresentation = RepresentativeMirrors.IsIndividual(record.SubjectKey);
            var size = actions.Count
                + (needsProfile && !profiles.Contains(record.SubjectKey) ? 1 : 0)
                + (needsRepresentation && !representations.Contains(record.SubjectKey) ? 1 : 0);
            if (chunk.Actions.Count + size > MaxEntitiesPerTransaction)
            {
                yield return chunk;
                chunk = new Chunk([], [], []);
                profiles.Clear();
                representations.Clear();
            }

            chunk.Starts.Add(chunk.Actions.Count);
            chunk.Actions.AddRange(actions);
            // One profile row per subject per transaction: a transaction may not touch an entity twice.
            if (needsProfile && profiles.Add(record.SubjectKey))
            {
                chunk.Actions.Add(records.ProfileAction(partition, record.SubjectKey, change.NewState));
            }

            if (needsRepresentation && representations.Add(record.SubjectKey))
            {
                chunk.Actions.Add(RepresentativeMirrors.CreateRepresentation(partition, record.SubjectKey));
            }

            chunk.Records.Add(record);
            chunk.Events.AddRange(change.Events.Select(e => new OutboxPointer(partition, e.EventId)));
        }

        if (chunk.Records.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>Null when written; else the index of the action that failed (-1 when the service did not say).</summary>
    private async Task<int?> TrySubmitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await storage.Tables.GetTableClient(TableNames.Records).SubmitTransactionAsync(actions, cancellationToken);
            return null;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Some record of the chunk exists already (an update, a redelivery, or a race): nothing was written.
            return e.FailedTransactionActionIndex ?? -1;
        }
    }
}
