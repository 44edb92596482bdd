using System.Security.Cryptography;
using System.Text;
using CreditFunctions.App.Trust;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>Contract v2 claim checks: recordsBlobSha256 is checked over the blob's bytes as they are streamed.</summary>
public sealed class RecordsBlobHashTests
{
    [Fact]
    public async Task A_blob_read_line_by_line_through_the_checking_stream_matches_its_hash()
    {
        var blob = Lines(2_000);
        var expected = SHA256.HashData(blob);

        await using var checking = RecordsBlobHash.Wrap(new TrickleStream(blob, 1000), expected);
        using var reader = new StreamReader(checking, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        var lines = 0;
        while (await reader.ReadLineAsync() is not null)
        {
            lines++;
        }

        Assert.Equal(2_000, lines);
        Assert.Null(await checking.FinishAsync(CancellationToken.None));
        Assert.True(checking.ReachedEnd);
        Assert.Equal(blob.Length, checking.BytesRead);
        Assert.Equal(Convert.ToHexStringLower(expected), checking.ActualSha256);
    }

    [Fact]
    public async Task A_blob_whose_bytes_differ_is_refused_whole_with_records_blob_mismatch_naming_both_hashes()
    {
        var blob = Lines(100);
        var expected = Convert.ToHexString(SHA256.HashData(blob)); // upper case is fine
        blob[^5] ^= 1;

        Assert.True(RecordsBlobHash.TryParseExpected(expected, out var bytes, out _));
        var refusal = await RecordsBlobHash.VerifyAsync(new TrickleStream(blob, 333), bytes, CancellationToken.None);

        Assert.NotNull(refusal);
        Assert.Equal("records-blob-mismatch", refusal.Code);
        Assert.Equal("recordsBlobSha256", refusal.Field);
        Assert.Contains(expected.ToLowerInvariant(), refusal.En);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(blob)), refusal.Zh);
        Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refusal.Zh);
    }

    [Fact]
    public async Task Finishing_early_reads_the_rest_so_a_reader_that_stops_cannot_skip_tampered_bytes()
    {
        var blob = Lines(500);
        var expected = SHA256.HashData(blob);
        blob[^3] ^= 1; // a change after where the reader stops

        await using var checking = RecordsBlobHash.Wrap(new TrickleStream(blob, 64), expected);
        var first = new byte[100];
        await checking.ReadExactlyAsync(first);

        Assert.False(checking.ReachedEnd);
        Assert.Null(checking.ActualSha256);
        Assert.Equal("records-blob-mismatch", (await checking.FinishAsync(CancellationToken.None))?.Code);
    }

    [Fact]
    public void The_push_style_hasher_takes_chunks()
    {
        var blob = Lines(300);
        using var hasher = new RecordsBlobHasher(SHA256.HashData(blob));
        foreach (var chunk in blob.Chunk(777))
        {
            hasher.Append(chunk);
        }

        Assert.Null(hasher.Finish());
        Assert.Equal(blob.Length, hasher.Length);
        Assert.Throws<ObjectDisposedException>(() => hasher.Append([1]));

        using var empty = new RecordsBlobHasher(SHA256.HashData(blob));
        Assert.Equal("records-blob-mismatch", empty.Finish()?.Code);
    }

    [Theory]
    [InlineData(null, "missing-field")]
    [InlineData("", "missing-field")]
    [InlineData("abc", "invalid-field")]
    [InlineData("zz2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b98", "invalid-field")]
    [InlineData(" 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", "invalid-field")]
    public void A_missing_or_malformed_recordsBlobSha256_is_refused_naming_the_field(string? hex, string code)
    {
        Assert.False(RecordsBlobHash.TryParseExpected(hex, out _, out var problem));
        Assert.Equal(code, problem!.Code);
        Assert.Equal("recordsBlobSha256", problem.Field);
        Assert.Contains("recordsBlobSha256", problem.En);
        Assert.Contains("recordsBlobSha256", problem.Zh);
    }

    private static byte[] Lines(int count) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, count).Select(i =>
            $$"""{"sourceRecordId":"(2024)沪01执{{i}}号","version":1,"action":"upsert","kind":"court-dishonest-debtor"}""" + "\n")));

    /// <summary>A non-seekable stream that hands out at most a few bytes a read, as a network stream does.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunk), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
