using CreditFunctions.Domain.Subjects;
using CsCheck;

namespace CreditFunctions.Domain.Tests.Subjects;

/// <summary>Generators of valid identifiers: a random body completed with its computed check character(s).</summary>
internal static class SubjectCodes
{
    public const string UsccCharset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    public const string RegistrationDepartments = "123456789ANY";
    public const string Digits = "0123456789";

    /// <summary>The fixed "today" every identifier test parses against.</summary>
    public static readonly DateOnly Today = new(2025, 6, 1);

    /// <summary>
    /// A valid USCC: a registration department, any entity type, a six-digit division code and an 8-character
    /// organization code body, completed with the organization code's check (position 17) and the USCC check.
    /// </summary>
    public static readonly Gen<string> Uscc =
        Gen.Select(
                Gen.Char[RegistrationDepartments],
                Gen.Char[UsccCharset],
                Gen.Char[Digits].Array[6],
                Gen.Char[UsccCharset].Array[8])
            .Select((department, entityType, division, organization) =>
                SubjectId.CompleteUscc($"{department}{entityType}{new string(division)}{new string(organization)}"));

    /// <summary>
    /// A USCC right in every part but the organization code's check character (position 17), with position 18
    /// computed to fit: only GB 11714 can tell it is wrong.
    /// </summary>
    public static readonly Gen<string> UsccWithBadOrganizationCheck =
        Gen.Select(Uscc, Gen.Char[UsccCharset])
            .Where((code, replacement) => code[16] != replacement)
            .Select((code, replacement) => WithUsccCheck(code[..16] + replacement));

    public static readonly Gen<DateOnly> BirthDate =
        Gen.Int[0, Today.DayNumber - new DateOnly(1900, 1, 1).DayNumber]
            .Select(offset => new DateOnly(1900, 1, 1).AddDays(offset));

    public static readonly Gen<string> IdNumber =
        Gen.Select(Gen.Char[Digits].Array[6], BirthDate, Gen.Char[Digits].Array[3])
            .Select((area, birth, sequence) => IdFor(new string(area), birth, new string(sequence)));

    /// <summary>The first 17 characters and the USCC check character alone (position 17 as given).</summary>
    public static string WithUsccCheck(string first17) => first17 + SubjectId.ComputeUsccCheck(first17);

    public static string CompleteId(string first17) => first17 + SubjectId.ComputeIdCheck(first17);

    public static string IdFor(string area, DateOnly birth, string sequence) =>
        CompleteId($"{area}{birth:yyyyMMdd}{sequence}");
}
