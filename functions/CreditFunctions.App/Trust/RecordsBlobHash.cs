using System.Security.Cryptography;

namespace CreditFunctions.App.Trust;

/// <summary>
/// Claim checks of signed envelopes (contract v2): the envelope's <c>recordsBlobSha256</c> is the hex SHA-256 of the
/// blob's bytes, and a blob whose hash differs is refused whole with <c>records-blob-mismatch</c>. The blob is
/// streamed: hash it as it is read (<see cref="RecordsBlobHasher"/>, or the read-through
/// <see cref="Sha256CheckingStream"/>), and take no record of it before the hash at its end has matched.
/// </summary>
public static class RecordsBlobHash
{
    /// <summary>The envelope's field.</summary>
    public const string Field = "recordsBlobSha256";

    /// <summary>
    /// Reads the envelope's <c>recordsBlobSha256</c>: 64 hex digits (either case). A missing one is
    /// <c>missing-field</c>, a malformed one <c>invalid-field</c>, both naming the field.
    /// </summary>
    public static bool TryParseExpected(string? hex, out byte[] expected, out TrustRefusal? problem)
    {
        expected = [];
        problem = null;
        if (string.IsNullOrWhiteSpace(hex))
        {
            problem = new TrustRefusal(
                TrustCodes.MissingField, SenderChecks.RecordsBlobHashMissing,
                "已签名的消息使用 recordsBlob 时必须同时给出 recordsBlobSha256（blob 内容的 SHA-256，十六进制）。",
                "A signed message that uses recordsBlob must also give recordsBlobSha256 (the hex SHA-256 of the blob's bytes).",
                Field);
            return false;
        }

        if (hex.Length != SHA256.HashSizeInBytes * 2 || !hex.All(Uri.IsHexDigit))
        {
            problem = new TrustRefusal(
                TrustCodes.InvalidField, SenderChecks.RecordsBlobHashMalformed,
                "recordsBlobSha256 应为 64 位十六进制数字（SHA-256）。",
                "recordsBlobSha256 must be 64 hex digits (a SHA-256).",
                Field);
            return false;
        }

        expected = Convert.FromHexString(hex);
        return true;
    }

    /// <summary>The refusal of a blob whose hash is not the expected one.</summary>
    public static TrustRefusal Mismatch(string expectedHex, string actualHex) => new(
        TrustCodes.RecordsBlobMismatch, SenderChecks.RecordsBlobHashDiffers,
        $"recordsBlob 内容的 SHA-256 为 {actualHex}，与消息中的 recordsBlobSha256（{expectedHex.ToLowerInvariant()}）不符；整个 blob 不予接收。",
        $"The SHA-256 of the recordsBlob's bytes is {actualHex}, not the message's recordsBlobSha256 ({expectedHex.ToLowerInvariant()}); the whole blob is refused.",
        Field);

    /// <summary>A read-only stream over <paramref name="blob"/> that hashes what is read; see <see cref="Sha256CheckingStream"/>.</summary>
    public static Sha256CheckingStream Wrap(Stream blob, byte[] expected, bool leaveOpen = false) => new(blob, expected, leaveOpen);

    /// <summary>Reads <paramref name="blob"/> to its end and compares: null when it matches, else the refusal.</summary>
    public static async Task<TrustRefusal?> VerifyAsync(Stream blob, byte[] expected, CancellationToken cancellationToken)
    {
        await using var checking = new Sha256CheckingStream(blob, expected, leaveOpen: true);
        return await checking.FinishAsync(cancellationToken);
    }
}

/// <summary>
/// Push-style hashing of a blob: <see cref="Append"/> each chunk as it arrives, then <see cref="Finish"/>.
/// One per blob; not thread-safe (one reader appends).
/// </summary>
public sealed class RecordsBlobHasher(byte[] expected) : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _expected = expected.Length == SHA256.HashSizeInBytes
        ? (byte[])expected.Clone()
        : throw new ArgumentException("A SHA-256 is 32 bytes.", nameof(expected));
    private string? _actual;

    /// <summary>The bytes hashed so far.</summary>
    public long Length { get; private set; }

    public void Append(ReadOnlySpan<byte> chunk)
    {
        ObjectDisposedException.ThrowIf(_actual is not null, this);
        _hash.AppendData(chunk);
        Length += chunk.Length;
    }

    /// <summary>Ends the blob: null when its hash is the expected one, else the <c>records-blob-mismatch</c> refusal.</summary>
    public TrustRefusal? Finish()
    {
        var actual = _hash.GetHashAndReset();
        _actual = Convert.ToHexStringLower(actual);
        return CryptographicOperations.FixedTimeEquals(actual, _expected)
            ? null
            : RecordsBlobHash.Mismatch(Convert.ToHexStringLower(_expected), _actual);
    }

    /// <summary>The blob's SHA-256 (hex), once finished.</summary>
    public string? ActualSha256 => _actual;

    public void Dispose() => _hash.Dispose();
}

/// <summary>
/// A read-only, forward-only stream over a blob that hashes every byte read. Parse the records from it as usual (e.g.
/// line by line), then call <see cref="FinishAsync"/>: it reads whatever is left, so the whole blob is hashed, and
/// says whether it matched. Until then no record read from it is proven.
/// </summary>
public sealed class Sha256CheckingStream : Stream
{
    private readonly Stream _inner;
    private readonly bool _leaveOpen;
    private readonly RecordsBlobHasher _hasher;
    private TrustRefusal? _result;

    internal Sha256CheckingStream(Stream inner, byte[] expected, bool leaveOpen)
    {
        _inner = inner;
        _leaveOpen = leaveOpen;
        _hasher = new RecordsBlobHasher(expected);
    }

    /// <summary>Whether the end of the blob was reached (and so the hash is known).</summary>
    public bool ReachedEnd { get; private set; }

    /// <summary>The blob's SHA-256 (hex), once the end was reached.</summary>
    public string? ActualSha256 => _hasher.ActualSha256;

    /// <summary>The bytes read so far.</summary>
    public long BytesRead => _hasher.Length;

    /// <summary>
    /// Reads the rest of the blob (if any) and compares: null when the whole blob's SHA-256 is the expected one, else
    /// the <c>records-blob-mismatch</c> refusal.
    /// </summary>
    public async ValueTask<TrustRefusal?> FinishAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        while (!ReachedEnd && await ReadAsync(buffer, cancellationToken) >= 0)
        {
            // Each read hashes what it got; the read that returns 0 ends the blob.
        }

        return _result;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer) => Seen(buffer, _inner.Read(buffer), buffer.Length);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _inner.ReadAsync(buffer, cancellationToken);
        return Seen(buffer.Span, read, buffer.Length);
    }

    private int Seen(ReadOnlySpan<byte> buffer, int read, int asked)
    {
        if (ReachedEnd)
        {
            return 0;
        }

        if (read > 0)
        {
            _hasher.Append(buffer[..read]);
        }
        else if (asked > 0)
        {
            ReachedEnd = true;
            _result = _hasher.Finish();
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hasher.Dispose();
            if (!_leaveOpen)
            {
                _inner.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        _hasher.Dispose();
        if (!_leaveOpen)
        {
            await _inner.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
