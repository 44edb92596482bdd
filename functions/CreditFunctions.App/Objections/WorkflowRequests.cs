using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CreditFunctions.App.Api;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.App.Objections;

/// <summary>Reads the JSON body of an objection or repair request, with a 400 problem when it is not the expected object.</summary>
public static class WorkflowRequests
{
    /// <summary>Reasons, statements and 20 evidence references fit easily; a corrected record is a few KiB.</summary>
    private const int MaxBodyBytes = 256 * 1024;

    public static async Task<(T? Body, Problem? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return (null, Problem.InvalidBody($"请求内容超过 {MaxBodyBytes / 1024} KiB。", $"The request body is larger than {MaxBodyBytes / 1024} KiB."));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var text = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            if (JsonSerializer.Deserialize(text, type) is { } body)
            {
                return (body, null);
            }
        }
        catch (JsonException)
        {
            // Answered below.
        }

        return (null, Problem.InvalidBody("请求内容应为 JSON 对象，字段类型须符合接口说明。", "The request body must be a JSON object whose fields have the documented types."));
    }
}
