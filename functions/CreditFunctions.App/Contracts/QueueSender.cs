using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Contracts;

/// <summary>
/// The one sender of every queue message the app writes (docs/contracts.md "Queues"): plain UTF-8 JSON of a contract type, at most
/// 64 KiB (Azure's limit; Azurite takes more, we must not rely on it), created on first use locally. The dev host runs
/// no output bindings, and a function that sends after its table writes must choose the order itself, so sends are
/// calls, not bindings.
/// </summary>
public sealed class QueueSender(CreditStorage storage, StorageProvisioner provisioner)
{
    public const int MaxMessageBytes = 64 * 1024;

    public static int SizeOf<T>(T message, JsonTypeInfo<T> type) => Encoding.UTF8.GetByteCount(JsonSerializer.Serialize(message, type));

    /// <param name="visibleAfter">A delay before the message can be received (a retry with backoff).</param>
    public async Task SendAsync<T>(string queue, T message, JsonTypeInfo<T> type, CancellationToken cancellationToken, TimeSpan? visibleAfter = null)
    {
        var json = JsonSerializer.Serialize(message, type);
        if (Encoding.UTF8.GetByteCount(json) > MaxMessageBytes)
        {
            throw new InvalidOperationException($"A {typeof(T).Name} for {queue} is over {MaxMessageBytes} bytes; the caller must split it.");
        }

        await provisioner.EnsureAsync(cancellationToken);
        var client = storage.Queues.GetQueueClient(queue);
        if (!QueueNames.All.Contains(queue))
        {
            // A unit's own notices queue: made on first use locally; in Azure the deployment creates it (bicep/).
            await provisioner.EnsureQueueAsync(queue, cancellationToken);
        }

        await client.SendMessageAsync(json, visibilityTimeout: visibleAfter, cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The approximate number of messages on <paramref name="queue"/> (one properties request), 0 for a queue that does not
    /// exist yet: locally a poison queue appears only when the host first moves a message there. For the PoisonMessages gauge.
    /// </summary>
    public async Task<long> ApproximateCountAsync(string queue, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await storage.Queues.GetQueueClient(queue).GetPropertiesAsync(cancellationToken);
            return properties.Value.ApproximateMessagesCountLong;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return 0;
        }
    }
}
