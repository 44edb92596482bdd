using System.Reflection;
using System.Text.Json;

namespace CreditFunctions.Domain.Catalogue;

/// <summary>A catalogue file that failed validation: every problem, one per line.</summary>
public sealed class CatalogueValidationException(IReadOnlyList<string> problems)
    : Exception("The credit catalogue is invalid:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>
/// Every catalogue version, validated. Built once at start (a broken catalogue throws
/// <see cref="CatalogueValidationException"/> listing every problem); immutable and thread-safe afterwards.
/// </summary>
public sealed class CatalogueSet
{
    private const string ResourcePrefix = "CreditFunctions.Domain.Catalogue.versions.";
    private readonly CreditCatalogue[] _versions;

    private CatalogueSet(CreditCatalogue[] versions) => _versions = versions;

    /// <summary>Versions ordered by effectiveFrom.</summary>
    public IReadOnlyList<CreditCatalogue> Versions => _versions;

    /// <summary>The version in force on <paramref name="day"/>: the last whose effectiveFrom ≤ day (the first version before that).</summary>
    public CreditCatalogue ForDate(DateOnly day)
    {
        var found = _versions[0];
        for (var i = 1; i < _versions.Length; i++)
        {
            if (_versions[i].EffectiveFrom <= day) found = _versions[i];
            else break;
        }
        return found;
    }

    /// <summary>A version by its name (e.g. the one a record was classified with), or null.</summary>
    public CreditCatalogue? ForVersion(string version)
    {
        foreach (var v in _versions) if (string.Equals(v.Version, version, StringComparison.Ordinal)) return v;
        return null;
    }

    /// <summary>The versions embedded in this assembly (Catalogue/versions/*.json).</summary>
    public static CatalogueSet LoadEmbedded() => Load(null);

    /// <summary>
    /// The embedded versions plus every *.json in <paramref name="directory"/> (when given and existing); a file whose
    /// version equals an embedded one replaces it. This is how the catalogue is replaced without a deploy.
    /// </summary>
    public static CatalogueSet Load(string? directory)
    {
        var problems = new List<string>();
        var byVersion = new Dictionary<string, CatalogueDocument>(StringComparer.Ordinal);
        var assembly = typeof(CatalogueSet).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Order(StringComparer.Ordinal))
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            var doc = TryParse(reader.ReadToEnd(), name[ResourcePrefix.Length..], problems);
            if (doc is not null) byVersion[doc.Version] = doc;
        }
        if (directory is not null && Directory.Exists(directory))
        {
            var replaced = new HashSet<string>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                var doc = TryParse(File.ReadAllText(file), Path.GetFileName(file), problems);
                if (doc is null) continue;
                if (!replaced.Add(doc.Version)) problems.Add($"{Path.GetFileName(file)}: a second file in {directory} carries version {doc.Version}");
                byVersion[doc.Version] = doc;
            }
        }
        if (problems.Count > 0) throw new CatalogueValidationException(problems);
        return FromDocuments(byVersion.Values);
    }

    /// <summary>Builds and validates a set from documents (e.g. tests, or a store the app reads).</summary>
    public static CatalogueSet FromDocuments(IEnumerable<CatalogueDocument> documents)
    {
        var docs = documents.OrderBy(d => d.EffectiveFrom).ToList();
        var problems = new List<string>();
        if (docs.Count == 0) problems.Add("no catalogue version at all");
        foreach (var d in docs) CatalogueValidator.ValidateOne(d, problems);
        CatalogueValidator.ValidateTogether(docs, problems);
        if (problems.Count > 0) throw new CatalogueValidationException(problems);
        return new CatalogueSet(docs.Select(d => new CreditCatalogue(d)).ToArray());
    }

    /// <summary>Parses one catalogue file; a syntax error is a <see cref="CatalogueValidationException"/>.</summary>
    public static CatalogueDocument ParseDocument(string json, string sourceName)
    {
        var problems = new List<string>();
        var doc = TryParse(json, sourceName, problems);
        return doc ?? throw new CatalogueValidationException(problems);
    }

    /// <summary>Serialises one version as served by GET /api/catalogue.</summary>
    public static string ToJson(CatalogueDocument document) =>
        JsonSerializer.Serialize(document, CatalogueJsonContext.Default.CatalogueDocument);

    private static CatalogueDocument? TryParse(string json, string sourceName, List<string> problems)
    {
        try
        {
            var doc = JsonSerializer.Deserialize(json, CatalogueJsonContext.Default.CatalogueDocument);
            if (doc is null) problems.Add($"{sourceName}: empty catalogue file");
            return doc;
        }
        catch (JsonException e)
        {
            problems.Add($"{sourceName}: not a valid catalogue file: {e.Message}");
            return null;
        }
    }
}
