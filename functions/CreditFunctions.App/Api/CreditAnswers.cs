using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Api;

/// <summary>What the register says of a subject on a day, from its stored records: <see cref="CreditAnswers.Evaluate"/>.</summary>
/// <param name="Visible">The records the caller may be told about (Regulations art35's query period applied).</param>
/// <param name="Result">Status, the records shown that day and the measures, as <see cref="CreditStatusEvaluator"/> has them.</param>
/// <param name="Name">The subject's name: the profile's, else the latest a record gave.</param>
public sealed record CreditAnswer(IReadOnlyList<CreditRecord> Visible, CreditStatusResult Result, string? Name)
{
    /// <summary>The measures (art8) and joint punishments (art9) in the credit answer's order.</summary>
    public IReadOnlyList<MeasureView> Measures => Result.Measures.Concat(Result.JointPunishments).Select(Views.Of).ToList();
}

/// <summary>
/// The one evaluation behind a subject's credit: GET /api/subjects/{id}/credit and credit reports (Reports/) both call this,
/// so a report says exactly what the credit answer says (same records, status, measures).
/// </summary>
public static class CreditAnswers
{
    /// <param name="administrator">Dishonesty past its query period (Regulations art35) is history only an administrator sees.</param>
    public static CreditAnswer Evaluate(
        SubjectId subject, SubjectRecords stored, DateOnly asOf, DateOnly today, CatalogueSet catalogues, bool administrator)
    {
        var records = QueryPeriod.Visible(stored.Records, today, catalogues, administrator);
        var result = CreditStatusEvaluator.Evaluate(subject, records, asOf, catalogues);
        return new CreditAnswer(records, result, stored.Profile?.Name ?? LatestName(stored.Records));
    }

    private static string? LatestName(IReadOnlyList<CreditRecord> records) =>
        records.Where(r => r.SubjectName is not null).OrderByDescending(r => r.DecisionDate).Select(r => r.SubjectName).FirstOrDefault();
}
