using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditFunctions.App.Api.Routes;

/// <summary>What a route's handler answers: a JSON value, a problem, or a document; <see cref="ApiGateway"/> writes it.</summary>
public sealed class ApiAnswer
{
    private readonly Func<HttpRequest, IActionResult> _write;

    private ApiAnswer(Func<HttpRequest, IActionResult> write) => _write = write;

    public static ApiAnswer Json<T>(T value, JsonTypeInfo<T> type, int status = StatusCodes.Status200OK) =>
        new(_ => ApiResults.Json(value, type, status));

    public static ApiAnswer NoContent() => new(_ => new StatusCodeResult(StatusCodes.Status204NoContent));

    public static ApiAnswer Of(Problem problem) => new(request => ApiResults.Problem(problem, request));

    public static ApiAnswer Content(string content, string contentType, int status = StatusCodes.Status200OK) =>
        new(_ => new ContentResult { Content = content, ContentType = contentType, StatusCode = status });

    /// <summary>A document served as stored (the docs page, its script, the AsyncAPI document), with its own headers.</summary>
    public static ApiAnswer Document(
        ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string>? headers = null, int status = StatusCodes.Status200OK) =>
        new(_ => new DocumentResult(content, contentType, headers ?? new Dictionary<string, string>(), status));

    /// <summary>A 302 to <paramref name="location"/> (the console sends a browser with nobody signed in to sign in).</summary>
    public static ApiAnswer Redirect(string location) => new(_ => new RedirectResult(location, permanent: false));

    public static implicit operator ApiAnswer(Problem problem) => Of(problem);

    internal IActionResult Write(HttpRequest request) => _write(request);
}

/// <summary>A call the gateway let through: who is calling (authenticated on secured routes), on which route.</summary>
public sealed record ApiCall(HttpRequest Request, ApiRoute Route, Caller Caller)
{
    public string Query(string name) => Request.Query[name].ToString();
}

/// <summary>
/// Bytes with a content type and headers (a ContentResult cannot carry headers, and the page's Content-Security-Policy
/// must travel with it). The bytes are the app's own, encoded once, not re-encoded on every request.
/// </summary>
public sealed class DocumentResult(
    ReadOnlyMemory<byte> content, string contentType, IReadOnlyDictionary<string, string> headers, int status = StatusCodes.Status200OK) : IActionResult
{
    public int Status => status;

    public ReadOnlyMemory<byte> Content => content;

    public string ContentType => contentType;

    public IReadOnlyDictionary<string, string> Headers => headers;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        await response.Body.WriteAsync(content, context.HttpContext.RequestAborted);
    }
}
