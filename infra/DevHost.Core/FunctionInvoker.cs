using System.Diagnostics;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>
/// Runs one invocation like the worker's DefaultFunctionExecutor: the function class is created with
/// ActivatorUtilities from the invocation's service scope (so constructors get ILogger&lt;T&gt; and app services), the
/// method is called with the bound arguments and awaited. Like the worker, the instance is not disposed afterwards
/// (azure-functions-dotnet-worker#2093). Logs the host's "Executing"/"Executed 'Functions.Name'" lines.
/// </summary>
internal sealed class FunctionInvoker(ILoggerFactory loggers)
{
    /// <returns>What the function returned, awaited.</returns>
    public async Task<object?> InvokeAsync(DiscoveredFunction function, IServiceProvider services,
        Func<object?[]> bindArguments, string reason)
    {
        ILogger log = loggers.CreateLogger($"Function.{function.Name}");
        var id = Guid.NewGuid();
        log.LogInformation("Executing 'Functions.{Name}' (Reason='{Reason}', Id={Id})", function.Name, reason, id);
        long started = Stopwatch.GetTimestamp();
        try
        {
            object?[] arguments = bindArguments();
            MethodInfo method = function.Method;
            object? instance = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
            object? returned = method.Invoke(instance, BindingFlags.DoNotWrapExceptions, null, arguments, null);
            object? result = await AsyncResult.AwaitAsync(returned, method.ReturnType);
            log.LogInformation("Executed 'Functions.{Name}' (Succeeded, Id={Id}, Duration={Duration}ms)",
                function.Name, id, Elapsed(started));
            return result;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Executed 'Functions.{Name}' (Failed, Id={Id}, Duration={Duration}ms)",
                function.Name, id, Elapsed(started));
            throw;
        }
    }

    private static long Elapsed(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
