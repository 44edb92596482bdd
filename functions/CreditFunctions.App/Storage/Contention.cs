using Azure;

namespace CreditFunctions.App.Storage;

/// <summary>
/// What a writer that lost an optimistic race (409: someone added it first; 412: someone changed it since we read)
/// does: reads again and retries, a few times, after a short wait that grows and is jittered so racers spread out.
/// </summary>
internal static class Contention
{
    public const int MaxAttempts = 8;

    public static bool IsLostRace(RequestFailedException e) => e.Status is 409 or 412;

    public static Task BackOffAsync(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
}
