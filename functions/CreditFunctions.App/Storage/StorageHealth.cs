using System.Reflection;
using CreditFunctions.App.Api;

namespace CreditFunctions.App.Storage;

/// <summary>Asks table and queue storage one cheap question each, with a short timeout.</summary>
public sealed class StorageHealth(CreditStorage storage, TimeProvider clock)
{
    private static readonly string AppVersion =
        typeof(StorageHealth).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        string? error = null;
        var tables = await Probe(async () =>
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }
        });
        var queues = await Probe(async () => await storage.Queues.GetPropertiesAsync(timeout.Token));
        return new HealthReport(
            tables && queues ? "healthy" : "unhealthy",
            clock.GetUtcNow(),
            new HealthStorage(tables, queues, error),
            new HealthVersions(AppVersion, null));

        async Task<bool> Probe(Func<Task> probe)
        {
            try
            {
                await probe();
                return true;
            }
            catch (Exception e) when (e is Azure.RequestFailedException or OperationCanceledException or AggregateException or HttpRequestException)
            {
                error ??= e.GetType().Name;
                return false;
            }
        }
    }
}
