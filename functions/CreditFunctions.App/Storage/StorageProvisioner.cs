using Azure;
using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Makes sure the tables and queues exist before first use. In Azure the Bicep template creates them; locally
/// (Azurite starts empty) this does. Runs once per process; a failure is retried on the next call.
/// </summary>
public sealed class StorageProvisioner(CreditStorage storage)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _done;

    public async ValueTask EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (_done)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_done)
            {
                return;
            }

            foreach (var table in TableNames.All)
            {
                await IgnoreConflict(() => storage.Tables.CreateTableIfNotExistsAsync(table, cancellationToken));
            }

            foreach (var queue in QueueNames.All)
            {
                await IgnoreConflict(() => storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            }

            _done = true;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A queue whose name is not fixed (a unit's notices): created once per process when first used.</summary>
    public async ValueTask EnsureQueueAsync(string queue, CancellationToken cancellationToken)
    {
        if (_extraQueues.ContainsKey(queue))
        {
            return;
        }

        await IgnoreConflict(() => storage.Queues.GetQueueClient(queue).CreateIfNotExistsAsync(cancellationToken: cancellationToken));
        _extraQueues.TryAdd(queue, true);
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _extraQueues = new(StringComparer.Ordinal);

    private static async Task IgnoreConflict(Func<Task> create)
    {
        try
        {
            await create();
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // Another instance created it between our check and our create: that is the state we wanted.
        }
    }
}
