using System.Reflection;
using System.Text.Json;
using Azure.Storage.Queues.Models;

namespace CreditFunctions.DevHost;

/// <summary>A received queue message as the function sees it: the body already decoded per messageEncoding.</summary>
internal sealed record QueueTriggerData(
    string Id,
    string PopReceipt,
    long DequeueCount,
    DateTimeOffset? InsertionTime,
    DateTimeOffset? ExpirationTime,
    DateTimeOffset? NextVisibleTime,
    BinaryData Body);

/// <summary>
/// Binds a queue-triggered function's parameters like the worker's queue extension: the message as string, byte[],
/// BinaryData, QueueMessage or a JSON POCO, plus the host's queue binding data by parameter name.
/// </summary>
internal static class QueueTriggerBinding
{
    // The worker's default serializer: System.Text.Json, property names case-insensitive (so camelCase JSON binds).
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    private static readonly Type[] Times =
        [typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateTime), typeof(DateTime?)];

    // The queue trigger's binding data (QueueTriggerBindingDataProvider): name → accepted parameter types.
    private static readonly Dictionary<string, Type[]> BindingData = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dequeueCount"] = [typeof(int), typeof(long)],
        ["id"] = [typeof(string)],
        ["popReceipt"] = [typeof(string)],
        ["insertionTime"] = Times,
        ["expirationTime"] = Times,
        ["nextVisibleTime"] = Times,
    };

    public static Func<ParameterInfo, ParameterSource?> Classify(List<string> problems) => p =>
        p.Name is { } name && BindingData.TryGetValue(name, out Type[]? types)
            ? types.Contains(p.ParameterType)
                ? new BindingDataSource(p, name)
                : Problem(problems, $"parameter '{name}' must be one of {string.Join(", ", types.Select(t => t.Name))}")
            : null;

    public static void CheckTriggerType(Type type, List<string> problems)
    {
        if (type.IsInterface || type.IsAbstract || type == typeof(object))
        {
            problems.Add($"the queue trigger parameter type {type.Name} cannot be bound (use string, byte[], BinaryData, QueueMessage or a POCO)");
        }
    }

    public static object?[] Bind(DiscoveredFunction function, QueueTriggerData message, CancellationToken cancellation) =>
        function.Parameters.Select(source => source switch
        {
            TriggerSource t => Convert(message, t.Parameter.ParameterType),
            CancellationSource => cancellation,
            BindingDataSource d => Value(message, d.Key, d.Parameter.ParameterType),
            _ => throw new InvalidOperationException($"unexpected parameter source {source}"),
        }).ToArray();

    private static object? Convert(QueueTriggerData message, Type type)
    {
        if (type == typeof(string))
        {
            return message.Body.ToString();
        }

        if (type == typeof(byte[]))
        {
            return message.Body.ToArray();
        }

        if (type == typeof(BinaryData))
        {
            return message.Body;
        }

        if (type == typeof(QueueMessage))
        {
            return QueuesModelFactory.QueueMessage(message.Id, message.PopReceipt, message.Body, message.DequeueCount,
                message.NextVisibleTime, message.InsertionTime, message.ExpirationTime);
        }

        // A body that does not deserialize fails the invocation, so it is retried and finally poisoned, as in Azure.
        return message.Body.ToObjectFromJson(type, Json);
    }

    private static object? Value(QueueTriggerData m, string key, Type type)
    {
        object? value = key.ToLowerInvariant() switch
        {
            "dequeuecount" => m.DequeueCount,
            "id" => m.Id,
            "popreceipt" => m.PopReceipt,
            "insertiontime" => m.InsertionTime,
            "expirationtime" => m.ExpirationTime,
            "nextvisibletime" => m.NextVisibleTime,
            _ => null,
        };
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        return value switch
        {
            long l when target == typeof(int) => checked((int)l),
            DateTimeOffset d when target == typeof(DateTime) => d.UtcDateTime,
            _ => value,
        };
    }

    private static ParameterSource? Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return null;
    }
}

internal static class BinaryDataJson
{
    public static object? ToObjectFromJson(this BinaryData data, Type type, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(data.ToMemory().Span, type, options);
}
