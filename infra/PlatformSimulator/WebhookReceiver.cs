using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.PlatformSimulator;

/// <summary>
/// A partner's webhook endpoint for watches (contract v2 "Watches"): <c>POST /hooks/{name}</c> takes a callback, after the
/// hooks' own chaos (<c>POST /hooks/control</c>, the same settings as the platform's); it keeps each cursor once, the way a
/// receiver drops repeats, and counts every POST. With a secret (<c>PUT /hooks/{name}/secret</c>) it checks
/// <c>X-Credit-Signature</c> and answers 401 to a bad one, as a careful receiver would.
/// </summary>
public sealed class WebhookReceiver
{
    private readonly ConcurrentDictionary<string, Hook> _hooks = new(StringComparer.Ordinal);

    public Chaos Chaos { get; } = new(ChaosSettings.Healthy);

    public void SetSecret(string name, string secret) => HookOf(name).Secret = secret;

    public async Task<IResult> PostAsync(string name, HttpContext context, TimeProvider clock)
    {
        var hook = HookOf(name);
        Interlocked.Increment(ref hook.Posts);
        var settings = Chaos.Settings;
        if (settings.DelayMs > 0)
        {
            await Task.Delay(settings.DelayMs, context.RequestAborted);
        }

        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        var body = buffer.ToArray();
        var dice = Random.Shared.NextDouble();
        if (dice < settings.FailureRate)
        {
            Interlocked.Increment(ref hook.Failures);
            return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }

        var signature = context.Request.Headers["X-Credit-Signature"].ToString();
        bool? valid = hook.Secret is { } secret ? Verify(body, secret, signature) : null;
        if (valid == false)
        {
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        }

        JsonElement parsed;
        try
        {
            using var document = JsonDocument.Parse(body);
            parsed = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return Results.BadRequest();
        }

        var cursor = parsed.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
        lock (hook)
        {
            if (hook.Seen.Add(cursor))
            {
                hook.Callbacks.Add(new ReceivedCallback(cursor, signature.Length == 0 ? null : signature, valid, clock.GetUtcNow(), parsed));
            }
        }

        if (dice < settings.FailureRate + settings.TimeoutRate)
        {
            // Taken, but the answer never comes: the sender must send it again, and the receiver drop the repeat.
            try
            {
                await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up, as intended.
            }

            return Results.StatusCode(StatusCodes.Status504GatewayTimeout);
        }

        return Results.NoContent();
    }

    public HookLog Log(string name)
    {
        var hook = HookOf(name);
        lock (hook)
        {
            return new HookLog(name, hook.Posts, hook.Callbacks.Count, hook.Failures, [.. hook.Callbacks]);
        }
    }

    public void Clear() => _hooks.Clear();

    private Hook HookOf(string name) => _hooks.GetOrAdd(name, _ => new Hook());

    private static bool Verify(byte[] body, string secret, string header)
    {
        var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(header));
    }

    private sealed class Hook
    {
        public int Posts;
        public int Failures;

        public string? Secret { get; set; }

        public HashSet<string> Seen { get; } = new(StringComparer.Ordinal);

        public List<ReceivedCallback> Callbacks { get; } = [];
    }
}
