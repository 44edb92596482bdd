using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Api.Routes;

/// <summary>
/// The one wrapper of every HTTP route (docs/http-api.md): in this order, the caller (401 with no trusted identity),
/// the route's roles (403), the body (one reader, one limit, one set of codes), then the handler; its answer or
/// problem is written as the API writes every answer. A storage that does not answer in time is 503
/// <c>storage-unavailable</c> within <see cref="Deadline"/>, not a hang until the client gives up.
/// </summary>
public sealed class ApiGateway(ClientPrincipalReader callers, ILogger<ApiGateway> logger)
{
    /// <summary>How long a route may take before it answers 503 (the storage SDK's own timeouts are shorter).</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(8);

    public Task<IActionResult> RunAsync(HttpRequest request, ApiRoute route, Func<ApiCall, CancellationToken, Task<ApiAnswer>> handle, CancellationToken cancellationToken) =>
        RunCoreAsync(request, route, handle, cancellationToken);

    public Task<IActionResult> RunAsync(HttpRequest request, ApiRoute route, Func<ApiCall, ApiAnswer> handle) =>
        RunCoreAsync(request, route, (call, _) => Task.FromResult(handle(call)), CancellationToken.None);

    public Task<IActionResult> RunAsync<TBody>(
        HttpRequest request, ApiRoute route, JsonTypeInfo<TBody> bodyType, Func<ApiCall, TBody, CancellationToken, Task<ApiAnswer>> handle, CancellationToken cancellationToken)
        where TBody : class =>
        RunCoreAsync(request, route, async (call, token) =>
        {
            var (body, problem) = await RequestBody.ReadAsync(request, bodyType, route.MaxBodyBytes, token);
            return problem is not null ? problem : await handle(call, body!, token);
        }, cancellationToken);

    private async Task<IActionResult> RunCoreAsync(HttpRequest request, ApiRoute route, Func<ApiCall, CancellationToken, Task<ApiAnswer>> handle, CancellationToken cancellationToken)
    {
        Caller caller;
        if (route.Anonymous)
        {
            caller = callers.Read(request) ?? Caller.Nobody;
        }
        else if (callers.Read(request) is { } known)
        {
            caller = known;
        }
        else
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        if (route.Roles is { Count: > 0 } roles && !roles.Any(caller.IsIn))
        {
            return ApiResults.Problem(Problem.Forbidden(
                $"调用方的角色无权使用该接口（{route.Name}）。", $"The caller's role may not use this route ({route.Name})."), request);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        try
        {
            var answer = await handle(new ApiCall(request, route, caller), deadline.Token);
            return answer.Write(request);
        }
        catch (Exception e) when (IsStorageUnavailable(e, cancellationToken))
        {
            // The route and the kind of failure only: never the request's path (it may hold an ID number).
            logger.LogWarning("{Route}: storage did not answer in time ({Failure})", route.Name, e.GetType().Name);
            return ApiResults.Problem(Problem.StorageUnavailable(), request);
        }
    }

    /// <summary>Storage down or too slow (not the client hanging up, and not a bug of ours, which still throws).</summary>
    private static bool IsStorageUnavailable(Exception e, CancellationToken callerToken) => e switch
    {
        OperationCanceledException => !callerToken.IsCancellationRequested,
        Azure.RequestFailedException r => r.Status is 0 or >= 500,
        AggregateException a => a.InnerExceptions.All(i => IsStorageUnavailable(i, callerToken)),
        HttpRequestException => true,
        _ => false,
    };
}
