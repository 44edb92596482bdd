using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Objections;

/// <summary>
/// Sends the objection and repair messages (<c>credit-objections</c>, <c>credit-escalations</c>,
/// <c>credit-notifications</c>) with the queue client: the dev host runs no output bindings, and a function that sends
/// after its table writes must choose the order itself.
/// </summary>
public sealed class WorkflowQueue(CreditStorage storage, StorageProvisioner provisioner)
{
    public async Task SendAsync<T>(string queue, T message, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        await provisioner.EnsureAsync(cancellationToken);
        await storage.Queues.GetQueueClient(queue).SendMessageAsync(JsonSerializer.Serialize(message, type), cancellationToken);
    }
}
