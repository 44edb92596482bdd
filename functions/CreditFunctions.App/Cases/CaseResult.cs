using CreditFunctions.App.Api;

namespace CreditFunctions.App.Cases;

/// <summary>What a desk answers: the value, or the problem the function turns into its status.</summary>
public readonly record struct CaseResult<T>(T? Value, Problem? Problem)
    where T : class
{
    public static implicit operator CaseResult<T>(T value) => new(value, null);

    public static implicit operator CaseResult<T>(Problem problem) => new(null, problem);
}
