using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Platform;

/// <summary>What one POST to the platform came to: acknowledged (2xx, or 409 "already had"), or why not.</summary>
public readonly record struct PushResult(bool Acknowledged, string? Failure)
{
    public static readonly PushResult Ack = new(true, null);

    public static PushResult Failed(string why) => new(false, why);
}

/// <summary>
/// Posts one event to <c>{Platform__BaseUrl}/credit-events</c> (contract "The platform"). It never throws for the
/// platform's sake: a timeout, no connection or any other status is a failed attempt the caller retries.
/// </summary>
public sealed class PlatformClient(IHttpClientFactory httpClients, PlatformTokenSource tokens, IOptions<PlatformOptions> options)
{
    public const string HttpClientName = "credit-platform";

    /// <param name="eventJson">The event as stored in the outbox row: the contract's JSON, posted as is.</param>
    public async Task<PushResult> PostAsync(string eventJson, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.BaseUrl))
        {
            // Retried like any failure: fixing the setting delivers everything that waited.
            return PushResult.Failed("Platform__BaseUrl is not set");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, settings.BaseUrl.TrimEnd('/') + "/credit-events")
            {
                Content = new StringContent(eventJson, Encoding.UTF8, "application/json"),
            };
            if (await tokens.GetAsync(timeout.Token) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await httpClients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict
                ? PushResult.Ack
                : PushResult.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return PushResult.Failed($"no answer within {settings.Timeout}");
        }
        catch (HttpRequestException e)
        {
            return PushResult.Failed(e.Message);
        }
        catch (Azure.Identity.AuthenticationFailedException e)
        {
            return PushResult.Failed("no token: " + e.Message);
        }
    }
}
