using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Tests.Builders;

/// <summary>Valid example subjects: the register's reference codes (docs/rules.md "Subjects").</summary>
public static class Some
{
    public static readonly SubjectId Unit = new(SubjectType.Unit, "91350100M000100Y43");
    public static readonly SubjectId OtherUnit = new(SubjectType.Unit, "91310110666007217T");
    public static readonly SubjectId Person = new(SubjectType.Individual, "11010519491231002X");
    public static readonly SubjectId OtherPerson = new(SubjectType.Individual, "321083197812162119");

    public static DateOnly Date(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd");
}
