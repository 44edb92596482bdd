using BenchmarkDotNet.Attributes;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Bench.Rules;

/// <summary>The rules on their hot paths: classify one record; status and a restriction check for a subject with 50 records.</summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private static readonly SubjectId Unit = new(SubjectType.Unit, "91350100M000100Y43");
    private static readonly DateOnly Today = new(2026, 6, 1);

    private CatalogueSet _catalogues = null!;
    private RecordSubmission _submission = null!;
    private CreditRecord[] _records = null!;
    private CreditRecord[] _legalRepresentative = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalogues = CatalogueSet.LoadEmbedded();
        _submission = new RecordSubmission
        {
            Source = "SH-HRSS-ENFORCEMENT",
            SourceRecordId = "R-2026-0001",
            Version = 1,
            Action = RecordActions.Upsert,
            Kind = "admin-penalty",
            Subject = Unit,
            SubjectName = "上海某某建筑工程有限公司",
            DecisionDate = "2026-05-20",
            DecisionNumber = "沪人社监罚〔2026〕123号",
            BehaviourCode = "si-benefit-fraud",
            Procedure = "general",
        };
        _records = RulesData.FiftyRecords(_catalogues, Unit, Today);
        _legalRepresentative = [];
    }

    [Benchmark]
    public ClassificationResult Classify() => RecordClassifier.Classify(_submission, _catalogues, Today);

    [Benchmark]
    public CreditStatusResult Status() => CreditStatusEvaluator.Evaluate(Unit, _records, Today, _catalogues);

    [Benchmark]
    public RestrictionResult Restriction() =>
        RestrictionCheck.Evaluate(Unit, _records, _legalRepresentative, BusinessTypes.NotificationCommitment, Today, _catalogues);
}

/// <summary>A subject's history: 50 records of every kind over six years, some expired, some withdrawn.</summary>
public static class RulesData
{
    public static CreditRecord[] FiftyRecords(CatalogueSet catalogues, SubjectId subject, DateOnly today)
    {
        string[] kinds = ["admin-penalty", "false-materials", "commitment-breach", "award", "wage-arrears-list", "court-dishonest-debtor"];
        string?[] behaviours = ["si-contribution-unpaid", "training-subsidy-false-materials", "commitment-untrue", null, "wage-arrears-listed", null];
        string[] sources = ["SH-HRSS-ENFORCEMENT", "SH-SOCIAL-INSURANCE", "SH-EMPLOYMENT", "SH-HRSS", "SH-DISTRICT-PUDONG", "court"];
        var records = new CreditRecord[50];
        for (var i = 0; i < records.Length; i++)
        {
            var k = i % kinds.Length;
            var decided = today.AddDays(-40 * i - 1);
            var submission = new RecordSubmission
            {
                Source = sources[k],
                SourceRecordId = "R-" + i,
                Version = 1,
                Action = RecordActions.Upsert,
                Kind = kinds[k],
                Subject = subject,
                SubjectName = "上海某某建筑工程有限公司",
                DecisionDate = decided.ToString("yyyy-MM-dd"),
                DecisionNumber = "沪人社〔" + decided.Year + "〕" + i + "号",
                BehaviourCode = behaviours[k],
                Procedure = kinds[k] == "admin-penalty" ? "general" : null,
            };
            var result = RecordClassifier.Classify(submission, catalogues, decided);
            if (!result.IsAccepted) throw new InvalidOperationException(result.Rejection.En);
            var record = result.Record.ToCreditRecord("rec-" + i);
            records[i] = i % 7 == 3 ? record with { State = RecordState.Revoked, WithdrawnOn = decided.AddDays(20) } : record;
        }
        return records;
    }
}
