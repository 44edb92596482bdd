namespace CreditFunctions.Domain.Subjects;

/// <summary>A unit or an individual (art2).</summary>
public enum SubjectType
{
    Unit,
    Individual,
}

/// <summary>
/// A validated, normalised subject identifier: a USCC for a unit, a resident ID number for an individual.
/// Only <c>SubjectId.TryParse</c> (Subjects/SubjectIdParser.cs) makes one from outside input.
/// </summary>
public readonly partial record struct SubjectId(SubjectType Type, string Value)
{
    public override string ToString() => Type == SubjectType.Individual ? "individual:(personal)" : Value;
}
