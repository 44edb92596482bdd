using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Status;

/// <summary>Credit status and measures of a subject on a day (art8), from its records and the application list.</summary>
public static class CreditStatusEvaluator
{
    private static readonly Comparison<CreditRecord> NewestFirst = static (a, b) =>
    {
        var c = b.DecisionDate.CompareTo(a.DecisionDate);
        return c != 0 ? c : string.CompareOrdinal(a.RecordId, b.RecordId);
    };

    /// <summary>
    /// Status from the records active on <paramref name="asOf"/> (records of other subjects are ignored), and the
    /// measures of the catalogue in force on <paramref name="asOf"/>:
    /// serious-dishonesty if any active serious record; else general-dishonesty if any active general one; else
    /// trustworthy if any active credit-enhancing record; else no-record. Court listings and excluded records never
    /// change the status. Incentives never apply with active dishonesty.
    /// </summary>
    public static CreditStatusResult Evaluate(SubjectId subject, IReadOnlyList<CreditRecord> records, DateOnly asOf, CatalogueSet catalogues)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalogues);
        var catalogue = catalogues.ForDate(asOf);
        var inForce = catalogue.MeasuresInForceOn(asOf);

        var active = new List<CreditRecord>();
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Subject == subject && r.IsActiveOn(asOf)) active.Add(r);
        }
        active.Sort(NewestFirst);
        var status = StatusOfActive(active);
        var dishonest = status is CreditStatus.SeriousDishonesty or CreditStatus.GeneralDishonesty;

        var measures = new List<AppliedMeasure>();
        var jointPunishments = new List<AppliedMeasure>();
        foreach (var measure in catalogue.Measures)
        {
            if (!inForce && !measure.ContinuesAfterMeasuresEnd) continue;
            if (measure.Kind == MeasureKind.Incentive && dishonest) continue;
            var reasons = MeasureEvaluation.Evaluate(measure, subject, active, [], status, asOf, groupByRecordArticle: true);
            if (reasons is null) continue;
            var applied = new AppliedMeasure(measure.Code, measure.Article, measure.Kind, measure.Name, reasons);
            (measure.Kind == MeasureKind.JointPunishment ? jointPunishments : measures).Add(applied);
        }

        return new CreditStatusResult
        {
            Subject = subject,
            AsOf = asOf,
            Status = status,
            ActiveRecords = active,
            Measures = measures,
            JointPunishments = jointPunishments,
            CatalogueVersion = catalogue.Version,
            MeasuresInForce = inForce,
        };
    }

    /// <summary>The status alone (no allocation).</summary>
    public static CreditStatus StatusOf(SubjectId subject, IReadOnlyList<CreditRecord> records, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(records);
        bool serious = false, general = false, enhancing = false;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Subject != subject || !r.IsActiveOn(asOf)) continue;
            switch (r.Classification)
            {
                case RecordClassification.Serious: serious = true; break;
                case RecordClassification.General: general = true; break;
                case RecordClassification.Enhancing: enhancing = true; break;
            }
        }
        return serious ? CreditStatus.SeriousDishonesty
            : general ? CreditStatus.GeneralDishonesty
            : enhancing ? CreditStatus.Trustworthy
            : CreditStatus.NoRecord;
    }

    private static CreditStatus StatusOfActive(List<CreditRecord> active)
    {
        bool serious = false, general = false, enhancing = false;
        foreach (var r in active)
        {
            switch (r.Classification)
            {
                case RecordClassification.Serious: serious = true; break;
                case RecordClassification.General: general = true; break;
                case RecordClassification.Enhancing: enhancing = true; break;
            }
        }
        return serious ? CreditStatus.SeriousDishonesty
            : general ? CreditStatus.GeneralDishonesty
            : enhancing ? CreditStatus.Trustworthy
            : CreditStatus.NoRecord;
    }
}
