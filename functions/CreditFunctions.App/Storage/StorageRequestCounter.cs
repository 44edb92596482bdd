using Azure.Core;
using Azure.Core.Pipeline;

namespace CreditFunctions.App.Storage;

/// <summary>
/// Counts every HTTP request the app's storage clients send (retries included), so benchmarks can report
/// storage transactions per record: the figure Azure bills by and the one that bounds throughput.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelinePolicy
{
    private long _requests;

    public long Requests => Interlocked.Read(ref _requests);

    public void Reset() => Interlocked.Exchange(ref _requests, 0);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Interlocked.Increment(ref _requests);
        return ProcessNextAsync(message, pipeline);
    }
}
