using CreditFunctions.Domain.Subjects;
using CsCheck;

namespace CreditFunctions.Domain.Tests.Subjects;

/// <summary>Generators of valid identifiers: a random body completed with its computed check character.</summary>
internal static class SubjectCodes
{
    public const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public const string Digits = "0123456789";

    /// <summary>The fixed "today" every identifier test parses against.</summary>
    public static readonly DateOnly Today = new(2025, 6, 1);

    public static readonly Gen<string> Uscc =
        Gen.Char[UsccCharset].Array[17].Select(body => CompleteUscc(new string(body)));

    public static readonly Gen<DateOnly> BirthDate =
        Gen.Int[0, Today.DayNumber - new DateOnly(1900, 1, 1).DayNumber]
            .Select(offset => new DateOnly(1900, 1, 1).AddDays(offset));

    public static readonly Gen<string> IdNumber =
        Gen.Select(Gen.Char[Digits].Array[6], BirthDate, Gen.Char[Digits].Array[3])
            .Select((area, birth, sequence) => IdFor(new string(area), birth, new string(sequence)));

    public static string CompleteUscc(string first17) => first17 + SubjectId.ComputeUsccCheck(first17);

    public static string CompleteId(string first17) => first17 + SubjectId.ComputeIdCheck(first17);

    public static string IdFor(string area, DateOnly birth, string sequence) =>
        CompleteId($"{area}{birth:yyyyMMdd}{sequence}");
}
