using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CreditFunctions.App.Trust;
using CreditFunctions.SourceKeys;
using Microsoft.Extensions.Configuration;
using static CreditFunctions.Integration.Tests.Trust.TrustFixtures;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>Contract v2 "Proving the sender": what is verified, and which check names each refusal.</summary>
public sealed class SignedMessageVerifierTests
{
    [Fact]
    public void A_message_signed_by_a_key_of_its_source_is_verified_with_its_kid_unit_payload_and_hash()
    {
        var envelope = Envelope(UnitA);
        var message = Sign(KeyA, envelope);

        var proof = Verifier().Verify(message);

        Assert.Equal(SenderProofOutcome.Verified, proof.Outcome);
        Assert.True(proof.IsAccepted);
        Assert.False(proof.Unsigned);
        Assert.Null(proof.Refusal);
        Assert.Equal(KeyA.Kid, proof.Kid);
        Assert.Equal(UnitA, proof.Unit);
        Assert.Equal(envelope, proof.GetPayloadText());
        Assert.Equal(Encoding.UTF8.GetBytes(envelope), proof.Payload.ToArray());
        Assert.Equal(Sha256(message), proof.MessageSha256);
        Assert.NotEqual(Sha256(envelope), proof.MessageSha256);
    }

    [Fact]
    public void JSON_escapes_in_the_parts_are_read_as_the_string_they_stand_for()
    {
        var envelope = Envelope(UnitA);
        var message = Sign(KeyA, envelope);
        var jws = JsonNode.Parse(message)!.AsObject();
        var escaped = message.Replace("\"payload\":\"" + (string)jws["payload"]!, "\"payload\":\"\\u0065" + ((string)jws["payload"]!)[1..]);
        Assert.NotEqual(message, escaped);
        Assert.StartsWith("e", (string)jws["payload"]!);

        var proof = Verifier().Verify(escaped);

        Assert.Equal(SenderProofOutcome.Verified, proof.Outcome);
        Assert.Equal(envelope, proof.GetPayloadText());
        Assert.Equal(Sha256(escaped), proof.MessageSha256);
    }

    [Fact]
    public void The_same_signed_message_verified_twice_gives_the_same_message_hash()
    {
        var message = Sign(KeyA, Envelope(UnitA));
        var verifier = Verifier();

        var first = verifier.Verify(message);
        var second = verifier.Verify(Encoding.UTF8.GetBytes(message));

        Assert.Equal(SenderProofOutcome.Verified, second.Outcome);
        Assert.Equal(first.MessageSha256, second.MessageSha256);
        Assert.Matches("^[0-9a-f]{64}$", first.MessageSha256);
        // ECDSA signatures are randomised: the same envelope signed again is another message, with another hash.
        Assert.NotEqual(first.MessageSha256, verifier.Verify(Sign(KeyA, Envelope(UnitA))).MessageSha256);
    }

