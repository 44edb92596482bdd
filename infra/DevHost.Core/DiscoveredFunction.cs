using System.Reflection;

namespace CreditFunctions.DevHost;

/// <summary>One [Function] method found in the functions assembly, with what keeps the dev host from running it.</summary>
public sealed class DiscoveredFunction
{
    internal DiscoveredFunction(string name, MethodInfo method, string triggerType, Attribute? trigger,
        IReadOnlyList<ParameterSource> parameters, IReadOnlyList<string> problems)
    {
        Name = name;
        Method = method;
        TriggerType = triggerType;
        Trigger = trigger;
        Parameters = parameters;
        Problems = problems;
    }

    /// <summary>The name in [Function("Name")].</summary>
    public string Name { get; }

    public MethodInfo Method { get; }

    /// <summary>httpTrigger, queueTrigger, timerTrigger (the host's binding types), or what was found instead.</summary>
    public string TriggerType { get; }

    /// <summary>Why the dev host refuses this function; empty when it can run it.</summary>
    public IReadOnlyList<string> Problems { get; }

    internal Attribute? Trigger { get; }

    /// <summary>Where each method parameter's value comes from, in parameter order.</summary>
    internal IReadOnlyList<ParameterSource> Parameters { get; }

    public override string ToString() => $"{Name} ({TriggerType})";
}

/// <summary>Where a function parameter's value comes from at invocation.</summary>
internal abstract record ParameterSource(ParameterInfo Parameter);

/// <summary>The trigger payload: the HttpRequest, the queue message, the TimerInfo.</summary>
internal sealed record TriggerSource(ParameterInfo Parameter) : ParameterSource(Parameter);

/// <summary>The invocation's CancellationToken (signalled when the host shuts down or the request is aborted).</summary>
internal sealed record CancellationSource(ParameterInfo Parameter) : ParameterSource(Parameter);

/// <summary>Trigger metadata by parameter name: queue binding data (dequeueCount, id, …) or an HTTP route value.</summary>
internal sealed record BindingDataSource(ParameterInfo Parameter, string Key) : ParameterSource(Parameter);
