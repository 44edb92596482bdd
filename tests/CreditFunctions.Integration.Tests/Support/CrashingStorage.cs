using Azure.Core;
using Azure.Core.Pipeline;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>The process "dies" at a storage call: the exception is not one the SDK retries, so it ends the function.</summary>
public sealed class InjectedCrashException(int call) : Exception($"Injected crash at storage call {call}");

/// <summary>
/// Crashes the app at its N-th storage request from arming: before the request is sent (the call never happened)
/// or after its answer arrived (it happened, but the app never learned so): the two ways a crash can fall
/// between two storage calls.
/// </summary>
public sealed class CrashingStorage : HttpPipelinePolicy
{
    private int _calls;
    private int _crashAt;
    private bool _afterSend;

    public int Calls => Volatile.Read(ref _calls);

    public void Arm(int call, bool afterSend)
    {
        _crashAt = call;
        _afterSend = afterSend;
        Interlocked.Exchange(ref _calls, 0);
    }

    public void Disarm() => _crashAt = 0;

    public void Count() => Arm(0, false);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var call = Interlocked.Increment(ref _calls);
        var crash = _crashAt != 0 && call == _crashAt;
        if (crash && !_afterSend)
        {
            throw new InjectedCrashException(call);
        }

        await ProcessNextAsync(message, pipeline);
        if (crash)
        {
            throw new InjectedCrashException(call);
        }
    }
}
