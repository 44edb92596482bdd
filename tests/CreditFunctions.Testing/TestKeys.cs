using System.Text;
using System.Text.Json;
using CreditFunctions.SourceKeys;

namespace CreditFunctions.Testing;

/// <summary>
/// The test run's source keys: a key pair for every unit of the contract, made once per test process in a private temp
/// folder (never committed), which the app under test reads as <c>SourceKeys__Directory</c>. Tests sign every message as
/// its source would (contract v2 "Proving the sender").
/// </summary>
public static class TestKeys
{
    private static readonly Lazy<string> Folder = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), $"creditfunctions-test-keys-{Environment.ProcessId}");
        DevKeyFolder.Generate(directory);
        return directory;
    });

    /// <summary>The folder of public (<c>{unit}.jwks.json</c>) and private keys.</summary>
    public static string Directory => Folder.Value;

    /// <summary>The message signed with the key of its envelope's <c>source</c>.</summary>
    public static string Sign(string envelope) => DevKeyFolder.SignEnvelope(Directory, Encoding.UTF8.GetBytes(envelope));

    /// <summary>
    /// Signed when the envelope names a source this run has a key for; as it is otherwise (not JSON, no source, a source
    /// no unit has), so the app refuses it as a forged or unsigned message would be.
    /// </summary>
    public static string SignIfPossible(string envelope)
    {
        try
        {
            using var document = JsonDocument.Parse(envelope);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("source", out var source) || source.ValueKind != JsonValueKind.String
                || !DevKeyFolder.DefaultUnits.Contains(source.GetString()))
            {
                return envelope;
            }
        }
        catch (JsonException)
        {
            return envelope;
        }

        return Sign(envelope);
    }

    /// <summary>The unit's signing key (for tests that forge or rotate).</summary>
    public static SigningKey KeyOf(string unit) => DevKeyFolder.LoadSigningKey(Directory, unit);
}
