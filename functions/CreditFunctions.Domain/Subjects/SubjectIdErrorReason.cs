namespace CreditFunctions.Domain.Subjects;

/// <summary>The stable values of <see cref="SubjectIdError.Reason"/>: clients and tests may match on them.</summary>
public static class SubjectIdErrorReason
{
    public const string Empty = "empty";
    public const string WrongLength = "wrong-length";
    public const string BadCharacter = "bad-character";
    public const string BadCheckCharacter = "bad-check-character";
    public const string ImpossibleBirthDate = "impossible-birth-date";
    public const string FutureBirthDate = "future-birth-date";
}
