using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Ingestion;

/// <summary>Subject facts from upstream units (names, a unit's legal representative).</summary>
public sealed class SubjectProfileFunction(SubjectProfileIngestor ingestor)
{
    [Function("IngestSubjectProfile")]
    public Task Run(
        [QueueTrigger("credit-subjects", Connection = "CreditStorage")] string message,
        CancellationToken cancellationToken) =>
        ingestor.IngestAsync(message, cancellationToken);
}
