namespace CreditFunctions.Domain.Subjects;

/// <summary>
/// How a subject is shown to anyone but itself and the submitting unit (docs/rules.md "Subjects"): an ID number
/// keeps its first 6 (address code) and last 4 characters; the 8 in between — the birth date — are hidden.
/// A USCC identifies an organisation, not a person, and is shown as it is.
/// </summary>
public readonly partial record struct SubjectId
{
    private const int ShownPrefix = 6;
    private const int ShownSuffix = 4;

    /// <summary><c>310101********123X</c> for an individual; the USCC itself for a unit.</summary>
    public string Masked => Type == SubjectType.Individual ? MaskIdNumber(Value) : Value ?? string.Empty;

    private static string MaskIdNumber(string? value)
    {
        if (value is not { Length: CodeLength })
        {
            // Not a parsed number (default or hand-made): reveal nothing rather than guess its layout.
            return new string('*', value?.Length ?? 0);
        }

        return string.Create(CodeLength, value, static (chars, number) =>
        {
            number.AsSpan(0, ShownPrefix).CopyTo(chars);
            chars[ShownPrefix..^ShownSuffix].Fill('*');
            number.AsSpan(CodeLength - ShownSuffix).CopyTo(chars[^ShownSuffix..]);
        });
    }
}
