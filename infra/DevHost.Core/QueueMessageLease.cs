using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost;

/// <summary>
/// Keeps a message invisible while its function runs, like the host's UpdateQueueMessageVisibilityCommand: the
/// message is received with a lease (10 minutes in the host) and the lease is renewed when it is half gone. Each
/// renewal returns a new pop receipt, which the final delete/release must use.
/// </summary>
internal sealed class QueueMessageLease : IAsyncDisposable
{
    private readonly QueueClient _queue;
    private readonly string _messageId;
    private readonly TimeSpan _lease;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewing;

    public QueueMessageLease(QueueClient queue, QueueMessage message, TimeSpan lease, ILogger log)
    {
        _queue = queue;
        _messageId = message.MessageId;
        PopReceipt = message.PopReceipt;
        _lease = lease;
        _log = log;
        _renewing = RenewAsync();
    }

    /// <summary>The current pop receipt (changes with every renewal).</summary>
    public string PopReceipt { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _renewing;
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        TimeSpan interval = _lease / 2;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _stop.Token);
                // Not cancelled midway: a renewal the service applied but we did not hear back from would leave us
                // with a stale pop receipt, and the final delete would fail.
                Response<UpdateReceipt> receipt = await _queue.UpdateMessageAsync(
                    _messageId, PopReceipt, messageText: null, visibilityTimeout: _lease, cancellationToken: CancellationToken.None);
                PopReceipt = receipt.Value.PopReceipt;
                interval = _lease / 2;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 400 or 404)
            {
                // Message gone or taken over by someone else (pop receipt mismatch): nothing left to renew.
                _log.LogWarning("Could not renew the visibility of message {MessageId} on {Queue}: {Error}", _messageId, _queue.Name, ex.ErrorCode);
                return;
            }
            catch (Exception ex)
            {
                // Transient: retry sooner, as the host's LinearSpeedupStrategy does.
                _log.LogWarning("Renewing message {MessageId} on {Queue} failed, retrying: {Error}", _messageId, _queue.Name, ex.Message);
                interval = TimeSpan.FromTicks(Math.Max(interval.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks));
            }
        }
    }
}
