using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.App.Api.Routes;

/// <summary>
/// The one reader of request bodies: it stops reading once the route's limit is passed, whatever the framing (a
/// chunked body has no Content-Length to check), so a huge body costs at most the limit in memory; the problems
/// are <c>body-too-large</c> (413) and <c>invalid-json</c> (400) for every route.
/// </summary>
public static class RequestBody
{
    public static async Task<(T? Body, Problem? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentLength is { } declared && declared > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        var buffer = ArrayPool<byte>.Shared.Rent(Math.Min(maxBytes + 1, 64 * 1024));
        try
        {
            using var kept = new MemoryStream();
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (kept.Length + read > maxBytes)
                {
                    return (null, TooLarge(maxBytes));
                }

                kept.Write(buffer, 0, read);
            }

            try
            {
                if (kept.Length > 0 && JsonSerializer.Deserialize(new ReadOnlySpan<byte>(kept.GetBuffer(), 0, (int)kept.Length), type) is { } body)
                {
                    return (body, null);
                }
            }
            catch (JsonException)
            {
                // The exception's message may quote the body (ID numbers): it is neither logged nor returned.
            }

            return (null, InvalidJson());
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static Problem TooLarge(int maxBytes) => new(413, "body-too-large", "请求内容过大", "Request body too large",
        $"该接口的请求内容最多 {maxBytes / 1024} KiB。", $"This route takes a body of at most {maxBytes / 1024} KiB.");

    public static Problem InvalidJson() => new(400, "invalid-json", "请求内容无效", "Invalid request body",
        "请求内容应为 JSON 对象，字段类型须符合接口说明（/api/docs）。", "The request body must be a JSON object whose fields have the documented types (/api/docs).");
}
