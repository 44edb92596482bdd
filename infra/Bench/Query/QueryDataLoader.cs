using System.Diagnostics;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Bench.Query;

/// <summary>
/// Loads the query bench's data through the store's own bulk import, bypassing the queue: each record as a first
/// version received, each subject's profile, grouped by bucket partition into 100-entity transactions sent in
/// parallel. What the read path sees is what ingestion would have written.
/// </summary>
public sealed class QueryDataLoader(RecordStore records, SubjectKeys keys)
{
    private const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private const string Source = "SH-HRSS-ENFORCEMENT";

    /// <summary>Subject ids, units and individuals (one in five), deterministic for a seed.</summary>
    public static List<SubjectId> Subjects(int count, int seed)
    {
        var random = new Random(seed);
        var subjects = new List<SubjectId>(count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var uscc = new char[16];
        while (subjects.Count < count)
        {
            SubjectId subject;
            if (subjects.Count % 5 == 4)
            {
                var birth = new DateOnly(1960, 1, 1).AddDays(random.Next(0, 15_000));
                var body = $"310101{birth:yyyyMMdd}{random.Next(0, 1000):D3}";
                subject = new SubjectId(SubjectType.Individual, body + SubjectId.ComputeIdCheck(body));
            }
            else
            {
                "91310000".AsSpan().CopyTo(uscc);
                for (var i = 8; i < 16; i++)
                {
                    uscc[i] = UsccCharset[random.Next(UsccCharset.Length)];
                }

                subject = new SubjectId(SubjectType.Unit, SubjectId.CompleteUscc(uscc));
            }

            if (seen.Add(subject.Value))
            {
                subjects.Add(subject);
            }
        }

        return subjects;
    }

    /// <summary>Writes <paramref name="recordCount"/> records spread over the subjects (0 to 6 each); returns entities written.</summary>
    public async Task<long> LoadAsync(IReadOnlyList<SubjectId> subjects, int recordCount, int seed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _ = now;
        var random = new Random(seed);
        // Every subject gets a profile; records go to random subjects, so some have none (no-record), some several.
        // Some units name a legal representative; they are linked (copies made) after loading, as ingestion would.
        var representatives = Represented(subjects).ToDictionary(p => p.Unit, p => p.Representative);
        var profiles = subjects.Select((s, i) => new ImportedSubject(s, s.Type == SubjectType.Unit ? $"上海测试企业{i}有限公司" : "测试",
            representatives.TryGetValue(s, out var representative) ? representative : null)).ToList();
        var loaded = new List<CreditRecord>(recordCount + representatives.Count);
        for (var n = 0; n < recordCount; n++)
        {
            var index = random.Next(subjects.Count);
            loaded.Add(NewRecord(subjects[index], n, random));
        }

        // Half the represented units' representatives are dishonest judgment debtors (art9.2.2).
        foreach (var (unit, representative) in Represented(subjects).Where((_, i) => i % 2 == 0))
        {
            loaded.Add(CourtListing(representative, unit));
        }

        var clock = Stopwatch.StartNew();
        var written = await records.ImportAsync(profiles, loaded, withLocators: false, total =>
        {
            if (total % 20_000 < 100)
            {
                Console.Error.WriteLine($"query bench: {total:N0} entities loaded ({clock.Elapsed.TotalSeconds:F0} s)");
            }
        }, cancellationToken);

        // The represented units get their copies through the app's own link, as a subject-profile message would.
        var linking = Stopwatch.StartNew();
        await Parallel.ForEachAsync(representatives, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (pair, token) =>
            await records.LinkRepresentativeAsync(keys.KeyFor(pair.Key), keys.KeyFor(pair.Value), token));
        Console.Error.WriteLine($"query bench: {representatives.Count:N0} units linked to their representatives ({linking.Elapsed.TotalSeconds:F0} s)");
        return written;
    }

    /// <summary>Units that name a legal representative: every 40th subject, if a unit, names the next individual.</summary>
    public static IEnumerable<(SubjectId Unit, SubjectId Representative)> Represented(IReadOnlyList<SubjectId> subjects)
    {
        for (var i = 0; i + 4 < subjects.Count; i += 40)
        {
            if (subjects[i].Type == SubjectType.Unit && subjects[i + 4].Type == SubjectType.Individual)
            {
                yield return (subjects[i], subjects[i + 4]);
            }
        }
    }

    private static CreditRecord CourtListing(SubjectId person, SubjectId unit)
    {
        var sourceRecordId = $"BENCH-COURT-{unit.Value}";
        return new CreditRecord
        {
            RecordId = RecordIds.For("court", sourceRecordId),
            Source = "court",
            SourceRecordId = sourceRecordId,
            Version = 1,
            Kind = RecordKind.CourtDishonestDebtor,
            Subject = person,
            SubjectName = "测试",
            Classification = RecordClassification.CourtListing,
            DecisionDate = new DateOnly(2025, 3, 1),
            DecisionNumber = "(2025)沪0101执1号",
            Start = new DateOnly(2025, 3, 1),
            CatalogueVersion = "2023-09-01",
        };
    }

    private static CreditRecord NewRecord(SubjectId subject, int n, Random random)
    {
        var decided = new DateOnly(2022, 1, 1).AddDays(random.Next(0, 4 * 365));
        var (kind, classification, severity, years) = random.Next(10) switch
        {
            < 6 => (RecordKind.AdminPenalty, RecordClassification.General, (Severity?)Severity.General, 1),
            < 8 => (RecordKind.FalseMaterials, RecordClassification.Serious, Severity.Serious, 3),
            < 9 => (RecordKind.WageArrearsList, RecordClassification.Serious, Severity.Serious, 3),
            _ => (RecordKind.Award, RecordClassification.Enhancing, (Severity?)null, 2),
        };
        var sourceRecordId = $"BENCH-{n:D7}";
        return new CreditRecord
        {
            RecordId = RecordIds.For(Source, sourceRecordId),
            Source = Source,
            SourceRecordId = sourceRecordId,
            Version = 1,
            Kind = kind,
            Subject = subject,
            SubjectName = subject.Type == SubjectType.Unit ? "上海测试企业有限公司" : "测试",
            Classification = classification,
            Severity = severity,
            DecisionDate = decided,
            DecisionNumber = $"沪人社监罚〔{decided.Year}〕{n % 1000}号",
            Start = decided,
            ExpiresOn = decided.AddYears(years),
            CatalogueVersion = "2023-09-01",
            Summary = "基准测试记录",
        };
    }
}
