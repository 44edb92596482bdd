using System.Text;
using System.Text.Json.Nodes;
using Azure.Core;
using Azure.Core.Pipeline;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.Integration.Tests.Objections;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>Bad input found from outside (issue "Trust", item 6), each refused clearly and none answered with a 500 or a hang.</summary>
public sealed class OutsideInputTests
{
    /// <summary>A body of <paramref name="bytes"/> bytes sent chunked: no Content-Length to check beforehand.</summary>
    private static HttpRequest Chunked(CreditApp app, string path, string principal, long bytes)
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Method = "POST";
        context.Request.Path = path;
        context.Request.Headers[ClientPrincipalReader.Header] = principal;
        context.Request.Headers.TransferEncoding = "chunked";
        context.Request.ContentType = "application/json";
        context.Request.Body = new EndlessJson(bytes);
        return context.Request;
    }

    [Theory]
    [InlineData(1L << 20)]
    [InlineData(25L << 20)]
    [InlineData(50L << 20)]
    public async Task A_chunked_screening_body_over_the_limit_is_413_body_too_large_whatever_its_size(long bytes)
    {
        await using var app = await CreditApp.StartAsync();
        var request = Chunked(app, "/api/screenings", Principals.Partner, bytes);

        var answer = HttpAnswer.Of(await app.Function<ScreeningFunction>().Run(request, CancellationToken.None));

        Assert.Equal(413, answer.Status);
        Assert.Equal("body-too-large", answer.Json.GetProperty("code").GetString());
        // Read only up to the limit, not the whole body.
        Assert.True(((EndlessJson)request.Body).Position <= 128 * 1024, $"read {((EndlessJson)request.Body).Position} bytes");
    }

    [Fact(Timeout = 60_000)]
    public async Task When_storage_hangs_a_look_up_answers_503_storage_unavailable_instead_of_waiting_for_the_client()
    {
        var hang = new HangingStorage();
        await using var app = await CreditApp.StartAsync(configure: s => s.AddSingleton<HttpPipelinePolicy>(hang));
        await IngestionPathTests.Credit(app, Subjects.NewUscc(), Principals.Partner);
        hang.Armed = true;

        var answer = await IngestionPathTests.Credit(app, Subjects.NewUscc(), Principals.Partner);

        Assert.Equal(503, answer.Status);
        Assert.Equal("storage-unavailable", answer.Json.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Eight_parallel_decisions_of_one_objection_tell_the_subject_once()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var objectionId = (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Json.GetProperty("objectionId").GetString()!;

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            DecideObjection(app, Principals.Unit(Enforcement), objectionId, new JsonObject { ["outcome"] = "upheld", ["reason"] = "事实清楚" }))));

        Assert.Single(answers, a => a.Status == 200);
        Assert.All(answers.Where(a => a.Status != 200), a => Assert.Equal(409, a.Status));
        Assert.Single(await Mailbox.About(app, QueueNames.Notifications, "objectionId", objectionId));
    }

    [Fact]
    public async Task Eight_parallel_filings_on_one_record_pass_one_objection_to_the_unit()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => FileObjection(app, Principals.Subject(unit), unit, recordId))));

        Assert.Single(answers, a => a.Status == 201);
        Assert.Single(await Mailbox.About(app, QueueNames.Objections, "recordId", recordId));
        Assert.Single(await Mailbox.About(app, QueueNames.NoticesOf(Enforcement), "recordId", recordId));
    }

    /// <summary>Table requests that never answer once armed (until the call is cancelled).</summary>
    private sealed class HangingStorage : HttpPipelinePolicy
    {
        public volatile bool Armed;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (Armed)
            {
                await Task.Delay(Timeout.Infinite, message.CancellationToken);
            }

            await ProcessNextAsync(message, pipeline);
        }
    }

    /// <summary>A JSON body that goes on for as long as asked, made up as it is read (never held whole).</summary>
    private sealed class EndlessJson(long length) : Stream
    {
        private static readonly byte[] Head = Encoding.UTF8.GetBytes("{\"business\":\"hrss-business\",\"subjects\":[");

        private long _position;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++)
            {
                var at = _position + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : (byte)(at % 21 == 0 ? ',' : '"');
            }

            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var chunk = new byte[buffer.Length];
            var n = Read(chunk, 0, chunk.Length);
            chunk.AsSpan(0, n).CopyTo(buffer.Span);
            return ValueTask.FromResult(n);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
