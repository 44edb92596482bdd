using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Tests.Status;

/// <summary>Regulations art35: dishonesty may be queried for 5 years from the end of the act, then only by an administrator.</summary>
public sealed class QueryPeriodTests
{
    private static readonly CatalogueSet Catalogues = CatalogueSet.LoadEmbedded();
    private static readonly SubjectId Unit = new(SubjectType.Unit, "91310110666007217T");

    private static CreditRecord Penalty(DateOnly decided, RecordKind kind = RecordKind.AdminPenalty) => new()
    {
        RecordId = $"SH-HRSS.{decided:yyyyMMdd}{kind}",
        Source = "SH-HRSS",
        SourceRecordId = decided.ToString("O"),
        Kind = kind,
        Subject = Unit,
        Classification = kind == RecordKind.Award ? RecordClassification.Enhancing : RecordClassification.General,
        DecisionDate = decided,
        Start = decided,
        ExpiresOn = decided.AddYears(1),
        CatalogueVersion = "2023-09-01",
    };

    [Theory]
    [InlineData("2029-04-29", true)]
    [InlineData("2029-04-30", false)]
    public void Regs_art35_dishonesty_is_queryable_until_the_day_before_five_years_from_the_decision(string today, bool shown)
    {
        var records = new[] { Penalty(new DateOnly(2024, 4, 30)) };

        var visible = QueryPeriod.Visible(records, DateOnly.Parse(today), Catalogues, administrator: false);

        Assert.Equal(shown ? 1 : 0, visible.Count);
    }

    [Fact]
    public void Regs_art35_an_administrator_still_sees_it_as_history_and_credit_enhancing_records_are_not_affected()
    {
        var old = Penalty(new DateOnly(2019, 1, 10));
        var award = Penalty(new DateOnly(2019, 1, 10), RecordKind.Award);
        var recent = Penalty(new DateOnly(2024, 4, 30));
        var today = new DateOnly(2026, 11, 26);

        Assert.Equal([award, recent], QueryPeriod.Visible([old, award, recent], today, Catalogues, administrator: false));
        Assert.Equal(3, QueryPeriod.Visible([old, award, recent], today, Catalogues, administrator: true).Count);
    }
}
