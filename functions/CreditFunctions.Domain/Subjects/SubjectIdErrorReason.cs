namespace CreditFunctions.Domain.Subjects;

/// <summary>The stable values of <see cref="SubjectIdError.Reason"/>: clients and tests may match on them.</summary>
public static class SubjectIdErrorReason
{
    public const string Empty = "empty";
    public const string WrongLength = "wrong-length";
    public const string BadCharacter = "bad-character";
    public const string BadCheckCharacter = "bad-check-character";
    /// <summary>USCC position 1 is not a registration department (1–9, A, N, Y).</summary>
    public const string BadRegistrationDepartment = "bad-registration-department";
    /// <summary>USCC positions 3–8 (the administrative division code) are not six digits.</summary>
    public const string BadDivisionCode = "bad-division-code";
    /// <summary>USCC position 17 is not the GB 11714 check character of the organization code in positions 9–16.</summary>
    public const string BadOrganizationCodeCheck = "bad-organization-code-check";
    public const string ImpossibleBirthDate = "impossible-birth-date";
    public const string FutureBirthDate = "future-birth-date";
}
