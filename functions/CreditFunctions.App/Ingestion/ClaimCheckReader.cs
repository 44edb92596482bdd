using System.Text;
using System.Text.Json;
using Azure;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Trust;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.Ingestion;

/// <summary>The records of a claim-check message, or why they could not be read.</summary>
public sealed record ClaimCheckResult(IReadOnlyList<RecordElement> Records, IngestRejection? Rejection);

/// <summary>
/// Reads a <c>recordsBlob</c> (a list too large for one message, e.g. the court's list) as JSON Lines, one record per
/// line. Only blobs in our own storage account are read: a message must not make us fetch URLs. The blob is streamed,
/// never held whole, and refused past <c>Ingest__MaxRecordsBlobBytes</c> (64 MiB by default); when the signed envelope
/// names its SHA-256 the bytes are hashed as they are read and no record is taken unless the hash matched at the end.
/// </summary>
public sealed class ClaimCheckReader(CreditStorage storage, IConfiguration configuration)
{
    public const string MaxBytesKey = "Ingest:MaxRecordsBlobBytes";
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    private long MaxBytes => long.TryParse(configuration[MaxBytesKey], out var configured) && configured > 0 ? configured : DefaultMaxBytes;

    /// <param name="expectedSha256">The envelope's <c>recordsBlobSha256</c>, parsed; null for an unsigned envelope of a transition.</param>
    public async Task<ClaimCheckResult> ReadAsync(string blobUrl, byte[]? expectedSha256, CancellationToken cancellationToken)
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
        var max = MaxBytes;
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            if (properties.Value.ContentLength > max)
            {
                return TooLarge(properties.Value.ContentLength, max);
            }

            var download = await blob.DownloadStreamingAsync(cancellationToken: cancellationToken);
            await using var content = download.Value.Content;
            await using var checking = expectedSha256 is null ? null : RecordsBlobHash.Wrap(content, expectedSha256, leaveOpen: true);
            var counting = new CountingStream(checking ?? content);
            using var reader = new StreamReader(counting, new UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
            var records = new List<RecordElement>();
            var index = 0;
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (counting.BytesRead > max)
                {
                    // The blob grew after its properties were read: still never more than the cap in memory.
                    return TooLarge(counting.BytesRead, max);
                }

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

            if (checking is not null && await checking.FinishAsync(cancellationToken) is { } mismatch)
            {
                return new ClaimCheckResult([], new IngestRejection(mismatch.Code, mismatch.Zh, mismatch.En, mismatch.Field));
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

    private static ClaimCheckResult TooLarge(long size, long max) => new([], new IngestRejection(
        "records-blob-too-large",
        $"recordsBlob 大小为 {size} 字节，超过上限 {max} 字节；请分成多个 blob 发送。",
        $"The recordsBlob is {size} bytes, over the limit of {max} bytes; split it over several blobs.",
        "recordsBlob"));

    /// <summary>Counts the bytes read through it, so the cap holds however the blob's lines are cut.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return read;
        }
    }
}
