using System.Security.Cryptography;

namespace CreditFunctions.App.Watches;

/// <summary>
/// The callback's signature (contract v2 "Watches"): <c>X-Credit-Signature: sha256=&lt;hex HMAC-SHA256 of the body with the
/// watch's secret&gt;</c>. A receiver computes the same over the bytes it got and compares in constant time.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-Credit-Signature";

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Of(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret), body));

    public static bool Verify(ReadOnlySpan<byte> body, string secret, string? header) =>
        header is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Of(body, secret)), System.Text.Encoding.ASCII.GetBytes(header));
}
