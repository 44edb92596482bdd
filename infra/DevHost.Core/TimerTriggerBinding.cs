using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.DevHost;

/// <summary>Binds a timer-triggered function: the TimerInfo and a CancellationToken, nothing else.</summary>
internal static class TimerTriggerBinding
{
    public static Func<ParameterInfo, ParameterSource?> Classify() => _ => null;

    public static object?[] Bind(DiscoveredFunction function, TimerInfo timer, CancellationToken cancellation) =>
        function.Parameters.Select(source => source switch
        {
            TriggerSource => timer,
            CancellationSource => (object)cancellation,
            _ => throw new InvalidOperationException($"unexpected parameter source {source}"),
        }).ToArray();
}
