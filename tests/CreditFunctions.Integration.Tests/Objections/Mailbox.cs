using System.Text.Json;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Objections;

/// <summary>
/// The objection and repair queues as the tests read them. Tests run in parallel on one Azurite, so a test that received
/// a message could hide it from another: every message taken off a queue is kept here, under one lock, and each test
/// looks for its own ids among all of them.
/// </summary>
internal static class Mailbox
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly Dictionary<string, List<string>> Kept = new(StringComparer.Ordinal);

    /// <summary>Every message the queue has had so far whose JSON satisfies <paramref name="match"/>.</summary>
    public static async Task<IReadOnlyList<JsonElement>> Messages(CreditApp app, string queue, Func<JsonElement, bool> match)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Kept.TryGetValue(queue, out var kept))
            {
                Kept[queue] = kept = [];
            }

            var client = app.Queue(queue);
            await client.CreateIfNotExistsAsync();
            while (true)
            {
                var batch = (await client.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5))).Value;
                if (batch.Length == 0)
                {
                    break;
                }

                foreach (var message in batch)
                {
                    kept.Add(message.Body.ToString());
                    await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                }
            }

            return kept.Select(body => JsonDocument.Parse(body).RootElement).Where(match).ToList();
        }
        finally
        {
            Gate.Release();
        }
    }

    public static Task<IReadOnlyList<JsonElement>> About(CreditApp app, string queue, string property, string value) =>
        Messages(app, queue, m => m.TryGetProperty(property, out var p) && p.ValueKind == JsonValueKind.String && p.GetString() == value);
}
