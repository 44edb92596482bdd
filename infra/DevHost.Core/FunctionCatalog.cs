using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace CreditFunctions.DevHost;

/// <summary>
/// Finds functions the way the worker SDK's metadata generator does: public methods carrying [Function("Name")] on
/// public classes of the functions assembly. A new function therefore needs no dev host change. Whatever the dev host
/// could not run exactly as Azure would is reported as a problem, never approximated.
/// </summary>
public static class FunctionCatalog
{
    public static IReadOnlyList<DiscoveredFunction> Discover(Assembly assembly)
    {
        var found = new List<DiscoveredFunction>();
        foreach (Type type in assembly.GetTypes())
        {
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance |
                                     BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (MethodInfo method in type.GetMethods(all))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is { } function)
                {
                    found.Add(Describe(function.Name, method));
                }
            }
        }

        // The host refuses two functions with one name.
        var duplicates = found.GroupBy(f => f.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .SelectMany(g => g).ToHashSet();
        return found
            .Select(f => duplicates.Contains(f) ? WithProblem(f, "another function has the same name") : f)
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static DiscoveredFunction Describe(string name, MethodInfo method)
    {
        var problems = new List<string>();
        Type type = method.DeclaringType!;
        if (!type.IsVisible || !method.IsPublic)
        {
            problems.Add($"{type.Name}.{method.Name} must be a public method of a public class");
        }

        if (!method.IsStatic && (type.IsAbstract || type.ContainsGenericParameters))
        {
            problems.Add($"{type.Name} is abstract or generic and cannot be created");
        }

        // [QueueOutput] etc. on the method or its return value are output bindings; retry policies and any other
        // worker attribute change behaviour the dev host does not reproduce.
        foreach (Attribute a in method.GetCustomAttributes().Concat(method.ReturnParameter.GetCustomAttributes()))
        {
            if (a is BindingAttribute)
            {
                problems.Add($"output binding [{ShortName(a)}] on the return value is not supported by the dev host");
            }
            else if (a is not FunctionAttribute && a.GetType().Namespace?.StartsWith("Microsoft.Azure.Functions.Worker", StringComparison.Ordinal) == true)
            {
                problems.Add($"[{ShortName(a)}] is not supported by the dev host");
            }
        }

        ParameterInfo[] parameters = method.GetParameters();
        var triggers = parameters.Where(p => p.GetCustomAttribute<TriggerBindingAttribute>() is not null).ToList();
        if (triggers.Count != 1)
        {
            problems.Add(triggers.Count == 0 ? "no trigger parameter" : "more than one trigger parameter");
            return new DiscoveredFunction(name, method, "none", null, [], problems);
        }

        Attribute trigger = triggers[0].GetCustomAttribute<TriggerBindingAttribute>()!;
        (string triggerType, Func<ParameterInfo, ParameterSource?> bindOther) = trigger switch
        {
            HttpTriggerAttribute http => ("httpTrigger", HttpTriggerBinding.Classify(http, name, problems)),
            QueueTriggerAttribute => ("queueTrigger", QueueTriggerBinding.Classify(problems)),
            TimerTriggerAttribute => ("timerTrigger", TimerTriggerBinding.Classify()),
            _ => (ShortName(trigger), (Func<ParameterInfo, ParameterSource?>)(_ => null)),
        };
        if (triggerType == ShortName(trigger))
        {
            problems.Add($"trigger [{triggerType}] is not supported by the dev host (http, queue and timer triggers are)");
            return new DiscoveredFunction(name, method, triggerType, trigger, [], problems);
        }

        var sources = new List<ParameterSource>();
        foreach (ParameterInfo p in parameters)
        {
            ParameterSource? source = Classify(p, triggers[0], bindOther, problems);
            if (source is not null)
            {
                sources.Add(source);
            }
        }

        string? returnProblem = triggerType == "httpTrigger"
            ? HttpTriggerBinding.CheckReturnType(method.ReturnType)
            : AsyncResult.ResultType(method.ReturnType) is { } t
                ? $"returns {t.Name}: a {triggerType} function's return value would need an output binding, which the dev host does not support"
                : null;
        if (returnProblem is not null)
        {
            problems.Add(returnProblem);
        }

        if (triggerType == "httpTrigger")
        {
            HttpTriggerBinding.CheckTriggerType(triggers[0].ParameterType, problems);
        }
        else if (triggerType == "queueTrigger")
        {
            QueueTriggerBinding.CheckTriggerType(triggers[0].ParameterType, problems);
        }
        else if (triggerType == "timerTrigger" && triggers[0].ParameterType != typeof(TimerInfo))
        {
            problems.Add($"the timer trigger parameter must be a {nameof(TimerInfo)}, not {triggers[0].ParameterType.Name}");
        }

        return new DiscoveredFunction(name, method, triggerType, trigger, sources, problems);
    }

    private static ParameterSource? Classify(ParameterInfo p, ParameterInfo trigger,
        Func<ParameterInfo, ParameterSource?> bindOther, List<string> problems)
    {
        if (p == trigger)
        {
            return new TriggerSource(p);
        }

        if (p.GetCustomAttribute<BindingAttribute>() is { } binding)
        {
            problems.Add($"binding [{ShortName(binding)}] on parameter '{p.Name}' is not supported by the dev host");
            return null;
        }

        if (p.ParameterType == typeof(FunctionContext))
        {
            problems.Add($"parameter '{p.Name}': FunctionContext is not supported by the dev host (take services by constructor injection)");
            return null;
        }

        if (p.ParameterType == typeof(CancellationToken))
        {
            return new CancellationSource(p);
        }

        ParameterSource? source = bindOther(p);
        if (source is null)
        {
            problems.Add($"parameter '{p.Name}' ({p.ParameterType.Name}) cannot be bound by the dev host");
        }

        return source;
    }

    private static DiscoveredFunction WithProblem(DiscoveredFunction f, string problem) =>
        new(f.Name, f.Method, f.TriggerType, f.Trigger, f.Parameters, [.. f.Problems, problem]);

    internal static string ShortName(Attribute a)
    {
        string n = a.GetType().Name;
        return n.EndsWith("Attribute", StringComparison.Ordinal) ? n[..^"Attribute".Length] : n;
    }
}
