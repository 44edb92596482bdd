using CreditFunctions.App.Api;

namespace CreditFunctions.App.Objections;

/// <summary>What a desk answers: the value, or the problem the function turns into its status.</summary>
public readonly record struct WorkflowResult<T>(T? Value, Problem? Problem)
    where T : class
{
    public static implicit operator WorkflowResult<T>(T value) => new(value, null);

    public static implicit operator WorkflowResult<T>(Problem problem) => new(null, problem);
}
