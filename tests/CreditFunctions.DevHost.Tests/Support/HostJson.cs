namespace CreditFunctions.DevHost.Tests.Support;

/// <summary>host.json text for a test: fast polling unless the test says otherwise.</summary>
public static class HostJson
{
    public static string With(string queues = "", string? routePrefix = null)
    {
        string queueSettings = "\"maxPollingInterval\": \"00:00:00.200\"" + (queues.Length > 0 ? ", " + queues : "");
        string http = routePrefix is null ? "" : $", \"http\": {{ \"routePrefix\": \"{routePrefix}\" }}";
        return $$"""
                 {
                   "version": "2.0",
                   "extensions": { "queues": { {{queueSettings}} }{{http}} }
                 }
                 """;
    }
}
