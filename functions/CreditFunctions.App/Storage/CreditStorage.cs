using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
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
        Tables = new TableServiceClient(new Uri(tableUri), credential, tableOptions);
        Queues = new QueueServiceClient(new Uri(queueUri), credential, queueOptions);
        var blobUri = section["blobServiceUri"];
        Blobs = string.IsNullOrWhiteSpace(blobUri)
            ? new BlobServiceClient(new Uri(queueUri.Replace(".queue.", ".blob.", StringComparison.OrdinalIgnoreCase)), credential, blobOptions)
            : new BlobServiceClient(new Uri(blobUri), credential, blobOptions);
    }

    public TableServiceClient Tables { get; }

    public QueueServiceClient Queues { get; }

    public BlobServiceClient Blobs { get; }

    public bool UsesConnectionString { get; }
}
