using Azure.Data.Tables;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.Domain.Lifecycle;

namespace CreditFunctions.App.Storage;

/// <summary>One record of a message, ready to be applied: where it is expected, and what happens to it.</summary>
/// <param name="ListedWithUnitId">For a party listed with a unit (wage-arrears list): that unit's USCC, indexed for its repair.</param>
public sealed record RecordIntent(string RecordId, string SubjectKey, RecordEvent Event, string? ListedWithUnitId = null);

/// <summary>What applying one intent came to.</summary>
public sealed record IntentResult(RecordIntent Intent, RecordWrite Write);

public sealed partial class RecordStore
{
    private const int ParallelBuckets = 8;

    // Tries of one chunk as new before all of it goes the read-decide-write way: each failed try names one subject.
    private const int MaxOptimisticAttempts = 4;

    /// <summary>
    /// Applies a message's records with as few storage requests as the table design allows (docs/table-design.md,
    /// "What ingestion costs"). Their locators go first, added in one transaction per shard: a record never seen
    /// gets its identity there (and a second writer of the same id loses at once). New records are then written
    /// optimistically, grouped by bucket partition: each one's state, first history entry, expiry index and events go
    /// into one entity-group transaction with the others of its bucket, with no read. A record seen before, or whose
    /// bucket transaction fails, goes through <see cref="ApplyAsync(string, string?, RecordEvent, CancellationToken, WriteOptions?)"/>.
    /// The record ids must be distinct (a message naming one twice is refused before).
    /// </summary>
    public async Task<(IReadOnlyList<IntentResult> Results, IReadOnlyList<OutboxPointer> Pending)> ApplyManyAsync(
        IReadOnlyList<RecordIntent> intents, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var results = new List<IntentResult>(intents.Count);
        var pending = new List<OutboxPointer>();
        var gate = new object();

        var known = await AddLocatorsAsync(intents.Select(i => i.Event switch
        {
            RevokeReceived r => LocatorEntity(i.RecordId, "", r.Version, r.Version),
            VersionReceived v => LocatorEntity(i.RecordId, i.SubjectKey, v.Classified.Submission.Version),
            _ => throw new ArgumentException($"Not an event a message carries: {i.Event.GetType().Name}", nameof(intents)),
        }).ToList(), cancellationToken);

        var fresh = new List<(RecordIntent Intent, RecordTransition Transition)>();
        var careful = new List<(RecordIntent Intent, string? KnownNewAt)>();
        foreach (var intent in intents)
        {
            if (known.Contains(intent.RecordId))
            {
                careful.Add((intent, null));
                continue;
            }

            var transition = RecordLifecycle.Apply(null, intent.Event);
            if (transition.Outcome == TransitionOutcome.RevokeRemembered)
            {
                // Its locator, just added, is all a revoke of a record never received needs.
                results.Add(new IntentResult(intent, new RecordWrite(transition, null, [])));
            }
            else
            {
                fresh.Add((intent, transition));
            }
        }

        await Parallel.ForEachAsync(
            fresh.GroupBy(f => SubjectKeys.BucketOf(f.Intent.SubjectKey)),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBuckets, CancellationToken = cancellationToken },
            async (bucket, ct) =>
            {
                foreach (var chunk in Chunks(bucket.ToList()))
                {
                    var (stored, slow) = await SubmitAsync(chunk, ct);
                    lock (gate)
                    {
                        if (stored is not null)
                        {
                            for (var i = 0; i < stored.Records.Count; i++)
                            {
                                results.Add(new IntentResult(stored.Records[i].Intent, new RecordWrite(stored.Records[i].Transition, ToStored(stored.Entities[i]), [])));
                            }

                            pending.AddRange(stored.Events);
                        }

                        careful.AddRange(slow.Select(s => (s.Intent, (string?)s.Intent.SubjectKey)));
                    }
                }
            });

        foreach (var (intent, knownNewAt) in careful)
        {
            var write = await ApplyAsync(intent.RecordId, intent.SubjectKey.Length == 0 ? null : intent.SubjectKey, intent.Event, cancellationToken,
                new WriteOptions(Notify: false, KnownNewAt: knownNewAt));
            results.Add(new IntentResult(intent, write));
            pending.AddRange(write.Pending);
        }

        var listed = results
            .Where(r => r.Intent.ListedWithUnitId is { Length: > 0 } && r.Write.Outcome is TransitionOutcome.Applied or TransitionOutcome.Redelivered)
            .Select(r => (r.Intent.ListedWithUnitId!, r.Intent.RecordId, r.Write.Stored?.SubjectKey ?? r.Intent.SubjectKey))
            .ToList();
        if (listed.Count > 0)
        {
            await IndexListedWithAsync(listed, cancellationToken);
        }

