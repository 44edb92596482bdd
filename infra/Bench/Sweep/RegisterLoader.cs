using Azure.Data.Tables;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Bench.Sweep;

/// <summary>
/// Fills <c>Records</c> directly, with the store's own entity plan (current state, first history entry, expiry
/// index) packed 33 records to an entity-group transaction: loading 200,000 records through the queue would
/// measure ingestion, not the sweep.
/// </summary>
internal static class RegisterLoader
{
    private const int RecordsPerTransaction = 33; // 3 entities each, under the 100-action limit

    /// <param name="expiresOn">Each record's expiry date, by its index.</param>
    public static async Task LoadAsync(TableClient table, RecordStore store, int count, Func<int, DateOnly> expiresOn)
    {
        var perBucket = new Dictionary<string, List<TableTransactionAction>>();
        var batches = new List<List<TableTransactionAction>>();
        for (var n = 0; n < count; n++)
        {
            var subjectKey = $"91310000BENCH{n:D7}";
            var partition = SubjectKeys.BucketOf(subjectKey);
            if (!perBucket.TryGetValue(partition, out var actions))
            {
                perBucket[partition] = actions = [];
            }

            var record = Record(n, subjectKey, expiresOn(n));
            store.Plan(actions, partition, subjectKey, null, new RecordChange(record, "received", "bench", null), includeProfile: false);
            if (actions.Count >= RecordsPerTransaction * 3)
            {
                batches.Add(actions);
                perBucket[partition] = [];
            }
        }

        batches.AddRange(perBucket.Values.Where(a => a.Count > 0));
        var done = 0;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (batch, token) =>
        {
            await table.SubmitTransactionAsync(batch, token);
            if (Interlocked.Increment(ref done) % 500 == 0)
            {
                Console.Error.WriteLine($"sweep bench: {done} of {batches.Count} transactions, {clock.Elapsed.TotalSeconds:F0} s");
            }
        });
    }

    private static CreditRecord Record(int n, string subjectKey, DateOnly expiresOn)
    {
        var decided = expiresOn.AddYears(-3);
        return new CreditRecord
        {
            RecordId = $"BENCH.{n:D26}",
            Source = "BENCH",
            SourceRecordId = $"AP-{n}",
            Version = 1,
            Kind = RecordKind.AdminPenalty,
            Subject = new SubjectId(SubjectType.Unit, subjectKey),
            SubjectName = "上海某某建筑工程有限公司",
            Classification = RecordClassification.General,
            Severity = Severity.General,
            DecisionDate = decided,
            DecisionNumber = $"沪人社监罚〔{decided.Year}〕{n}号",
            Start = decided,
            ExpiresOn = expiresOn,
            Regime = "ndrc-order-58",
            Summary = "未按规定支付劳动者工资",
            CatalogueVersion = "2023-09-01",
        };
    }
}
