using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace CreditFunctions.SourceKeys;

/// <summary>
/// Makes the messages of contract v2 "Proving the sender": an envelope as a JWS in the flattened JSON serialization
/// (RFC 7515 §7.2.2), protected header <c>{"alg":"ES256","kid":…}</c>, payload the envelope's bytes as given.
/// </summary>
public static class MessageSigner
{
    /// <summary>The envelope (UTF-8 JSON text) signed with <paramref name="key"/>.</summary>
    public static string Sign(SigningKey key, string envelope) => Sign(key, Encoding.UTF8.GetBytes(envelope));

    /// <summary>The envelope's bytes, exactly, signed with <paramref name="key"/>.</summary>
    public static string Sign(SigningKey key, ReadOnlySpan<byte> envelope) =>
        SignWithHeader(key, ProtectedHeader(key.Kid), envelope);

    /// <summary>
    /// Any protected header (as JSON text) and payload, ES256-signed with <paramref name="key"/> whatever the header
    /// says: tests use it to claim another alg or kid, or leave the kid out.
    /// </summary>
    public static string SignWithHeader(SigningKey key, string protectedHeaderJson, ReadOnlySpan<byte> payload)
    {
        var protectedPart = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(protectedHeaderJson));
        var payloadPart = Base64Url.EncodeToString(payload);
        var signature = key.SignRaw(Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return Flattened(protectedPart, payloadPart, Base64Url.EncodeToString(signature));
    }

    /// <summary>The standard protected header: <c>{"alg":"ES256","kid":kid}</c>.</summary>
    public static string ProtectedHeader(string kid, string alg = "ES256") =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["alg"] = alg, ["kid"] = kid });

    /// <summary>The flattened JSON serialization of three base64url parts, one line.</summary>
    public static string Flattened(string protectedPart, string payloadPart, string signaturePart) =>
        JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["protected"] = protectedPart, ["payload"] = payloadPart, ["signature"] = signaturePart,
        });

    /// <summary>A JWK Set (RFC 7517 §5) of the keys' public halves: the content of a <c>{unit}.jwks.json</c>.</summary>
    public static string Jwks(params IEnumerable<SigningKey> keys)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("keys");
            foreach (var key in keys)
            {
                key.WriteTo(writer, includePrivate: false);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }
}
