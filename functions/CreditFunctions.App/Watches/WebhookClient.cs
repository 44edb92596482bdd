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
        // Through a proxy only the proxy's address would be checked below, not the callback's.
        UseProxy = false,
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
            var v6 = address.GetAddressBytes();
            // An IPv4 address inside an IPv6 one (NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::a.b.c.d) is
            // judged as that IPv4 address: otherwise 64:ff9b::a9fe:a9fe would reach 169.254.169.254.
            if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b && v6.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
            {
                return IsCallable(new IPAddress(v6.AsSpan(12, 4)), allowLoopback);
            }

            if (v6[0] == 0x20 && v6[1] == 0x02)
            {
                return IsCallable(new IPAddress(v6.AsSpan(2, 4)), allowLoopback);
            }

            if (v6.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
            {
                return IsCallable(new IPAddress(v6.AsSpan(12, 4)), allowLoopback);
            }

            return !(address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast || address.Equals(IPAddress.IPv6None));
        }

        var b = address.GetAddressBytes();
        return !(b[0] == 10 || b[0] == 0 || b[0] == 127 || (b[0] == 172 && b[1] is >= 16 and <= 31) || (b[0] == 192 && b[1] == 168)
                 || (b[0] == 169 && b[1] == 254) || (b[0] == 100 && b[1] is >= 64 and <= 127) || b[0] >= 224
                 || (b[0] == 192 && b[1] == 0 && b[2] == 0) || (b[0] == 198 && b[1] is 18 or 19)
                 // Azure's host endpoints (DNS, DHCP, health, the VM agent): never a partner's.
                 || (b[0] == 168 && b[1] == 63 && b[2] == 129 && b[3] == 16));
    }

    internal static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);
}
