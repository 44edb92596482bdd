using System.Text;
using CreditFunctions.App.Trust;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.SourceKeys;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>Keys of two units and envelopes from them, for the proof-of-sender tests (no storage involved).</summary>
internal static class TrustFixtures
{
    public const string UnitA = "SH-HRSS-ENFORCEMENT";
    public const string UnitB = "SH-EMPLOYMENT";
    public const string Subject = "91310110666007217T";

    public static readonly SigningKey KeyA = SigningKey.Generate(UnitA, "2026-1");
    public static readonly SigningKey KeyB = SigningKey.Generate(UnitB, "2026-1");

    /// <summary>A registry of A's and B's public keys, parsed from JWK Sets as the folder would hold them.</summary>
    public static SourceKeySet Set(params SigningKey[] keys) =>
        SourceKeySet.Parse(keys.GroupBy(k => k.Unit).Select(g => (g.Key + ".jwks.json", MessageSigner.Jwks(g))));

    public static SignedMessageVerifier Verifier(SourceKeySet? set = null, string? unsignedSources = null) =>
        new(new FixedSourceKeys(set ?? Set(KeyA, KeyB)), SenderProofOptions.Parse(unsignedSources));

    public static string Envelope(string source = UnitA) =>
        RecordsMessage.From(source).With(RecordsMessage.AdminPenalty(Subject)).Envelope();

    public static string Sign(SigningKey key, string envelope) => MessageSigner.Sign(key, envelope);

    public static string Sha256(string text) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A temporary folder, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("credit-trust-").FullName;

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Write(string name, string content)
        {
            // Write then rename, as a deployment would: the registry never sees half a file.
            var temporary = File("." + name + ".tmp");
            System.IO.File.WriteAllText(temporary, content);
            System.IO.File.Move(temporary, File(name), overwrite: true);
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, recursive: true);
            }
            catch (IOException)
            {
                // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
            }
        }
    }
}
