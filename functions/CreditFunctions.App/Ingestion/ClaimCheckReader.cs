using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;

namespace CreditFunctions.App.Ingestion;

/// <summary>The records of a claim-check message, or why they could not be read.</summary>
public sealed record ClaimCheckResult(IReadOnlyList<RecordElement> Records, IngestRejection? Rejection);

/// <summary>
/// Reads a <c>recordsBlob</c> (contract: a list too large for one message, e.g. the court's list) as JSON Lines,
/// one record per line. Only blobs in our own storage account are read: a message must not make us fetch URLs.
/// </summary>
public sealed class ClaimCheckReader(CreditStorage storage)
{
    public async Task<ClaimCheckResult> ReadAsync(string blobUrl, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(blobUrl, UriKind.Absolute, out var uri) || !IsOurs(uri))
        {
            return new ClaimCheckResult([], new IngestRejection(
                "invalid-records-blob",
                "recordsBlob 必须是本存储账户中的 blob 地址。",
                "recordsBlob must be the address of a blob in this storage account.",
                "recordsBlob"));
        }

        var path = uri.AbsolutePath.TrimStart('/');
        // Azurite puts the account name first in the path; Azure does not.
        var accountPrefix = storage.Blobs.AccountName + "/";
        if (path.StartsWith(accountPrefix, StringComparison.Ordinal))
        {
            path = path[accountPrefix.Length..];
        }

        var slash = path.IndexOf('/');
        if (slash <= 0)
        {
            return NotFound();
        }

        var blob = storage.Blobs.GetBlobContainerClient(path[..slash]).GetBlobClient(Uri.UnescapeDataString(path[(slash + 1)..]));
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            var records = new List<RecordElement>();
            using var reader = new StringReader(content.Value.Content.ToString());
            var index = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                JsonElement json;
                try
                {
                    using var document = JsonDocument.Parse(line);
                    json = document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    // A line that is not JSON is one bad record, rejected alone like any other.
                    json = default;
                }

                records.Add(new RecordElement(index++, line, json));
            }

            return new ClaimCheckResult(records, null);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return NotFound();
        }
    }

    private bool IsOurs(Uri uri)
    {
        var ours = storage.Blobs.Uri;
        return uri.Scheme == ours.Scheme && string.Equals(uri.Authority, ours.Authority, StringComparison.OrdinalIgnoreCase)
            && uri.AbsolutePath.StartsWith(ours.AbsolutePath, StringComparison.Ordinal);
    }

    private static ClaimCheckResult NotFound() => new([], new IngestRejection(
        "records-blob-not-found", "找不到 recordsBlob 指向的 blob。", "The blob named by recordsBlob does not exist.", "recordsBlob"));
}