        return (results, pending);
    }

    private sealed record Chunk(List<TableTransactionAction> Actions, List<(RecordIntent Intent, RecordTransition Transition)> Records, List<TableEntity> Entities, List<OutboxPointer> Events)
    {
        /// <summary>Where each record's actions start: each record's actions follow it in order.</summary>
        public List<int> Starts { get; } = [];

        public string? RepresentationSubjectAt(int actionIndex)
        {
            if (actionIndex < 0 || actionIndex >= Actions.Count || !Actions[actionIndex].Entity.RowKey.EndsWith("|u", StringComparison.Ordinal))
            {
                return null;
            }

            for (var i = Starts.Count - 1; i >= 0; i--)
            {
                if (Starts[i] <= actionIndex)
                {
                    return Records[i].Intent.SubjectKey;
                }
            }

            return null;
        }
    }

    private IEnumerable<Chunk> Chunks(List<(RecordIntent Intent, RecordTransition Transition)> bucket)
    {
        var chunk = new Chunk([], [], [], []);
        var profiles = new HashSet<string>(StringComparer.Ordinal);
        var representations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in bucket)
        {
            var (intent, transition) = record;
            var actions = new List<TableTransactionAction>(6);
            var (entity, events) = Plan(actions, intent.SubjectKey, null, transition, movedTo: null, includeProfile: false);
            var after = transition.After!;
            var needsProfile = after.SubjectName is not null || after.LegalRepresentative is not null;
            // An individual's first record creates its representation row; Add fails if the row exists (a second record,
            // or a unit names it legal representative), and the record then goes the read-decide-write way that keeps
            // the units' copies of it.
            var needsRepresentation = IsIndividual(intent.SubjectKey);
            var size = actions.Count
                + (needsProfile && !profiles.Contains(intent.SubjectKey) ? 1 : 0)
                + (needsRepresentation && !representations.Contains(intent.SubjectKey) ? 1 : 0);
            if (chunk.Actions.Count + size > MaxEntitiesPerTransaction)
            {
                yield return chunk;
                chunk = new Chunk([], [], [], []);
                profiles.Clear();
                representations.Clear();
            }

            chunk.Starts.Add(chunk.Actions.Count);
            chunk.Actions.AddRange(actions);
            // One profile row per subject per transaction: a transaction may not touch an entity twice.
            if (needsProfile && profiles.Add(intent.SubjectKey))
            {
                chunk.Actions.Add(ProfileAction(intent.SubjectKey, after));
            }

            if (needsRepresentation && representations.Add(intent.SubjectKey))
            {
                chunk.Actions.Add(new TableTransactionAction(TableTransactionActionType.Add, EmptyRepresentation(intent.SubjectKey)));
            }

            chunk.Records.Add(record);
            chunk.Entities.Add(entity);
            chunk.Events.AddRange(events);
        }

        if (chunk.Records.Count > 0)
        {
            yield return chunk;
        }
    }

    /// <summary>
    /// Submits a chunk of new records. Returns the chunk that was written (null if none) and the records left for the
    /// careful way. An individual's representation row already there (its second record, or it represents a unit)
    /// costs only that subject its place: the others are tried again as new, a few times. Any other conflict (a racing
    /// writer of the same record) sends the chunk whole, as its neighbours are likely the same.
    /// </summary>
    private async Task<(Chunk? Stored, List<(RecordIntent Intent, RecordTransition Transition)> Slow)> SubmitAsync(Chunk chunk, CancellationToken cancellationToken)
    {
        var slow = new List<(RecordIntent Intent, RecordTransition Transition)>();
        for (var attempt = 1; ; attempt++)
        {
            int? failedAt;
            try
            {
                var response = await Records.SubmitTransactionAsync(chunk.Actions, cancellationToken);
                for (var i = 0; i < chunk.Records.Count; i++)
                {
                    chunk.Entities[i].ETag = response.Value[chunk.Starts[i]].Headers.ETag ?? default;
                }

                return (chunk, slow);
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                // Some row of the chunk exists already: nothing was written.
                failedAt = e.FailedTransactionActionIndex ?? -1;
            }

            var subject = chunk.RepresentationSubjectAt(failedAt.Value);
            if (subject is null || attempt == MaxOptimisticAttempts)
            {
                slow.AddRange(chunk.Records);
                return (null, slow);
            }

            slow.AddRange(chunk.Records.Where(r => r.Intent.SubjectKey == subject));
            var rest = chunk.Records.Where(r => r.Intent.SubjectKey != subject).ToList();
            if (rest.Count == 0)
            {
                return (null, slow);
            }

            chunk = Chunks(rest).Single();
        }
    }
}
