using System.Text;

namespace CreditFunctions.DevHost;

/// <summary>The function list Core Tools prints once the host is up (an HTTP function without methods takes any).</summary>
internal static class FunctionListing
{
    public static string Format(Uri baseAddress, IEnumerable<HttpFunction> http, IEnumerable<QueueFunction> queues, IEnumerable<TimerFunction> timers)
    {
        var lines = new List<(string Name, string Text)>();
        string root = baseAddress.ToString().TrimEnd('/');
        lines.AddRange(http.Select(h => (h.Function.Name,
            (h.Methods.Count == 0 ? "" : $"[{string.Join(',', h.Methods)}] ") + $"{root}/{h.Route}")));
        lines.AddRange(queues.Select(q => (q.Function.Name, $"queueTrigger ({q.QueueName})")));
        lines.AddRange(timers.Select(t => (t.Function.Name,
            $"timerTrigger ({t.Schedule.Expression}{(t.RunOnStartup ? ", RunOnStartup" : "")})")));

        var text = new StringBuilder("Functions:\n");
        foreach ((string name, string line) in lines.OrderBy(l => l.Name, StringComparer.OrdinalIgnoreCase))
        {
            text.Append('\n').Append('\t').Append(name).Append(": ").Append(line).Append('\n');
        }

        return text.ToString();
    }
}
