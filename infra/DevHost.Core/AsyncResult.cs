using System.Reflection;

namespace CreditFunctions.DevHost;

/// <summary>Awaits what a function method returned: void, T, Task, Task&lt;T&gt;, ValueTask, ValueTask&lt;T&gt;.</summary>
internal static class AsyncResult
{
    /// <summary>The value type a method produces once awaited; null when it produces nothing.</summary>
    public static Type? ResultType(Type returnType)
    {
        if (returnType == typeof(void) || returnType == typeof(Task) || returnType == typeof(ValueTask))
        {
            return null;
        }

        if (returnType.IsGenericType &&
            (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)))
        {
            return returnType.GetGenericArguments()[0];
        }

        return returnType;
    }

    public static async Task<object?> AwaitAsync(object? returned, Type declaredReturnType)
    {
        switch (returned)
        {
            case null:
                return null;
            case ValueTask vt:
                await vt;
                return null;
            case Task task:
                await task;
                return declaredReturnType.IsGenericType ? task.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(task) : null;
        }

        if (declaredReturnType.IsGenericType && declaredReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = (Task)declaredReturnType.GetMethod(nameof(ValueTask<int>.AsTask), BindingFlags.Public | BindingFlags.Instance)!
                .Invoke(returned, null)!;
            await asTask;
            return asTask.GetType().GetProperty(nameof(Task<int>.Result))!.GetValue(asTask);
        }

        return returned;
    }
}
