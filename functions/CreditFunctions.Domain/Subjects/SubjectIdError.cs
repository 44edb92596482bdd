namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// Why an input is not a subject identifier. <see cref="Code"/> is the public reason code of the contract
/// (<c>invalid-subject-id</c>); <see cref="Reason"/> says which rule failed; <see cref="Zh"/> and
/// <see cref="En"/> say it to a person.
/// </summary>
/// <remarks>
/// The sentences never repeat the input: an ID number is personal information and error texts end up in
/// responses and logs. They name a position and, at most, the one offending character.
/// </remarks>
public sealed class SubjectIdError
{
    /// <summary>The reason code the HTTP and queue contracts use for every identifier problem.</summary>
    public const string PublicCode = "invalid-subject-id";

    internal SubjectIdError(string reason, string zh, string en, int? position = null)
    {
        Reason = reason;
        Zh = zh;
        En = en;
        Position = position;
    }

    /// <summary>Always <see cref="PublicCode"/>.</summary>
    public string Code => PublicCode;

    /// <summary>One of <see cref="SubjectIdErrorReason"/>: stable, kebab-case.</summary>
    public string Reason { get; }

    public string Zh { get; }

    public string En { get; }

    /// <summary>1-based position of the character at fault, when the problem is at one place.</summary>
    public int? Position { get; }

    public override string ToString() => $"{Code}/{Reason}: {En}";
}
