using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Contracts;

/// <summary>
/// <c>subject-profile/v1</c>, on <c>credit-subjects</c> (docs/contracts.md "subject-profile/v1"): a subject's name and, for a unit, its legal
/// representative (art9.2.2), as its source knows them; since v2 signed like records. This is the message once read.
/// </summary>
public sealed record SubjectProfileMessage(string MessageId, string Source, SubjectId Subject, string? Name, SubjectId? LegalRepresentative)
{
    public const string SchemaName = "subject-profile/v1";
}
