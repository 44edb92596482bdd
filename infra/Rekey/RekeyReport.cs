using System.Text.Json.Serialization;

namespace CreditFunctions.Rekey;

/// <summary>What a run found and did, printed as JSON on standard output. Names keys by fingerprint only, never an ID number.</summary>
/// <param name="Outcome"><c>dry-run</c>, <c>done</c> or <c>failed</c>.</param>
/// <param name="OldKey">The old key's fingerprint (<c>SubjectPseudonymizer.Fingerprint</c>).</param>
/// <param name="RowsRead">Rows of <c>Records</c> read to learn the ID numbers.</param>
/// <param name="Individuals">Individuals whose ID number is stored, so whose new key is known.</param>
/// <param name="Resumed">The run went on from a run cut short (its steps done were skipped).</param>
/// <param name="UnitsWithUnknownRepresentative">Units whose profile names a legal representative no stored ID number gives:
/// ask each to send its <c>subject-profile/v1</c> again.</param>
/// <param name="EventsNotified">Outbox rows moved in this run that the push was told of.</param>
public sealed record RekeyReport(
    string Outcome,
    bool DryRun,
    string OldKey,
    string NewKey,
    string OldKeySource,
    string NewKeySource,
    long RowsRead,
    int Individuals,
    bool Resumed,
    IReadOnlyList<RekeyTableReport> Tables,
    IReadOnlyList<string> UnitsWithUnknownRepresentative,
    int EventsNotified,
    bool? CheckPassed,
    IReadOnlyList<string> Problems,
    string? Error);

/// <summary>One table: rows moved to a new key, rows changed in place, rows already under the new key, rows left (unknown), conflicts.</summary>
public sealed record RekeyTableReport(string Table, long Moved, long Updated, long AlreadyNew, long Unknown, long Conflicts);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true)]
[JsonSerializable(typeof(RekeyReport))]
public sealed partial class RekeyJson : JsonSerializerContext;
