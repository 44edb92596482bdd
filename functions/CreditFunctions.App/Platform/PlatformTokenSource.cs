using Azure.Core;
using Microsoft.Extensions.Options;

namespace CreditFunctions.App.Platform;

/// <summary>
/// The bearer token for the platform's API: in Azure the app's managed identity (DefaultAzureCredential) for the
/// configured <c>Platform__Scope</c>; locally, with no scope, none. Kept until shortly before it expires so a
/// burst of pushes asks the identity endpoint once, not once per event.
/// </summary>
public sealed class PlatformTokenSource(TokenCredential credential, IOptions<PlatformOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    // A reference, published whole: a Nullable<AccessToken> read outside the gate could be torn by a writer.
    private volatile CachedToken? _token;

    public async ValueTask<string?> GetAsync(CancellationToken cancellationToken)
    {
        var scope = options.Value.Scope;
        if (string.IsNullOrWhiteSpace(scope))
        {
            return null;
        }

        if (_token is { } cached && cached.ExpiresOn - RefreshMargin > clock.GetUtcNow())
        {
            return cached.Token;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_token is { } again && again.ExpiresOn - RefreshMargin > clock.GetUtcNow())
            {
                return again.Token;
            }

            var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
            _token = new CachedToken(token.Token, token.ExpiresOn);
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private sealed record CachedToken(string Token, DateTimeOffset ExpiresOn);
}
