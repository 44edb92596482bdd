namespace CreditFunctions.App.Watches;

/// <summary>
/// Which callback URLs a watch may name: absolute https with a host, no user info, no fragment. Plain http only to the
/// loopback address and only when <see cref="WatchOptions.AllowLoopbackHttp"/> says this is local development, so a
/// partner's change feed never travels in clear.
/// </summary>
public static class CallbackUrls
{
    public const int MaxLength = 2000;

    public static bool IsAcceptable(string? url, bool allowLoopbackHttp)
    {
        if (url is null || url.Length > MaxLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0 || string.IsNullOrEmpty(uri.Host))
        {
            return false;
        }

        if (uri.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        return uri.Scheme == Uri.UriSchemeHttp && allowLoopbackHttp && uri.IsLoopback;
    }
}
