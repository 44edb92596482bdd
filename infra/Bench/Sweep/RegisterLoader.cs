using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Bench.Sweep;

/// <summary>
/// Fills <c>Records</c> through the store's own bulk import (current state, first history entry, expiry index per
/// record, packed into entity-group transactions): loading 200,000 records through the queue would measure ingestion,
/// not the sweep.
/// </summary>
internal static class RegisterLoader
{
    /// <param name="expiresOn">Each record's expiry date, by its index.</param>
    public static async Task LoadAsync(RecordStore store, int count, Func<int, DateOnly> expiresOn)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await store.ImportAsync([], Enumerable.Range(0, count).Select(n => Record(n, expiresOn(n))), withLocators: false, total =>
        {
            if (total % 30_000 < 100)
            {
                Console.Error.WriteLine($"sweep bench: {total:N0} entities, {clock.Elapsed.TotalSeconds:F0} s");
            }
        }, CancellationToken.None);
    }

    /// <summary>A valid USCC per record: the register's subjects are all different units.</summary>
    private static string Uscc(int n)
    {
        return SubjectId.CompleteUscc($"91310000{n:D8}");
    }

    private static CreditRecord Record(int n, DateOnly expiresOn)
    {
        var decided = expiresOn.AddYears(-3);
        return new CreditRecord
        {
            RecordId = $"BENCH.{n:D26}",
            Source = "BENCH",
            SourceRecordId = $"AP-{n}",
            Version = 1,
            Kind = RecordKind.AdminPenalty,
            Subject = new SubjectId(SubjectType.Unit, Uscc(n)),
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
