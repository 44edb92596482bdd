using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Status;

/// <summary>Evaluates one measure's trigger (application list) for a subject on a day. Allocates only what it returns.</summary>
internal static class MeasureEvaluation
{
    /// <summary>
    /// Whether <paramref name="measure"/> applies, and the records that make it apply (each once), grouped by the
    /// article of the records' kinds when <paramref name="groupByRecordArticle"/>, otherwise under the measure's article.
    /// Null when it does not apply.
    /// </summary>
    public static List<MeasureReason>? Evaluate(
        CompiledMeasure measure,
        SubjectId subject,
        IReadOnlyList<CreditRecord> records,
        IReadOnlyList<CreditRecord> legalRepresentativeRecords,
        CreditStatus status,
        DateOnly asOf,
        bool groupByRecordArticle)
    {
        List<MeasureReason>? reasons = null;
        var applies = false;
        foreach (var condition in measure.Conditions)
        {
            if (!condition.SubjectMatches(subject.Type, status)) continue;
            if (!condition.NeedsRecords)
            {
                // A status condition: the reasons are the records that give the subject that status.
                applies = true;
                for (var i = 0; i < records.Count; i++)
                {
                    var r = records[i];
                    if (r.Subject != subject || !MakesStatus(r, status) || !r.IsActiveOn(asOf)) continue;
                    Add(ref reasons, groupByRecordArticle ? r.Kind.Article() : measure.Article, r.RecordId);
                }
                continue;
            }
            var ofLegalRepresentative = condition.OfLegalRepresentative;
            var source = ofLegalRepresentative ? legalRepresentativeRecords : records;
            for (var i = 0; i < source.Count; i++)
            {
                var r = source[i];
                if (!ofLegalRepresentative && r.Subject != subject) continue;
                if (!condition.Matches(r) || !r.IsActiveOn(asOf)) continue;
                applies = true;
                Add(ref reasons, groupByRecordArticle ? r.Kind.Article() : measure.Article, r.RecordId);
            }
        }
        return applies ? reasons ?? [] : null;
    }

    private static bool MakesStatus(CreditRecord r, CreditStatus status) => status switch
    {
        CreditStatus.SeriousDishonesty => r.Classification == RecordClassification.Serious,
        CreditStatus.GeneralDishonesty => r.Classification == RecordClassification.General,
        CreditStatus.Trustworthy => r.Classification == RecordClassification.Enhancing,
        _ => false,
    };

    private static void Add(ref List<MeasureReason>? reasons, string article, string recordId)
    {
        reasons ??= new List<MeasureReason>(2);
        foreach (var reason in reasons)
        {
            if (!string.Equals(reason.Article, article, StringComparison.Ordinal)) continue;
            var ids = (List<string>)reason.RecordIds;
            if (!ids.Contains(recordId)) ids.Add(recordId);
            return;
        }
        reasons.Add(new MeasureReason(article, new List<string>(2) { recordId }));
    }
}
