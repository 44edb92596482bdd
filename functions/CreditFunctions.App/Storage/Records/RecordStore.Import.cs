using Azure.Data.Tables;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Storage;

/// <summary>A subject's profile as a bulk import gives it.</summary>
public sealed record ImportedSubject(SubjectId Subject, string? Name, SubjectId? LegalRepresentative = null);

public sealed partial class RecordStore
{
    /// <summary>
    /// Loads a register in bulk, as first versions received: each record's state, first history entry and expiry index,
    /// an individual's representation row, and the profiles, packed into entity-group transactions per bucket. For the
    /// benchmarks, which must load hundreds of thousands of records without measuring ingestion. Without
    /// <paramref name="withLocators"/> the records cannot be found by id (only by subject), which the benches do not need.
    /// </summary>
    internal async Task<long> ImportAsync(
        IReadOnlyList<ImportedSubject> subjects, IEnumerable<CreditRecord> records, bool withLocators, Action<long>? progress, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        var byBucket = new Dictionary<string, List<List<TableTransactionAction>>>();
        var locators = new List<TableEntity>();
        void Add(string subjectKey, List<TableTransactionAction> group)
        {
            var bucket = SubjectKeys.BucketOf(subjectKey);
            if (!byBucket.TryGetValue(bucket, out var groups))
            {
                byBucket[bucket] = groups = [];
            }

            groups.Add(group);
        }

        foreach (var subject in subjects)
        {
            var key = keys.KeyFor(subject.Subject);
            var profile = new TableEntity(SubjectKeys.BucketOf(key), Keys.ProfileRow(key)) { ["SubjectType"] = subject.Subject.Type.ToWire() };
            if (subject.Name is not null)
            {
                profile["Name"] = subject.Name;
            }

            if (subject.Subject.Type == SubjectType.Individual)
            {
                profile["SubjectId"] = subject.Subject.Value;
            }

            if (subject.LegalRepresentative is { } representative)
            {
                profile["LegalRepresentativeKey"] = keys.KeyFor(representative);
                profile["LegalRepresentativeId"] = representative.Value;
            }

            Add(key, [new TableTransactionAction(TableTransactionActionType.Add, profile)]);
        }

        var represented = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in records)
        {
            var key = keys.KeyFor(record.Subject);
            var group = new List<TableTransactionAction>(4);
            Plan(group, key, null, new RecordTransition
            {
                Outcome = TransitionOutcome.Applied,
                After = record,
                Step = new HistoryStep(HistoryActions.Received, record.Source, null),
            }, movedTo: null, includeProfile: false);
            if (IsIndividual(key) && represented.Add(key))
            {
                group.Add(new TableTransactionAction(TableTransactionActionType.Add, EmptyRepresentation(key)));
            }

            Add(key, group);
            if (withLocators)
            {
                locators.Add(LocatorEntity(record.RecordId, key, record.Version));
            }
        }

        var batches = new List<List<TableTransactionAction>>();
        foreach (var groups in byBucket.Values)
        {
            var batch = new List<TableTransactionAction>(MaxEntitiesPerTransaction);
            foreach (var group in groups)
            {
                if (batch.Count + group.Count > MaxEntitiesPerTransaction)
                {
                    batches.Add(batch);
                    batch = new List<TableTransactionAction>(MaxEntitiesPerTransaction);
                }

                batch.AddRange(group);
            }

            if (batch.Count > 0)
            {
                batches.Add(batch);
            }
        }

        long written = 0;
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, token) =>
        {
            await Records.SubmitTransactionAsync(batch, token);
            progress?.Invoke(Interlocked.Add(ref written, batch.Count));
        });
        if (locators.Count > 0)
        {
            await AddLocatorsAsync(locators, cancellationToken);
        }

        return written;
    }
}
