using System.Security.Cryptography;
using System.Text.Json.Nodes;
using CreditFunctions.App.Trust;
using CreditFunctions.SourceKeys;
using CreditFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static CreditFunctions.Integration.Tests.Trust.TrustFixtures;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>Contract v2 "Key registry": the folder of JWK Sets, its checks at start, rotation, and reloads that are refused.</summary>
public sealed class SourceKeyRegistryTests
{
    private static readonly SourceKeyRegistryOptions Quiet = new() { Watch = false, PollInterval = TimeSpan.FromHours(1) };

    [Fact]
    public void A_set_is_built_from_name_and_json_pairs_without_a_file_system()
    {
        var set = SourceKeySet.Parse([("SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(KeyA)), ("blobs/SH-EMPLOYMENT.jwks.json", MessageSigner.Jwks(KeyB))]);

        Assert.Equal([UnitB, UnitA], set.Units);
        Assert.Equal(UnitA, set.Find(KeyA.Kid)!.Unit);
        Assert.Equal(KeyB.Kid, Assert.Single(set.KeysOf(UnitB)).Kid);
        Assert.Empty(set.KeysOf("SH-HRSS"));
        Assert.Null(set.Find("SH-HRSS#dev-1"));
        Assert.Null(set.Find(KeyA.Kid.ToLowerInvariant()));
        Assert.Equal(set.Fingerprint, SourceKeySet.Parse([("blobs/SH-EMPLOYMENT.jwks.json", MessageSigner.Jwks(KeyB)), ("SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(KeyA))]).Fingerprint);
    }

    [Fact]
    public void The_folder_is_read_at_load_and_private_key_files_beside_it_are_not()
    {
        using var folder = new TempFolder();
        DevKeyFolder.Generate(folder.Path, [UnitA, UnitB]);
        folder.Write("README.txt", "not a key file");

        using var registry = SourceKeyRegistry.Load(folder.Path, options: Quiet);

        Assert.Equal([$"{UnitB}#dev-1", $"{UnitA}#dev-1"], registry.Current.Keys.Select(k => k.Kid).Order(StringComparer.Ordinal));
        Assert.Equal([$"{UnitB}.jwks.json", $"{UnitA}.jwks.json"], registry.Current.Files);
        Assert.All(registry.Current.Keys, k => Assert.False(k.Key.HasPrivateKey));
    }

    [Fact]
    public void Malformed_key_files_stop_the_load_with_one_exception_naming_every_file()
    {
        using var folder = new TempFolder();
        folder.Write("SH-HRSS.jwks.json", MessageSigner.Jwks(SigningKey.Generate("SH-HRSS")));          // good
        folder.Write("SH-EMPLOYMENT.jwks.json", "{\"keys\": [");                                          // bad JSON
        folder.Write("SH-SOCIAL-INSURANCE.jwks.json", "{\"key\": []}");                                    // not a JWK Set
        folder.Write("SH-DISTRICT-PUDONG.jwks.json", Jwks(P384Key("SH-DISTRICT-PUDONG#k1")));             // P-384
        folder.Write("SH-DISTRICT-XUHUI.jwks.json", Jwks(RsaKey("SH-DISTRICT-XUHUI#k1")));                // RSA
        folder.Write("SH-DISTRICT-JINGAN.jwks.json", MessageSigner.Jwks(SigningKey.Generate("SH-DISTRICT-PUTUO"))); // kid of another unit
        folder.Write("SH-DISTRICT-YANGPU.jwks.json", MessageSigner.Jwks(SigningKey.Generate("SH-DISTRICT-YANGPU"), SigningKey.Generate("SH-DISTRICT-YANGPU"))); // kid twice
        folder.Write("SH-DISTRICT-MINHANG.jwks.json", $"{{\"keys\":[{SigningKey.Generate("SH-DISTRICT-MINHANG").ToPrivateJwkJson()}]}}"); // a private key
        folder.Write("SH-DISTRICT-BAOSHAN.jwks.json", Jwks(NotOnCurve("SH-DISTRICT-BAOSHAN#k1")));        // not a point of P-256
        folder.Write("SH-DISTRICT-QINGPU.jwks.json", Jwks(WithMember(SigningKey.Generate("SH-DISTRICT-QINGPU"), "alg", "ES384")));
        folder.Write("SH-DISTRICT-JIADING.jwks.json", Jwks(WithoutMember(SigningKey.Generate("SH-DISTRICT-JIADING"), "kid")));

        var e = Assert.Throws<SourceKeyLoadException>(() => SourceKeyRegistry.Load(folder.Path, options: Quiet));

        string[] bad =
        [
            "SH-EMPLOYMENT", "SH-SOCIAL-INSURANCE", "SH-DISTRICT-PUDONG", "SH-DISTRICT-XUHUI", "SH-DISTRICT-JINGAN",
            "SH-DISTRICT-YANGPU", "SH-DISTRICT-MINHANG", "SH-DISTRICT-BAOSHAN", "SH-DISTRICT-QINGPU", "SH-DISTRICT-JIADING",
        ];
        Assert.Equal(bad.Length, e.Problems.Count);
        foreach (var unit in bad)
        {
            Assert.Contains(e.Problems, p => p.StartsWith(unit + ".jwks.json: ", StringComparison.Ordinal));
            Assert.Contains(unit + ".jwks.json", e.Message);
        }

        Assert.DoesNotContain(e.Problems, p => p.StartsWith("SH-HRSS.", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("not valid JSON"));
        Assert.Contains(e.Problems, p => p.Contains("not a JWK Set"));
        Assert.Contains(e.Problems, p => p.Contains("crv is \"P-384\""));
        Assert.Contains(e.Problems, p => p.Contains("kty is \"RSA\""));
        Assert.Contains(e.Problems, p => p.Contains("does not start with the file's unit code"));
        Assert.Contains(e.Problems, p => p.Contains("is also in SH-DISTRICT-YANGPU.jwks.json"));
        Assert.Contains(e.Problems, p => p.Contains("private key"));
        Assert.Contains(e.Problems, p => p.Contains("not a point of P-256"));
        Assert.Contains(e.Problems, p => p.Contains("alg is \"ES384\""));
        Assert.Contains(e.Problems, p => p.Contains("no kid"));
    }

    [Fact]
    public void A_kid_in_two_files_and_a_unit_in_two_blobs_are_refused()
    {
        var a = MessageSigner.Jwks(KeyA);
        var problems = Assert.Throws<SourceKeyLoadException>(() =>
            SourceKeySet.Parse([("east/SH-HRSS-ENFORCEMENT.jwks.json", a), ("west/SH-HRSS-ENFORCEMENT.jwks.json", a), ("keys.json", a)])).Problems;

        Assert.Contains(problems, p => p.StartsWith("west/SH-HRSS-ENFORCEMENT.jwks.json: unit SH-HRSS-ENFORCEMENT already has a key file"));
        Assert.Contains(problems, p => p.StartsWith("keys.json: a key file is named"));
    }

    [Fact]
    public void A_missing_folder_stops_the_load()
    {
        var missing = Path.Combine(Path.GetTempPath(), "credit-trust-missing-" + Guid.NewGuid().ToString("N"));

        var e = Assert.Throws<SourceKeyLoadException>(() => SourceKeyRegistry.Load(missing, options: Quiet));

        Assert.Contains(missing, Assert.Single(e.Problems));
    }

    [Fact]
    public void Rotation_both_keys_verify_while_listed_then_the_removed_one_is_refused_after_reload()
    {
        using var folder = new TempFolder();
        var old = SigningKey.Generate(UnitA, "2026-1");
        var next = SigningKey.Generate(UnitA, "2026-2");
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(old, next));
        using var registry = SourceKeyRegistry.Load(folder.Path, options: Quiet);
        var verifier = new SignedMessageVerifier(registry, new SenderProofOptions());

        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(Sign(old, Envelope(UnitA))).Outcome);
        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(Sign(next, Envelope(UnitA))).Outcome);

        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(next));
        Assert.Equal(SourceKeyReloadOutcome.Replaced, registry.Reload());

        var refused = verifier.Verify(Sign(old, Envelope(UnitA)));
        Assert.Equal(SenderChecks.KidUnknown, refused.Refusal!.Check);
        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(Sign(next, Envelope(UnitA))).Outcome);
        Assert.Equal(SourceKeyReloadOutcome.Unchanged, registry.Reload());
    }

    [Fact]
    public void A_bad_new_version_during_reload_is_refused_logged_once_and_the_running_set_stays()
    {
        using var folder = new TempFolder();
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA));
        var log = new ListLogger();
        using var registry = SourceKeyRegistry.Load(folder.Path, log, Quiet);
        var before = registry.Current;
        var verifier = new SignedMessageVerifier(registry, new SenderProofOptions());
        var message = Sign(KeyA, Envelope(UnitA));

        // A truncated copy of A's file beside a good new file for B: the whole new version is refused, B's key too.
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA)[..40]);
        folder.Write($"{UnitB}.jwks.json", MessageSigner.Jwks(KeyB));

