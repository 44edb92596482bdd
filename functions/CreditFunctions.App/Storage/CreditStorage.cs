using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.Storage;

/// <summary>
/// The one storage account of the contract: tables for every record, queues for every queue.
/// Configured by the app setting <c>CreditStorage</c>: a connection string locally (Azurite), or in Azure
/// <c>CreditStorage__tableServiceUri</c> / <c>__queueServiceUri</c> / <c>__blobServiceUri</c> with the
/// managed identity, so no account key ever exists in configuration.
/// </summary>
public sealed class CreditStorage
{
    public const string SettingName = "CreditStorage";

    /// <param name="extraPolicies">
    /// Pipeline policies registered in DI, added to every client. Production registers none; the tests register one
    /// that crashes the app at a chosen storage call, to show a retry after any crash leaves the right state.
    /// </param>
    public CreditStorage(IConfiguration configuration, StorageRequestCounter counter, IEnumerable<HttpPipelinePolicy> extraPolicies)
    {
        var connectionString = configuration[SettingName];
        var section = configuration.GetSection(SettingName);
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var blobOptions = new BlobClientOptions();
        foreach (ClientOptions options in new ClientOptions[] { tableOptions, queueOptions, blobOptions })
        {
            options.AddPolicy(counter, HttpPipelinePosition.PerRetry);
            foreach (var policy in extraPolicies)
            {
                options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
            }
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            Tables = new TableServiceClient(connectionString, tableOptions);
            Queues = new QueueServiceClient(connectionString, queueOptions);
            Blobs = new BlobServiceClient(connectionString, blobOptions);
            UsesConnectionString = true;
            _sharedKey = SharedKeyOf(connectionString);
            return;
        }

        var tableUri = section["tableServiceUri"];
        var queueUri = section["queueServiceUri"];
        if (string.IsNullOrWhiteSpace(tableUri) || string.IsNullOrWhiteSpace(queueUri))
        {
            throw new InvalidOperationException(
                $"Storage is not configured: set '{SettingName}' to a connection string, or '{SettingName}__tableServiceUri' " +
                $"and '{SettingName}__queueServiceUri' (managed identity).");
        }

        // In Azure the function app's system-assigned identity holds the data roles (see bicep/); a user-assigned
        // one can be named with CreditStorage__clientId, as the Functions host itself allows.
        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = section["clientId"],
        });
        _credential = credential;
        Tables = new TableServiceClient(new Uri(tableUri), credential, tableOptions);
        Queues = new QueueServiceClient(new Uri(queueUri), credential, queueOptions);
        var blobUri = section["blobServiceUri"];
        Blobs = string.IsNullOrWhiteSpace(blobUri)
            ? new BlobServiceClient(new Uri(queueUri.Replace(".queue.", ".blob.", StringComparison.OrdinalIgnoreCase)), credential, blobOptions)
            : new BlobServiceClient(new Uri(blobUri), credential, blobOptions);
    }

    /// <summary>Azurite's well-known development account (public, documented), for <c>UseDevelopmentStorage=true</c>.</summary>
    private const string DevelopmentAccount = "devstoreaccount1";
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StorageSharedKeyCredential? _sharedKey;
    private readonly TokenCredential? _credential;

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public bool UsesConnectionString { get; }

    /// <summary>
    /// A client of the blob container at <paramref name="containerUri"/> (<c>ConfigData__ContainerUri</c>), authorised the
    /// way the rest of the app's storage is: with the managed identity in Azure; with the account key of the
    /// <c>CreditStorage</c> connection string locally (Azurite: the URI's account must be the connection string's).
    /// A URI that carries a SAS (<c>sig=</c>) is used with it instead. No extra pipeline policies: these are the app's
    /// configuration, not its data, and are not counted or crashed by tests.
    /// </summary>
    /// <exception cref="InvalidOperationException">A connection string without an account key and a URI without a SAS, or an
    /// http URI with the managed identity.</exception>
    public BlobContainerClient ContainerAt(Uri containerUri)
    {
        ArgumentNullException.ThrowIfNull(containerUri);
        var options = new BlobClientOptions();
        if (containerUri.Query.Contains("sig=", StringComparison.Ordinal))
        {
            return new BlobContainerClient(containerUri, options);
        }

        if (_credential is not null)
        {
            return containerUri.Scheme == Uri.UriSchemeHttps
                ? new BlobContainerClient(containerUri, _credential, options)
                : throw new InvalidOperationException(
                    $"{containerUri.GetLeftPart(UriPartial.Path)} cannot be read with the managed identity: a token is sent over https only (ConfigData__ContainerUri).");
        }

        return _sharedKey is not null
            ? new BlobContainerClient(containerUri, _sharedKey, options)
            : throw new InvalidOperationException(
                $"{containerUri.GetLeftPart(UriPartial.Path)} cannot be read: the '{SettingName}' connection string has no account key, and the URI has no SAS.");
    }

    /// <summary>The account name and key of a connection string (Azurite's for <c>UseDevelopmentStorage=true</c>), or null.</summary>
    private static StorageSharedKeyCredential? SharedKeyOf(string connectionString)
    {
        var parts = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .GroupBy(p => p[0], StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1], StringComparer.OrdinalIgnoreCase);
        if (parts.TryGetValue("UseDevelopmentStorage", out var development) && bool.TryParse(development, out var isDevelopment) && isDevelopment)
        {
            return new StorageSharedKeyCredential(DevelopmentAccount, DevelopmentKey);
        }

        return parts.TryGetValue("AccountName", out var name) && parts.TryGetValue("AccountKey", out var key)
            ? new StorageSharedKeyCredential(name, key)
            : null;
    }
}