    [Fact]
    public void A_tampered_payload_is_refused_as_a_bad_signature()
    {
        var jws = JsonNode.Parse(Sign(KeyA, Envelope(UnitA)))!.AsObject();
        var payload = Encoding.UTF8.GetString(Base64Url.DecodeFromChars((string)jws["payload"]!));
        jws["payload"] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.Replace("\"general\"", "\"serious\"")));

        AssertRefused(jws.ToJsonString(), SenderChecks.SignatureInvalid, KeyA.Kid);
    }

    [Fact]
    public void A_tampered_protected_header_is_refused_as_a_bad_signature()
    {
        var jws = JsonNode.Parse(Sign(KeyA, Envelope(UnitA)))!.AsObject();
        var header = $$"""{"alg":"ES256","kid":"{{KeyA.Kid}}","typ":"other"}""";
        jws["protected"] = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(header));

        AssertRefused(jws.ToJsonString(), SenderChecks.SignatureInvalid, KeyA.Kid);
    }

    [Fact]
    public void A_message_signed_by_another_units_key_is_refused_naming_both_units()
    {
        // Unit B signs, correctly, an envelope that claims to come from unit A.
        var message = Sign(KeyB, Envelope(UnitA));

        var refusal = AssertRefused(message, SenderChecks.KidUnitNotSource, KeyB.Kid);
        Assert.Contains(UnitA, refusal.En);
        Assert.Contains(UnitB, refusal.Zh);
    }

    [Fact]
    public void An_unknown_kid_is_refused()
    {
        var stranger = SigningKey.Generate(UnitA, "never-registered");

        AssertRefused(Sign(stranger, Envelope(UnitA)), SenderChecks.KidUnknown, stranger.Kid);
    }

    [Fact]
    public void A_kid_of_the_right_unit_signed_with_another_key_is_refused_as_a_bad_signature()
    {
        var impostor = SigningKey.Generate(UnitA, "impostor").WithKid(KeyA.Kid);

        AssertRefused(Sign(impostor, Envelope(UnitA)), SenderChecks.SignatureInvalid, KeyA.Kid);
    }

    [Theory]
    [InlineData("ES384")]
    [InlineData("HS256")]
    [InlineData("none")]
    [InlineData("RS256")]
    [InlineData("es256")]
    public void An_alg_other_than_ES256_is_refused_naming_it(string alg)
    {
        var envelope = Encoding.UTF8.GetBytes(Envelope(UnitA));
        var header = MessageSigner.ProtectedHeader(KeyA.Kid, alg);
        var message = alg switch
        {
            // The classic confusions: unsigned ("none", empty signature), and an HMAC keyed with the public key.
            "none" => MessageSigner.Flattened(B64(header), Base64Url.EncodeToString(envelope), ""),
            "HS256" => Hmac(header, envelope, Encoding.ASCII.GetBytes(KeyA.ToPublicJwkJson())),
            _ => MessageSigner.SignWithHeader(KeyA, header, envelope),
        };

        var refusal = AssertRefused(message, SenderChecks.AlgNotEs256);
        Assert.Contains($"'{alg}'", refusal.En);
        Assert.Contains(alg, refusal.Zh);
    }

    [Fact]
    public void A_protected_header_without_alg_or_kid_is_refused()
    {
        var envelope = Encoding.UTF8.GetBytes(Envelope(UnitA));
        AssertRefused(MessageSigner.SignWithHeader(KeyA, $$"""{"kid":"{{KeyA.Kid}}"}""", envelope), SenderChecks.AlgNotEs256);
        AssertRefused(MessageSigner.SignWithHeader(KeyA, """{"alg":"ES256"}""", envelope), SenderChecks.KidMissing);
        AssertRefused(MessageSigner.SignWithHeader(KeyA, """{"alg":"ES256","kid":""}""", envelope), SenderChecks.KidMissing);
        AssertRefused(MessageSigner.SignWithHeader(KeyA, """{"alg":"ES256","kid":42}""", envelope), SenderChecks.KidMissing);

        // A kid in the unprotected header is not protected by the signature: it does not count.
        var jws = JsonNode.Parse(MessageSigner.SignWithHeader(KeyA, """{"alg":"ES256"}""", envelope))!.AsObject();
        jws["header"] = new JsonObject { ["kid"] = KeyA.Kid };
        var refusal = AssertRefused(jws.ToJsonString(), SenderChecks.KidMissing);
        Assert.Contains("unprotected", refusal.En);
    }

    [Theory]
    [InlineData("not base64url", "eyJhbGciOiJFUzI1NiJ9+/")]
    [InlineData("padded", "eyJhbGciOiJFUzI1NiJ9==")]
    [InlineData("white space", "eyJhbGciOi JFUzI1NiJ9")]
    [InlineData("not json", "bm90IGpzb24")]
    [InlineData("json array", "WyJFUzI1NiJd")]
    public void An_unreadable_protected_header_is_refused(string _, string protectedPart)
    {
        var message = MessageSigner.Flattened(protectedPart, B64(Envelope(UnitA)), "AAAA");

        AssertRefused(message, SenderChecks.ProtectedHeaderUnreadable);
    }

    [Fact]
    public void A_protected_header_with_crit_or_a_member_twice_is_refused()
    {
        var envelope = Encoding.UTF8.GetBytes(Envelope(UnitA));
        AssertRefused(
            MessageSigner.SignWithHeader(KeyA, $$"""{"alg":"ES256","kid":"{{KeyA.Kid}}","b64":false,"crit":["b64"]}""", envelope),
            SenderChecks.ProtectedHeaderUnreadable);
        AssertRefused(
            MessageSigner.SignWithHeader(KeyA, $$"""{"alg":"none","alg":"ES256","kid":"{{KeyA.Kid}}"}""", envelope),
            SenderChecks.ProtectedHeaderUnreadable);
    }

    [Fact]
    public void A_der_encoded_or_truncated_signature_is_refused()
    {
        var envelope = Envelope(UnitA);
        var jws = JsonNode.Parse(Sign(KeyA, envelope))!.AsObject();
        var signature = Base64Url.DecodeFromChars((string)jws["signature"]!);

        // The same R and S as a DER sequence (what ECDsa.SignData gives with Rfc3279DerSequence): not the JWS form.
        var der = AsDer(signature);
        jws["signature"] = Base64Url.EncodeToString(der);
        var refusal = AssertRefused(jws.ToJsonString(), SenderChecks.SignatureInvalid);
        Assert.Contains("64 bytes", refusal.En);

        jws["signature"] = Base64Url.EncodeToString(signature.AsSpan(0, 63));
        AssertRefused(jws.ToJsonString(), SenderChecks.SignatureInvalid);
        jws["signature"] = "";
        AssertRefused(jws.ToJsonString(), SenderChecks.SignatureInvalid);
    }

    [Fact]
    public void An_unsigned_envelope_is_refused_unless_its_source_is_in_transition()
    {
        var envelope = Envelope(UnitA);

        var refusal = AssertRefused(envelope, SenderChecks.Unsigned, UnitA);
        Assert.Contains("unsigned", refusal.En);

        // Another unit in Ingest:UnsignedSources does not open the door for A.
        Assert.Equal(SenderProofOutcome.Refused, Verifier(unsignedSources: UnitB).Verify(envelope).Outcome);
    }

    [Fact]
    public void An_unsigned_envelope_of_a_source_in_UnsignedSources_is_accepted_and_marked_unsigned()
    {
        var envelope = Envelope(UnitA);

        var proof = Verifier(unsignedSources: $" {UnitB} , {UnitA} ").Verify(envelope);

        Assert.Equal(SenderProofOutcome.AcceptedUnsigned, proof.Outcome);
        Assert.True(proof.IsAccepted);
        Assert.True(proof.Unsigned);
        Assert.Null(proof.Kid);
        Assert.Equal(UnitA, proof.Unit);
        Assert.Equal(envelope, proof.GetPayloadText());
        Assert.Equal(Sha256(envelope), proof.MessageSha256);

        // A signed message from a source in transition is still checked as signed.
        var verifier = Verifier(unsignedSources: UnitA);
        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(Sign(KeyA, Envelope(UnitA))).Outcome);
        Assert.Equal(SenderProofOutcome.Refused, verifier.Verify(Sign(KeyB, Envelope(UnitA))).Outcome);
    }

    [Fact]
    public void UnsignedSources_is_read_from_configuration_and_defaults_to_none()
    {
        var none = SenderProofOptions.FromConfiguration(new ConfigurationBuilder().Build());
        Assert.Empty(none.UnsignedSources);

        var some = SenderProofOptions.FromConfiguration(new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Ingest:UnsignedSources"] = "court, SH-HRSS,," })
            .Build());
        Assert.Equal(["SH-HRSS", "court"], some.UnsignedSources.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"protected\":")]
    [InlineData("nested too deep")]
    public void A_message_that_is_not_JSON_is_left_to_the_caller_as_invalid_json(string message)
    {
        if (message == "nested too deep")
        {
            // Deeper than JSON readers go by default (64), as version 1's reader: invalid-json, as before.
            message = new string('[', 100) + new string(']', 100);
        }

        var proof = Verifier().Verify(message);

        Assert.Equal(SenderProofOutcome.NotJson, proof.Outcome);
        Assert.False(proof.IsAccepted);
        Assert.Null(proof.Refusal);
        Assert.NotNull(proof.JsonError);
        Assert.Equal(Sha256(message), proof.MessageSha256);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"eyJhbGciOiJFUzI1NiJ9.e30.AAAA\"")]
    [InlineData("{}")]
    [InlineData("{\"payload\":\"e30\",\"signature\":\"AAAA\"}")]
    [InlineData("{\"protected\":1,\"payload\":\"e30\",\"signature\":\"AAAA\"}")]
    [InlineData("{\"payload\":\"e30\",\"signatures\":[{\"protected\":\"eyJhbGciOiJFUzI1NiJ9\",\"signature\":\"AAAA\"}]}")]
    [InlineData("{\"protected\":\"a\",\"protected\":\"b\",\"payload\":\"e30\",\"signature\":\"AAAA\"}")]
    public void JSON_that_is_not_a_flattened_JWS_is_refused(string message)
    {
        AssertRefused(message, SenderChecks.NotFlattenedJws);
    }

    [Fact]
    public void A_signed_payload_that_is_not_an_envelope_with_one_source_is_refused()
    {
        AssertRefused(MessageSigner.Sign(KeyA, "not json"u8), SenderChecks.PayloadUnreadable);
        AssertRefused(MessageSigner.Sign(KeyA, "[1,2]"u8), SenderChecks.PayloadUnreadable);
        AssertRefused(MessageSigner.Sign(KeyA, "{\"source\":\"SH-HRSS-ENFORCEMENT\"} {}"u8), SenderChecks.PayloadUnreadable);
        AssertRefused(MessageSigner.Sign(KeyA, "{\"source\":\"SH-HRSS-ENFORCEMENT\",\"records\":[}"u8), SenderChecks.PayloadUnreadable);
        AssertRefused(MessageSigner.Sign(KeyA, "{\"source\":[\"SH-HRSS-ENFORCEMENT\"]}"u8), SenderChecks.KidUnitNotSource);
        AssertRefused(MessageSigner.Sign(KeyA, "{\"schema\":\"credit-records/v1\"}"u8), SenderChecks.KidUnitNotSource);

        // Two sources: the one checked here and the one ingestion reads must not differ.
        var twice = $$"""{"schema":"credit-records/v1","source":"{{UnitA}}","source":"{{UnitB}}","records":[]}""";
        AssertRefused(MessageSigner.Sign(KeyA, twice), SenderChecks.PayloadUnreadable);
    }

    [Fact]
    public void No_key_at_all_refuses_every_signed_message()
    {
        AssertRefused(Sign(KeyA, Envelope(UnitA)), SenderChecks.KidUnknown, verifier: Verifier(SourceKeySet.Empty));
    }

    [Fact]
    public void Every_refusal_is_unauthenticated_source_with_a_Chinese_and_an_English_sentence()
    {
        var envelope = Encoding.UTF8.GetBytes(Envelope(UnitA));
        string[] messages =
        [
            "[]", Envelope(UnitA), Sign(KeyB, Envelope(UnitA)), MessageSigner.Sign(SigningKey.Generate(UnitA), envelope),
            MessageSigner.SignWithHeader(KeyA, """{"alg":"HS256"}""", envelope), MessageSigner.Flattened("@@", B64("{}"), "AAAA"),
            MessageSigner.SignWithHeader(KeyA, """{"alg":"ES256"}""", envelope), MessageSigner.Sign(KeyA, "[]"u8),
            MessageSigner.Sign(SigningKey.Generate(UnitA, "other").WithKid(KeyA.Kid), envelope),
        ];

        var checks = new HashSet<string>();
        foreach (var message in messages)
        {
            var refusal = Verifier().Verify(message).Refusal!;
            Assert.Equal("unauthenticated-source", refusal.Code);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", refusal.Zh);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", refusal.En);
            Assert.EndsWith(".", refusal.En);
            checks.Add(refusal.Check);
        }

        Assert.Equal(9, checks.Count);
    }

    [Fact]
    public void Many_threads_verify_with_one_verifier_at_once()
    {
        var verifier = Verifier();
        var good = Sign(KeyA, Envelope(UnitA));
        var bad = Sign(KeyB, Envelope(UnitA));
        var outcomes = new SenderProofOutcome[4000];

        Parallel.For(0, outcomes.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => outcomes[i] = verifier.Verify(i % 2 == 0 ? good : bad).Outcome);

        Assert.All(outcomes.Where((_, i) => i % 2 == 0), o => Assert.Equal(SenderProofOutcome.Verified, o));
        Assert.All(outcomes.Where((_, i) => i % 2 == 1), o => Assert.Equal(SenderProofOutcome.Refused, o));
    }

    private static TrustRefusal AssertRefused(string message, string check, string? named = null, SignedMessageVerifier? verifier = null)
    {
        var proof = (verifier ?? Verifier()).Verify(message);
        Assert.Equal(SenderProofOutcome.Refused, proof.Outcome);
        Assert.False(proof.IsAccepted);
        Assert.Null(proof.Kid);
        Assert.Null(proof.Unit);
        Assert.True(proof.Payload.IsEmpty);
        var refusal = proof.Refusal!;
        Assert.Equal(TrustCodes.UnauthenticatedSource, refusal.Code);
        Assert.Equal(check, refusal.Check);
        if (named is not null)
        {
            Assert.Contains(named, refusal.En);
            Assert.Contains(named, refusal.Zh);
        }

        return refusal;
    }

    private static string B64(string text) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Hmac(string header, byte[] payload, byte[] secret)
    {
        var protectedPart = B64(header);
        var payloadPart = Base64Url.EncodeToString(payload);
        var mac = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(protectedPart + "." + payloadPart));
        return MessageSigner.Flattened(protectedPart, payloadPart, Base64Url.EncodeToString(mac));
    }

    /// <summary>R||S (32 + 32 bytes) as an ASN.1 DER SEQUENCE of two INTEGERs.</summary>
    private static byte[] AsDer(byte[] p1363)
    {
        var writer = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteIntegerUnsigned(p1363.AsSpan(0, 32));
            writer.WriteIntegerUnsigned(p1363.AsSpan(32, 32));
        }

        return writer.Encode();
    }
}