        Assert.Equal(SourceKeyReloadOutcome.Refused, registry.Reload());
        Assert.Equal(SourceKeyReloadOutcome.Refused, registry.Reload());

        Assert.Same(before, registry.Current);
        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(message).Outcome);
        Assert.Equal(SenderChecks.KidUnknown, verifier.Verify(Sign(KeyB, Envelope(UnitB))).Refusal!.Check);
        Assert.Contains(registry.LastRefusal!, p => p.StartsWith($"{UnitA}.jwks.json: not valid JSON"));
        var errors = log.Entries.Where(e => e.Level == LogLevel.Error).ToList();
        Assert.Single(errors);
        Assert.Contains($"{UnitA}.jwks.json", errors[0].Message);

        // Repaired: the new version is taken.
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA));
        Assert.Equal(SourceKeyReloadOutcome.Replaced, registry.Reload());
        Assert.Null(registry.LastRefusal);
        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(Sign(KeyB, Envelope(UnitB))).Outcome);
    }

    [Fact]
    public void A_removed_folder_during_reload_keeps_the_running_set()
    {
        var folder = new TempFolder();
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA));
        using var registry = SourceKeyRegistry.Load(folder.Path, options: Quiet);
        folder.Dispose();

        Assert.Equal(SourceKeyReloadOutcome.Refused, registry.Reload());
        Assert.NotNull(registry.Current.Find(KeyA.Kid));
    }

    [Fact]
    public void The_periodic_check_picks_up_a_change_without_the_watcher()
    {
        using var folder = new TempFolder();
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA));
        var time = new FakeTimeProvider();
        using var registry = SourceKeyRegistry.Load(folder.Path, options: new() { Watch = false, PollInterval = TimeSpan.FromMinutes(1) }, time: time);
        var loadedAt = registry.LoadedAt;
        folder.Write($"{UnitB}.jwks.json", MessageSigner.Jwks(KeyB));

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Null(registry.Current.Find(KeyB.Kid));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(registry.Current.Find(KeyB.Kid));
        Assert.True(registry.LoadedAt > loadedAt);
    }

    [Fact]
    public void A_clock_moved_a_year_on_polls_once_not_once_for_every_minute_it_skipped()
    {
        // The defect: a periodic timer on the register clock fired 525,600 reloads when a test set the date a year on,
        // and the integration run spun until its 30-minute limit.
        using var folder = new TempFolder();
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA));
        var time = new TickCountingTimeProvider();
        using var registry = SourceKeyRegistry.Load(folder.Path, options: new() { Watch = false, PollInterval = TimeSpan.FromMinutes(1) }, time: time);
        folder.Write($"{UnitB}.jwks.json", MessageSigner.Jwks(KeyB));

        time.Advance(TimeSpan.FromDays(365));

        Assert.Equal(1, time.Ticks);
        Assert.NotNull(registry.Current.Find(KeyB.Kid));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, time.Ticks);
    }

    /// <summary>A fake clock that counts how often its timers fire.</summary>
    private sealed class TickCountingTimeProvider : FakeTimeProvider
    {
        private int _ticks;

        public int Ticks => Volatile.Read(ref _ticks);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            base.CreateTimer(s => { Interlocked.Increment(ref _ticks); callback(s); }, state, dueTime, period);
    }

    [Fact]
    public async Task The_folder_watcher_reloads_soon_after_a_file_changes()
    {
        using var folder = new TempFolder();
        folder.Write($"{UnitA}.jwks.json", MessageSigner.Jwks(KeyA));
        using var registry = SourceKeyRegistry.Load(folder.Path, options: new() { Debounce = TimeSpan.FromMilliseconds(50), PollInterval = TimeSpan.FromHours(1) });

        folder.Write($"{UnitB}.jwks.json", MessageSigner.Jwks(KeyB));
        await Eventually.UntilAsync(() => registry.Current.Find(KeyB.Kid) is not null, "the watcher to pick up the new key file", TimeSpan.FromSeconds(15));

        File.Delete(folder.File($"{UnitA}.jwks.json"));
        await Eventually.UntilAsync(() => registry.Current.Find(KeyA.Kid) is null, "the watcher to see the file removed", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task AddSourceTrust_stops_the_app_at_start_on_a_malformed_key_file_and_serves_a_good_folder()
    {
        using var folder = new TempFolder();
        folder.Write("SH-HRSS.jwks.json", "[]");

        var broken = Host(folder.Path);
        var e = await Assert.ThrowsAsync<SourceKeyLoadException>(() => broken.StartAsync());
        Assert.Contains("SH-HRSS.jwks.json", e.Message);
        broken.Dispose();

        var unset = Host(null);
        Assert.Contains("SourceKeys:Directory", (await Assert.ThrowsAsync<SourceKeyLoadException>(() => unset.StartAsync())).Message);
        unset.Dispose();

        folder.Write("SH-HRSS.jwks.json", MessageSigner.Jwks(KeyA.WithKid("SH-HRSS#dev-1")));
        using var good = Host(folder.Path, unsigned: "court");
        await good.StartAsync();
        var verifier = good.Services.GetRequiredService<SignedMessageVerifier>();
        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(Sign(KeyA.WithKid("SH-HRSS#dev-1"), Envelope("SH-HRSS"))).Outcome);
        Assert.True(verifier.Verify(Envelope("court")).Unsigned);
        await good.StopAsync();
    }

    private static IHost Host(string? directory, string? unsigned = null)
    {
        var settings = new Dictionary<string, string?> { ["SourceKeys:Directory"] = directory, ["Ingest:UnsignedSources"] = unsigned };
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSourceTrust(builder.Configuration);
        return builder.Build();
    }

    private static string Jwks(JsonObject key) => new JsonObject { ["keys"] = new JsonArray(key) }.ToJsonString();

    private static JsonObject P384Key(string kid)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var p = ec.ExportParameters(false);
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-384", ["x"] = B64(p.Q.X!), ["y"] = B64(p.Q.Y!), ["kid"] = kid };
    }

    private static JsonObject RsaKey(string kid)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        return new JsonObject { ["kty"] = "RSA", ["n"] = B64(p.Modulus!), ["e"] = B64(p.Exponent!), ["kid"] = kid };
    }

    private static JsonObject NotOnCurve(string kid)
    {
        var key = SigningKey.Generate("SH-DISTRICT-BAOSHAN");
        return new JsonObject { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = key.X, ["y"] = key.X, ["kid"] = kid };
    }

    private static JsonObject WithMember(SigningKey key, string name, string value)
    {
        var jwk = JsonNode.Parse(key.ToPublicJwkJson())!.AsObject();
        jwk[name] = value;
        return jwk;
    }

    private static JsonObject WithoutMember(SigningKey key, string name)
    {
        var jwk = JsonNode.Parse(key.ToPublicJwkJson())!.AsObject();
        jwk.Remove(name);
        return jwk;
    }

    private static string B64(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Entries)
            {
                Entries.Add((logLevel, formatter(state, exception)));
            }
        }
    }
}
