using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using CreditFunctions.DevHost.Tests.Samples;
using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class QueueEncodingTests
{
    [Fact]
    public async Task With_encoding_none_the_body_is_the_stored_text()
    {
        string queue = TestHost.UniqueQueue("text");
        await using TestHost host = await Start("none", "Text", "TextQueue", queue);

        await Send(queue, QueueMessageEncoding.None, "plain {\"a\":1} é✓");

        await Eventually.UntilAsync(() => host.Probe.Count("Text") == 1, "the function to run");
        Assert.Equal("plain {\"a\":1} é✓", host.Probe.Calls("Text").Single());
    }

    [Fact]
    public async Task With_encoding_base64_the_body_is_decoded_and_binding_data_is_bound()
    {
        string queue = TestHost.UniqueQueue("bytes");
        await using TestHost host = await Start("base64", "Bytes", "BytesQueue", queue);
        byte[] payload = [0, 1, 2, 0xFE, 0xFF];

        SendReceipt sent = await TestHost.Queue(queue, QueueMessageEncoding.Base64).SendMessageAsync(BinaryData.FromBytes(payload));

        await Eventually.UntilAsync(() => host.Probe.Count("Bytes") == 1, "the function to run");
        var (body, id, inserted) = ((byte[], string, DateTimeOffset))host.Probe.Calls("Bytes").Single()!;
        Assert.Equal(payload, body);
        Assert.Equal(sent.MessageId, id);
        Assert.Equal(sent.InsertionTime, inserted);
    }

    [Fact]
    public async Task Base64_text_under_encoding_none_is_passed_as_is()
    {
        string queue = TestHost.UniqueQueue("nodecode");
        await using TestHost host = await Start("none", "Text", "TextQueue", queue);

        await Send(queue, QueueMessageEncoding.Base64, "hello");

        await Eventually.UntilAsync(() => host.Probe.Count("Text") == 1, "the function to run");
        Assert.Equal(Convert.ToBase64String("hello"u8.ToArray()), host.Probe.Calls("Text").Single());
    }

    [Fact]
    public async Task A_POCO_binds_from_camelCase_JSON()
    {
        string queue = TestHost.UniqueQueue("poco");
        await using TestHost host = await Start("base64", "Poco", "PocoQueue", queue);

        await Send(queue, QueueMessageEncoding.Base64, """{"subjectId":"S-1","amount":12.5}""");

        await Eventually.UntilAsync(() => host.Probe.Count("Poco") == 1, "the function to run");
        Assert.Equal(new CreditEvent("S-1", 12.5m), host.Probe.Calls("Poco").Single());
    }

    [Fact]
    public async Task QueueMessage_and_BinaryData_bind_to_the_decoded_body()
    {
        string messages = TestHost.UniqueQueue("qm");
        string binary = TestHost.UniqueQueue("bin");
        await using TestHost host = await TestHost.StartAsync(HostJson.With("\"messageEncoding\": \"base64\""), ["Message", "Binary"],
            new Dictionary<string, string?> { ["MessageQueue"] = messages, ["BinaryQueue"] = binary });

        await Send(messages, QueueMessageEncoding.Base64, "as a QueueMessage");
        await Send(binary, QueueMessageEncoding.Base64, "as BinaryData");

        await Eventually.UntilAsync(() => host.Probe.Count("Message") == 1 && host.Probe.Count("Binary") == 1, "both functions to run");
        var message = (QueueMessage)host.Probe.Calls("Message").Single()!;
        Assert.Equal("as a QueueMessage", message.Body.ToString());
        Assert.Equal(1, message.DequeueCount);
        Assert.Equal("as BinaryData"u8.ToArray(), (byte[])host.Probe.Calls("Binary").Single()!);
    }

    private static async Task<TestHost> Start(string encoding, string function, string setting, string queue)
    {
        TestHost host = await TestHost.StartAsync(HostJson.With($"\"messageEncoding\": \"{encoding}\""), [function],
            new Dictionary<string, string?> { [setting] = queue });
        await TestHost.Queue(queue).CreateIfNotExistsAsync();
        return host;
    }

    private static async Task Send(string queue, QueueMessageEncoding encoding, string text)
    {
        QueueClient client = TestHost.Queue(queue, encoding);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(text);
    }
}
