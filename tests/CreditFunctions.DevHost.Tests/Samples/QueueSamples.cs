using Azure.Storage.Queues.Models;
using CreditFunctions.DevHost.Tests.Support;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.DevHost.Tests.Samples;

/// <summary>Queue-triggered samples; each test names its own queue through an app setting.</summary>
public sealed class QueueSamples(Probe probe, ILogger<QueueSamples> log)
{
    [Function("AlwaysFails")]
    public void AlwaysFails([QueueTrigger("%AlwaysFailsQueue%")] string message, int dequeueCount)
    {
        probe.Record("AlwaysFails", dequeueCount);
        throw new InvalidOperationException($"always fails: {message}");
    }

    [Function("FailsTwice")]
    public async Task FailsTwice([QueueTrigger("%FailsTwiceQueue%", Connection = "CreditStorage")] string message, long dequeueCount)
    {
        await Task.Yield();
        probe.Record("FailsTwice", dequeueCount);
        if (dequeueCount <= 2)
        {
            throw new InvalidOperationException("not yet");
        }

        probe.Record("FailsTwice.Succeeded", message);
    }

    [Function("SlowWork")]
    public async Task SlowWork([QueueTrigger("%SlowQueue%")] string message, CancellationToken cancellation)
    {
        using (probe.Enter(message))
        {
            await Task.Delay(150, cancellation);
        }
    }

    [Function("Gated")]
    public async Task Gated([QueueTrigger("%GatedQueue%")] string message, CancellationToken cancellation)
    {
        using (probe.Enter(message))
        {
            await probe.Gate(message, cancellation);
        }
    }

    [Function("LongRunning")]
    public async Task LongRunning([QueueTrigger("%LongQueue%")] string message, int dequeueCount, string id)
    {
        probe.Record("LongRunning", (dequeueCount, id));
        log.LogInformation("long running {Message}", message);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
    }

    [Function("Text")]
    public void Text([QueueTrigger("%TextQueue%")] string message) => probe.Record("Text", message);

    [Function("Bytes")]
    public void Bytes([QueueTrigger("%BytesQueue%")] byte[] body, string id, DateTimeOffset insertionTime) =>
        probe.Record("Bytes", (body, id, insertionTime));

    [Function("Message")]
    public void Message([QueueTrigger("%MessageQueue%")] QueueMessage message) => probe.Record("Message", message);

    [Function("Binary")]
    public ValueTask Binary([QueueTrigger("%BinaryQueue%")] BinaryData body)
    {
        probe.Record("Binary", body.ToArray());
        return ValueTask.CompletedTask;
    }

    [Function("Poco")]
    public Task Poco([QueueTrigger("%PocoQueue%")] CreditEvent credit)
    {
        probe.Record("Poco", credit);
        return Task.CompletedTask;
    }
}

public sealed record CreditEvent(string SubjectId, decimal Amount);
