using System.Diagnostics;
using System.Text.Json.Nodes;
using CreditFunctions.App.Trust;
using CreditFunctions.Bench.Push;
using CreditFunctions.Bench.Sweep;
using CreditFunctions.SourceKeys;

namespace CreditFunctions.Bench.Ingest;

/// <summary>
/// ./infra/bench signature: microseconds to prove the sender of one signed 100-record credit-records message (about
/// 40 KB of envelope): parse the JWS, check the ES256 signature, read the payload's source, hash the message
/// (SignedMessageVerifier.Verify, contract v2). No storage involved. Prints ingest.signatureVerifyUs, the median of
/// five rounds' means.
/// </summary>
public static class SignatureBench
{
    private const string Source = "SH-HRSS-ENFORCEMENT";

    public static int Run(TextWriter output)
    {
        var key = SigningKey.Generate(Source, "bench-1");
        var keys = SourceKeySet.Parse([($"{Source}.jwks.json", MessageSigner.Jwks(key))]);
        var verifier = new SignedMessageVerifier(new FixedSourceKeys(keys), new SenderProofOptions());
        var envelope = Envelope(100);
        var message = MessageSigner.Sign(key, envelope);
        if (verifier.Verify(message).Outcome != SenderProofOutcome.Verified)
        {
            Console.Error.WriteLine("signature bench: the message does not verify");
            return 1;
        }

        var iterations = int.TryParse(Environment.GetEnvironmentVariable("BENCH_SIGNATURE_ITERATIONS"), out var n) ? n : 2_000;
        for (var i = 0; i < 200; i++)
        {
            verifier.Verify(message);
        }

        var rounds = new List<double>();
        var verified = 0;
        for (var round = 0; round < 5; round++)
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < iterations / 5; i++)
            {
                verified += verifier.Verify(message).IsAccepted ? 1 : 0;
            }

            rounds.Add(clock.Elapsed.TotalMicroseconds / (iterations / 5));
        }

        Console.Error.WriteLine($"signature bench: envelope {System.Text.Encoding.UTF8.GetByteCount(envelope)} bytes, message {message.Length} bytes, {verified} verified");
        BenchLine.Write(output, "ingest.signatureVerifyUs", rounds.Order().ElementAt(rounds.Count / 2), "us");
        return 0;
    }

    private static string Envelope(int count)
    {
        var records = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            records.Add(new JsonObject
            {
                ["sourceRecordId"] = $"AP-{Guid.NewGuid():N}",
                ["version"] = 1,
                ["action"] = "upsert",
                ["kind"] = "admin-penalty",
                ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = Uscc.New(), ["name"] = "上海某某建筑工程有限公司" },
                ["decisionDate"] = "2026-03-02",
                ["decisionNumber"] = $"沪人社监罚〔2026〕{i}号",
                ["severity"] = "general",
                ["procedure"] = "general",
                ["minorViolation"] = false,
                ["harmMitigated"] = false,
                ["summary"] = "未按时足额支付劳动者工资",
            });
        }

        return new JsonObject
        {
            ["schema"] = "credit-records/v1", ["messageId"] = $"bench-{Guid.NewGuid():N}", ["source"] = Source,
            ["sentAt"] = "2026-03-02T09:30:00+08:00", ["records"] = records,
        }.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }
}
