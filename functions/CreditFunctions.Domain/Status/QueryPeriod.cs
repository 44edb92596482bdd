using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Periods;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Status;

/// <summary>
/// Dishonesty information may be queried for 5 years from the end of the act and not after (Shanghai Social Credit
/// Regulations art35): past that, only an administrator sees it, and only as history. The submission carries no
/// end-of-act date, so the decision date stands in for it (the act had ended by then; see docs/rules.md "Publication periods and expiry").
/// </summary>
public static class QueryPeriod
{
    /// <summary>
    /// The records a caller may be told about on <paramref name="today"/>, whatever day they ask about: all of them
    /// for an administrator; for anyone else, dishonesty only within its query period. Allocates only when it drops one.
    /// </summary>
    public static IReadOnlyList<CreditRecord> Visible(IReadOnlyList<CreditRecord> records, DateOnly today, CatalogueSet catalogues, bool administrator)
    {
        if (administrator)
        {
            return records;
        }

        var catalogue = catalogues.ForDate(today);
        List<CreditRecord>? visible = null;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            var hidden = record.Polarity == RecordPolarity.Dishonesty && today > PeriodRules.QueryableUntil(record.DecisionDate, catalogue);
            if (hidden && visible is null)
            {
                visible = new List<CreditRecord>(records.Count);
                for (var j = 0; j < i; j++)
                {
                    visible.Add(records[j]);
                }
            }
            else if (!hidden)
            {
                visible?.Add(record);
            }
        }

        return visible ?? records;
    }
}
