using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.App.Cases;

/// <summary>What a desk answers: the value, or the problem the route turns into its status.</summary>
public readonly record struct CaseResult<T>(T? Value, Problem? Problem)
    where T : class
{
    public static implicit operator CaseResult<T>(T value) => new(value, null);

    public static implicit operator CaseResult<T>(Problem problem) => new(null, problem);

    public ApiAnswer Answer(JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        Problem is { } refused ? ApiAnswer.Of(refused) : ApiAnswer.Json(Value!, type, status);
}
