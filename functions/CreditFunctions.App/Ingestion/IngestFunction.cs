using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// Records from upstream units and the court feed. A failure that is not the input's fault (storage down) throws,
/// so the host retries the message and, after maxDequeueCount tries, moves it intact to credit-ingest-poison.
/// </summary>
public sealed class IngestFunction(RecordIngestor ingestor)
{
    [Function("IngestRecords")]
    public Task Run(
        [QueueTrigger("credit-ingest", Connection = "CreditStorage")] string message,
        CancellationToken cancellationToken) =>
        ingestor.IngestAsync(message, cancellationToken);
}
