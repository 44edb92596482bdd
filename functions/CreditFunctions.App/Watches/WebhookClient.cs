using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Watches;

/// <summary>What one callback came to: acknowledged (2xx), or why not.</summary>
public readonly record struct CallbackResult(bool Acknowledged, string? Failure);

/// <summary>
/// Posts one change to a watch's callback URL, signed (<see cref="WebhookSignature"/>). It never throws for the receiver's
/// sake: a timeout, a refused connection or any status but 2xx is a failed attempt retried with backoff. Redirects are
/// not followed and, outside local development, only public addresses are called (checked on the address actually
/// connected to), so a callback URL cannot point the register at its own network.
/// </summary>
public sealed class WebhookClient(IHttpClientFactory httpClients, IOptions<WatchOptions> options)
{
    public const string HttpClientName = "watch-callbacks";

    public async Task<CallbackResult> PostAsync(string url, string watchId, string cursor, byte[] body, string secret, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CallbackTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(body, secret));
            request.Headers.Add("X-Credit-Watch-Id", watchId);
            request.Headers.Add("X-Credit-Cursor", cursor);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode ? new(true, null) : new(false, $"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(false, $"no answer within {options.Value.CallbackTimeout}");
        }
        catch (HttpRequestException e)
        {
            return new(false, e.Message);
        }
    }

    /// <summary>The handler of the callbacks' client: no redirects, and connections only to addresses a callback may reach.</summary>
    public static SocketsHttpHandler Handler(bool allowLoopback) => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = async (context, token) =>
        {
            var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, token);
            var allowed = addresses.Where(a => IsCallable(a, allowLoopback)).ToArray();
            if (allowed.Length == 0)
            {
                throw new HttpRequestException($"'{context.DnsEndPoint.Host}' has no public address a callback may reach");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    /// <summary>Public unicast addresses; loopback only when allowed (local development). Never private, link-local or unspecified ones.</summary>
    public static bool IsCallable(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return allowLoopback;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None));
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224);
    }

    internal static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
