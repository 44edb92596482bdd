using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.Trust;

/// <summary>Settings of the proof of sender.</summary>
public sealed class SenderProofOptions
{
    /// <summary>The configuration key: comma-separated unit codes (env <c>Ingest__UnsignedSources</c>).</summary>
    public const string UnsignedSourcesKey = "Ingest:UnsignedSources";

    public SenderProofOptions(IEnumerable<string>? unsignedSources = null) =>
        UnsignedSources = (unsignedSources ?? []).Select(s => s.Trim()).Where(s => s.Length > 0).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Sources whose unsigned envelopes are still taken during the transition (default: none).</summary>
    public FrozenSet<string> UnsignedSources { get; }

    /// <summary>From <c>Ingest:UnsignedSources</c>.</summary>
    public static SenderProofOptions FromConfiguration(IConfiguration configuration) => Parse(configuration[UnsignedSourcesKey]);

    /// <summary>From a comma-separated list of unit codes (null or empty: none).</summary>
    public static SenderProofOptions Parse(string? commaSeparated) =>
        new((commaSeparated ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>What <see cref="SignedMessageVerifier.Verify(string)"/> found.</summary>
public enum SenderProofOutcome
{
    /// <summary>A valid ES256 signature of a key of the envelope's source.</summary>
    Verified,

    /// <summary>An unsigned envelope of a source listed in <c>Ingest:UnsignedSources</c>: taken, to be marked unsigned in history.</summary>
    AcceptedUnsigned,

    /// <summary>The message is not JSON: the caller rejects it as <c>invalid-json</c> (the contract's first check).</summary>
    NotJson,

    /// <summary>JSON, but no proof of its source: <see cref="SenderProof.Refusal"/> says which check failed.</summary>
    Refused,
}

/// <summary>
/// The proof of a message's sender. When accepted, <see cref="Payload"/> is the envelope (UTF-8 JSON) to run the
/// version 1 checks on, and <see cref="Unit"/> its source; history keeps <see cref="Kid"/> and
/// <see cref="MessageSha256"/> (contract v2: who asserted each version), or marks the version unsigned.
/// </summary>
public sealed class SenderProof
{
    private SenderProof(SenderProofOutcome outcome, string messageSha256)
    {
        Outcome = outcome;
        MessageSha256 = messageSha256;
    }

    public SenderProofOutcome Outcome { get; }

    /// <summary>Whether the envelope may go on to the version 1 checks.</summary>
    public bool IsAccepted => Outcome is SenderProofOutcome.Verified or SenderProofOutcome.AcceptedUnsigned;

    /// <summary>Taken unsigned (<c>Ingest:UnsignedSources</c>): history marks the records as unsigned.</summary>
    public bool Unsigned => Outcome == SenderProofOutcome.AcceptedUnsigned;

    /// <summary>SHA-256 (lower-case hex) of the whole message as received (its UTF-8 bytes), whatever the outcome.</summary>
    public string MessageSha256 { get; }

    /// <summary>The key that signed it (null when unsigned or refused).</summary>
    public string? Kid { get; private init; }

    /// <summary>The envelope's source, proven (the kid's unit), or the unsigned source taken; null when refused.</summary>
    public string? Unit { get; private init; }

    /// <summary>The envelope, UTF-8 JSON: the JWS payload decoded, or the unsigned message itself. Empty when not accepted.</summary>
    public ReadOnlyMemory<byte> Payload { get; private init; }

    /// <summary>Why it was refused (code <c>unauthenticated-source</c>), or null.</summary>
    public TrustRefusal? Refusal { get; private init; }

    /// <summary>The JSON parser's message when <see cref="Outcome"/> is <see cref="SenderProofOutcome.NotJson"/>.</summary>
    public string? JsonError { get; private init; }

    /// <summary>The envelope as text.</summary>
    public string GetPayloadText() => Encoding.UTF8.GetString(Payload.Span);

    internal static SenderProof Verified(string hash, string kid, string unit, byte[] payload) =>
        new(SenderProofOutcome.Verified, hash) { Kid = kid, Unit = unit, Payload = payload };

    internal static SenderProof AcceptedUnsigned(string hash, string unit, ReadOnlyMemory<byte> message) =>
        new(SenderProofOutcome.AcceptedUnsigned, hash) { Unit = unit, Payload = message };

    internal static SenderProof NotJson(string hash, string error) => new(SenderProofOutcome.NotJson, hash) { JsonError = error };

    internal static SenderProof Refused(string hash, TrustRefusal refusal) => new(SenderProofOutcome.Refused, hash) { Refusal = refusal };
}

/// <summary>
/// Proves the sender of a <c>credit-ingest</c> or <c>credit-subjects</c> message (contract v2 "Proving the sender",
/// art12). A message is a JWS in the flattened JSON serialization (RFC 7515 §7.2.2) whose protected header has
/// <c>alg</c> ES256 and a <c>kid</c> of the registry; the signature is checked with that key over the parts exactly as
/// received, and only then is the payload read, and its <c>source</c> must be the kid's unit. In order: not JSON →
/// <see cref="SenderProofOutcome.NotJson"/> (the caller's <c>invalid-json</c>); not a flattened JWS, protected header
/// unreadable, alg not ES256, kid missing or unknown, signature not valid, payload unreadable, kid of another unit
/// than the source → <c>unauthenticated-source</c> naming the check. An unsigned envelope (a JSON object with
/// <c>schema</c>) is refused too, unless its source is in <c>Ingest:UnsignedSources</c>.
/// Stateless and thread-safe: each call reads the key set in force once.
/// </summary>
public sealed class SignedMessageVerifier(ISourceKeys keys, SenderProofOptions options)
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 64 };

    /// <summary>Verifies a queue message's text (its UTF-8 bytes are what is hashed).</summary>
    public SenderProof Verify(string message) => Verify(Encoding.UTF8.GetBytes(message));

    /// <summary>Verifies a queue message's bytes (UTF-8).</summary>
    public SenderProof Verify(ReadOnlyMemory<byte> message)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(message.Span));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message, Strict);
        }
        catch (JsonException e)
        {
            return SenderProof.NotJson(hash, e.Message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Refuse(hash, NotFlattened($"顶层是 {Kind(root)}，不是对象", $"the top level is {Kind(root)}, not an object"));
            }

            if (DuplicateMember(root) is { } duplicate)
            {
                return Refuse(hash, NotFlattened($"成员“{duplicate}”出现了两次", $"the member '{duplicate}' appears twice"));
            }

            var looksSigned = root.TryGetProperty("protected", out _) || root.TryGetProperty("payload", out _)
                || root.TryGetProperty("signature", out _) || root.TryGetProperty("signatures", out _);
            if (!looksSigned && root.TryGetProperty("schema", out _))
            {
                return Unsigned(hash, root, message);
            }

            return VerifyJws(hash, root);
        }
    }

    private SenderProof Unsigned(string hash, JsonElement root, ReadOnlyMemory<byte> message)
    {
        var source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        if (source is not null && options.UnsignedSources.Contains(source))
        {
            return SenderProof.AcceptedUnsigned(hash, source, message);
        }

        var who = source is null ? "(none)" : Shorten(source);
        return Refuse(hash, new TrustRefusal(
            TrustCodes.UnauthenticatedSource, SenderChecks.Unsigned,
            $"消息未签名：来源“{who}”的消息必须以该单位登记的密钥签名（扁平 JSON 序列化的 JWS，ES256）。",
            $"The message is unsigned: messages from source '{who}' must be signed with a registered key of that unit (a flattened JSON JWS, ES256)."));
    }

    private SenderProof VerifyJws(string hash, JsonElement root)
    {
        if (root.TryGetProperty("signatures", out _))
        {
            return Refuse(hash, NotFlattened("这是通用 JSON 序列化（signatures 数组），只接受扁平序列化", "this is the general JSON serialization (a signatures array); only the flattened one is accepted"));
        }

        if (!IsString(root, "protected", out var protectedElement) || !IsString(root, "payload", out var payloadElement)
            || !IsString(root, "signature", out var signatureElement))
        {
            return Refuse(hash, NotFlattened("protected、payload、signature 须为三个字符串成员", "protected, payload and signature must be three string members"));
        }

        // The signing input is ASCII(protected || '.' || payload), the parts exactly as received (RFC 7515 §5.2),
        // copied once from the message's bytes; the parts are then read from it.
        var signingInput = SigningInput(protectedElement, payloadElement, out var protectedLength);
        var protectedPart = signingInput.AsSpan(0, protectedLength);
        var payloadPart = signingInput.AsSpan(protectedLength + 1);

        // The protected header: base64url of a JSON object with alg and kid.
        if (Decode(protectedPart) is not { } headerBytes)
        {
            return Refuse(hash, HeaderUnreadable("不是 base64url 编码", "it is not base64url"));
        }

        string? alg, kid;
        try
        {
            using var header = JsonDocument.Parse(headerBytes, Strict);
            var h = header.RootElement;
            if (h.ValueKind != JsonValueKind.Object)
            {
                return Refuse(hash, HeaderUnreadable("不是 JSON 对象", "it is not a JSON object"));
            }

            if (DuplicateMember(h) is { } duplicate)
            {
                return Refuse(hash, HeaderUnreadable($"成员“{duplicate}”出现了两次", $"the member '{duplicate}' appears twice"));
            }

            if (h.TryGetProperty("crit", out _))
            {
                // RFC 7515 §4.1.11: extensions we do not understand (e.g. b64, RFC 7797) make the JWS invalid.
                return Refuse(hash, HeaderUnreadable("含不支持的 crit 扩展", "it names crit extensions, which are not supported"));
            }

            alg = h.TryGetProperty("alg", out var a) ? (a.ValueKind == JsonValueKind.String ? a.GetString() : a.GetRawText()) : null;
            kid = h.TryGetProperty("kid", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString() : null;
        }
        catch (JsonException)
        {
            return Refuse(hash, HeaderUnreadable("不是有效的 JSON", "it is not valid JSON"));
        }

        if (alg != SourceKeySet.Algorithm)
        {
            var shown = alg is null ? "(none given)" : Shorten(alg);
            return Refuse(hash, new TrustRefusal(
                TrustCodes.UnauthenticatedSource, SenderChecks.AlgNotEs256,
                $"签名算法（alg）为“{shown}”；只接受 ES256。",
                $"The signature algorithm (alg) is '{shown}'; only ES256 is accepted."));
        }

        if (string.IsNullOrEmpty(kid))
        {
            var unprotected = root.TryGetProperty("header", out var u) && u.ValueKind == JsonValueKind.Object && u.TryGetProperty("kid", out _);
            return Refuse(hash, new TrustRefusal(
                TrustCodes.UnauthenticatedSource, SenderChecks.KidMissing,
                $"受保护头中没有 kid（应为“单位代码#密钥名”）{(unprotected ? "；未受保护头中的 kid 不被接受" : "")}。",
                $"The protected header has no kid (expected '{{unit code}}#{{key name}}'){(unprotected ? "; a kid in the unprotected header is not accepted" : "")}."));
        }

        var key = keys.Current.Find(kid);
        if (key is null)
        {
            var shown = Shorten(kid);
            return Refuse(hash, new TrustRefusal(
                TrustCodes.UnauthenticatedSource, SenderChecks.KidUnknown,
                $"密钥“{shown}”不在密钥登记中（未登记、已撤下或拼写有误）。",
                $"The key '{shown}' is not in the key registry (never registered, removed, or misspelt)."));
        }

        var signature = Decode(Utf8(signatureElement));
        if (signature is null || !Base64UrlAlphabet(payloadPart) || !key.Verify(signingInput, signature))
        {
            var form = signature is not null && signature.Length != SourceKeySet.Es256SignatureBytes
                ? ($"（ES256 签名为 64 字节 R||S，此处为 {signature.Length} 字节）", $" (an ES256 signature is 64 bytes, R||S; this one is {signature.Length})")
                : ("", "");
            return Refuse(hash, new TrustRefusal(
                TrustCodes.UnauthenticatedSource, SenderChecks.SignatureInvalid,
                $"签名与密钥“{key.Kid}”不符{form.Item1}：消息在签名后被改动，或是用其他密钥签的。",
                $"The signature does not verify with the key '{key.Kid}'{form.Item2}: the message was changed after signing, or signed with another key."));
        }

        // Signed by the kid's key: now the envelope inside, whose source must be the kid's unit.
        if (Decode(payloadPart) is not { } payload)
        {
            return Refuse(hash, PayloadUnreadable("不是 base64url 编码", "it is not base64url"));
        }

        if (EnvelopeSource(payload) is { } unreadable)
        {
            return Refuse(hash, unreadable);
        }

        var source = SourceOf(payload);

        if (source != key.Unit)
        {
            var shown = source is null ? "(none)" : Shorten(source);
            return Refuse(hash, new TrustRefusal(
                TrustCodes.UnauthenticatedSource, SenderChecks.KidUnitNotSource,
                $"密钥“{key.Kid}”属于单位 {key.Unit}，而消息的 source 是“{shown}”；单位只能用自己的密钥签名。",
                $"The key '{key.Kid}' belongs to {key.Unit}, but the message's source is '{shown}'; a unit signs with its own keys only."));
        }

        return SenderProof.Verified(hash, key.Kid, key.Unit, payload);
    }

    private static byte[] SigningInput(JsonElement protectedElement, JsonElement payloadElement, out int protectedLength)
    {
        var protectedPart = Utf8(protectedElement);
        var payloadPart = Utf8(payloadElement);
        var input = new byte[protectedPart.Length + 1 + payloadPart.Length];
        protectedPart.CopyTo(input);
        input[protectedPart.Length] = (byte)'.';
        payloadPart.CopyTo(input.AsSpan(protectedPart.Length + 1));
        protectedLength = protectedPart.Length;
        return input;
    }

    /// <summary>
    /// A string member's value as UTF-8 bytes without copying the message (the raw JSON between the quotes); one
    /// with escapes (never needed in base64url, but valid JSON) is unescaped.
    /// </summary>
    private static ReadOnlySpan<byte> Utf8(JsonElement element)
    {
        var raw = JsonMarshal.GetRawUtf8Value(element);
        raw = raw[1..^1];
        return raw.Contains((byte)'\\') ? Encoding.UTF8.GetBytes(element.GetString()!) : raw;
    }

    /// <summary>
    /// Reads the envelope's top level (without building a document: the caller parses it again for the version 1
    /// checks): null when it is a JSON object with each member once, else why not.
    /// </summary>
    private static TrustRefusal? EnvelopeSource(byte[] payload)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = Strict.MaxDepth });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return PayloadUnreadable("不是 JSON 对象", "it is not a JSON object");
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                if (!names.Add(name))
                {
                    return PayloadUnreadable($"成员“{Shorten(name)}”出现了两次", $"the member '{Shorten(name)}' appears twice");
                }

                reader.Read();
                reader.Skip();
            }

            if (reader.Read())
            {
                return PayloadUnreadable("对象之后还有内容", "there is more after the object");
            }

            return null;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return PayloadUnreadable("不是有效的 UTF-8 JSON", "it is not valid UTF-8 JSON");
        }
    }

    /// <summary>The top-level <c>source</c> of an envelope <see cref="EnvelopeSource"/> has read, when it is a string.</summary>
    private static string? SourceOf(byte[] payload)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = Strict.MaxDepth });
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isSource = reader.ValueTextEquals("source"u8);
            reader.Read();
            if (isSource)
            {
                return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }

            reader.Skip();
        }

        return null;
    }

    private static SenderProof Refuse(string hash, TrustRefusal refusal) => SenderProof.Refused(hash, refusal);

    private static TrustRefusal NotFlattened(string zh, string en) => new(
        TrustCodes.UnauthenticatedSource, SenderChecks.NotFlattenedJws,
        $"消息不是扁平 JSON 序列化的 JWS（RFC 7515 §7.2.2）：{zh}。",
        $"The message is not a JWS in the flattened JSON serialization (RFC 7515 §7.2.2): {en}.");

    private static TrustRefusal HeaderUnreadable(string zh, string en) => new(
        TrustCodes.UnauthenticatedSource, SenderChecks.ProtectedHeaderUnreadable,
        $"JWS 受保护头（protected）无法读取：{zh}。",
        $"The JWS protected header cannot be read: {en}.");

    private static TrustRefusal PayloadUnreadable(string zh, string en) => new(
        TrustCodes.UnauthenticatedSource, SenderChecks.PayloadUnreadable,
        $"已签名的内容（payload）无法读取，无法确认其 source：{zh}。",
        $"The signed payload cannot be read, so its source cannot be confirmed: {en}.");

    private static bool IsString(JsonElement root, string name, out JsonElement value) =>
        root.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.String;

    private static readonly SearchValues<byte> Base64UrlBytes =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"u8);

    /// <summary>Strict base64url (RFC 7515 §2: no padding, no white space, URL-safe alphabet), or null.</summary>
    private static byte[]? Decode(ReadOnlySpan<byte> part)
    {
        if (!Base64UrlAlphabet(part) || part.Length % 4 == 1)
        {
            return null;
        }

        var bytes = new byte[Base64Url.GetMaxDecodedLength(part.Length)];
        if (Base64Url.DecodeFromUtf8(part, bytes, out var consumed, out var written) != OperationStatus.Done || consumed != part.Length)
        {
            return null;
        }

        return written == bytes.Length ? bytes : bytes[..written];
    }

    private static bool Base64UrlAlphabet(ReadOnlySpan<byte> part) => !part.ContainsAnyExcept(Base64UrlBytes);

    /// <summary>A top-level member name that occurs twice, or null: two "source" members must not mean two things.</summary>
    private static string? DuplicateMember(JsonElement element)
    {
        HashSet<string>? seen = null;
        foreach (var property in element.EnumerateObject())
        {
            seen ??= new HashSet<string>(StringComparer.Ordinal);
            if (!seen.Add(property.Name))
            {
                return Shorten(property.Name);
            }
        }

        return null;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };

    private static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 80), "…");
}
