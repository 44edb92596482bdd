using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>A queue-triggered function with its resolved queue name and connection string.</summary>
internal sealed record QueueFunction(DiscoveredFunction Function, string QueueName, string ConnectionString)
{
    public string PoisonQueueName => QueueName + "-poison";
}

/// <summary>
/// Polls one queue for one function, following the Storage Queues extension's QueueListener/QueueProcessor:
/// receive up to batchSize messages, run them concurrently, fetch again once no more than newBatchThreshold are
/// still running; back off exponentially up to maxPollingInterval while the queue is empty. A message whose
/// function succeeds is deleted; a failed one is released after visibilityTimeout, or — once its DequeueCount has
/// reached maxDequeueCount — copied unchanged to &lt;queue&gt;-poison and deleted.
/// </summary>
internal sealed class QueueTriggerListener(
    QueueFunction target,
    QueuesSettings settings,
    TimeSpan lease,
    FunctionInvoker invoker,
    IServiceScopeFactory scopes,
    ILogger<QueueTriggerListener> log) : BackgroundService
{
    private readonly DiscoveredFunction _function = target.Function;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        // Messages are read and written as stored (no encoding by the SDK): decoding is ours, so the poison copy
        // can be the exact original text whatever messageEncoding says.
        var service = new QueueServiceClient(target.ConnectionString, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        QueueClient queue = service.GetQueueClient(target.QueueName);
        QueueClient poison = service.GetQueueClient(target.PoisonQueueName);
        var backoff = new PollingBackoff(QueuesSettings.MinimumPollingInterval, settings.MaxPollingInterval);
        var processing = new List<Task>();
        bool foundSinceLastDelay = false;
        try
        {
            await CreateQueuesAsync(queue, poison, backoff, stopping);
            while (!stopping.IsCancellationRequested)
            {
                QueueMessage[] batch;
                try
                {
                    batch = (await queue.ReceiveMessagesAsync(settings.BatchSize, lease, stopping)).Value;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The host backs off on queue-not-found and server errors alike. (Azure.Core reports a request
                    // whose retries all failed as an AggregateException, hence not just RequestFailedException.)
                    log.LogWarning("Polling queue '{Queue}' failed: {Error}", queue.Name, ex.Message);
                    batch = [];
                }

                if (batch.Length == 0)
                {
                    await Task.Delay(backoff.Next(foundSinceLastDelay), stopping);
                    foundSinceLastDelay = false;
                    continue;
                }

                foundSinceLastDelay = true;
                processing.RemoveAll(t => t.IsCompleted);
                processing.AddRange(batch.Select(message => ProcessAsync(queue, poison, message, stopping)));

                // The host fetches the next batch right away once in-flight work is down to newBatchThreshold.
                while (processing.Count > settings.NewBatchThreshold)
                {
                    processing.Remove(await Task.WhenAny(processing));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            // Shutting down: no new messages; the running ones finish (their CancellationToken is signalled) and are
            // then deleted, released or poisoned as usual.
            await Task.WhenAll(processing);
        }
    }

    private async Task CreateQueuesAsync(QueueClient queue, QueueClient poison, PollingBackoff backoff, CancellationToken stopping)
    {
        // The host itself only creates <queue>-poison when it first needs it; creating both up front makes a fresh
        // Azurite usable at once and changes nothing a function can observe.
        while (true)
        {
            try
            {
                await queue.CreateIfNotExistsAsync(cancellationToken: stopping);
                await poison.CreateIfNotExistsAsync(cancellationToken: stopping);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                log.LogWarning("Creating queue '{Queue}' failed, retrying: {Error}", queue.Name, ex.Message);
                await Task.Delay(backoff.Next(false), stopping);
            }
        }
    }

    private async Task ProcessAsync(QueueClient queue, QueueClient poison, QueueMessage message, CancellationToken stopping)
    {
        // Let the poll loop go on to its next batch while this message runs.
        await Task.Yield();
        try
        {
            if (!TryDecode(message, out BinaryData? body))
            {
                // Extension 5.x: a message that does not decode goes straight to the poison queue.
                log.LogWarning("Message decoding has failed! Check MessageEncoding settings. MessageId={MessageId}.", message.MessageId);
                await MoveToPoisonAsync(queue, poison, message, message.PopReceipt);
                return;
            }

            var data = new QueueTriggerData(message.MessageId, message.PopReceipt, message.DequeueCount,
                message.InsertedOn, message.ExpiresOn, message.NextVisibleOn, body);
            var renewal = new QueueMessageLease(queue, message, lease, log);
            bool succeeded;
            try
            {
                succeeded = await InvokeAsync(data, stopping);
            }
            finally
            {
                await renewal.DisposeAsync();
            }

            string popReceipt = renewal.PopReceipt;

            if (succeeded)
            {
                await DeleteAsync(queue, message.MessageId, popReceipt);
            }
            else if (message.DequeueCount >= settings.MaxDequeueCount)
            {
                log.LogWarning("Message has reached MaxDequeueCount of {Max}. Moving message to queue '{Poison}'.",
                    settings.MaxDequeueCount, poison.Name);
                await MoveToPoisonAsync(queue, poison, message, popReceipt);
            }
            else
            {
                await ReleaseAsync(queue, message.MessageId, popReceipt);
            }
        }
        catch (Exception ex)
        {
            // A storage failure while completing: the message reappears when its lease ends, as in Azure.
            log.LogError(ex, "Completing message {MessageId} on '{Queue}' failed", message.MessageId, queue.Name);
        }
    }

    private async Task<bool> InvokeAsync(QueueTriggerData data, CancellationToken stopping)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        try
        {
            await invoker.InvokeAsync(_function, scope.ServiceProvider,
                () => QueueTriggerBinding.Bind(_function, data, stopping),
                $"New queue message detected on '{target.QueueName}'.");
            return true;
        }
        catch (Exception)
        {
            return false; // already logged by the invoker
        }
    }

    private bool TryDecode(QueueMessage message, [NotNullWhen(true)] out BinaryData? body)
    {
        if (settings.MessageEncoding == QueueMessageEncodingSetting.None)
        {
            body = BinaryData.FromString(message.MessageText);
            return true;
        }

        byte[] bytes = new byte[message.MessageText.Length];
        bool ok = Convert.TryFromBase64String(message.MessageText, bytes, out int written);
        body = ok ? BinaryData.FromBytes(bytes.AsMemory(0, written)) : null;
        return ok;
    }

    private static async Task MoveToPoisonAsync(QueueClient queue, QueueClient poison, QueueMessage message, string popReceipt)
    {
        // The original text, byte for byte: what was encoded stays encoded.
        await poison.SendMessageAsync(message.MessageText, CancellationToken.None);
        await DeleteAsync(queue, message.MessageId, popReceipt);
    }

    private static async Task DeleteAsync(QueueClient queue, string id, string popReceipt)
    {
        try
        {
            await queue.DeleteMessageAsync(id, popReceipt, CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
            // Gone already, or another consumer took it over (pop receipt mismatch): theirs to delete, as in the host.
        }
    }

    private async Task ReleaseAsync(QueueClient queue, string id, string popReceipt)
    {
        try
        {
            await queue.UpdateMessageAsync(id, popReceipt, messageText: null, visibilityTimeout: settings.VisibilityTimeout,
                cancellationToken: CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status is 400 or 404)
        {
        }
    }
}
