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
/// Every catalogue version, validated. Built at start (a broken catalogue throws <see cref="CatalogueValidationException"/>
/// listing every problem); thread-safe. The versions in force are one immutable, validated array behind a volatile
/// reference, which <see cref="Adopt"/> swaps for another set's when the Bureau publishes a new version without a deploy.
/// </summary>
/// <remarks>
/// Why the instance swaps its contents instead of a provider handing out snapshots: every consumer (the ingestor, the
/// desks, the functions, the rejection ledger) is a singleton that took a <see cref="CatalogueSet"/> in its constructor,
/// and the domain's rules take one as a parameter. Swapping inside keeps all of them as they are and still gives each
/// call one consistent set: every member reads the reference once. Only another validated set can be adopted, so what
/// is in force is always a whole validated set.
/// </remarks>
public sealed class CatalogueSet
{
    private const string ResourcePrefix = "CreditFunctions.Domain.Catalogue.versions.";
    private volatile CreditCatalogue[] _versions;

    private CatalogueSet(CreditCatalogue[] versions) => _versions = versions;

    /// <summary>Versions ordered by effectiveFrom.</summary>
    public IReadOnlyList<CreditCatalogue> Versions => _versions;

    /// <summary>The version in force on <paramref name="day"/>: the last whose effectiveFrom ≤ day (the first version before that).</summary>
    public CreditCatalogue ForDate(DateOnly day)
    {
        var versions = _versions;
        var found = versions[0];
        for (var i = 1; i < versions.Length; i++)
        {
            if (versions[i].EffectiveFrom <= day) found = versions[i];
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

    /// <summary>
    /// Puts <paramref name="next"/>'s versions in force for every holder of this instance, at once. A call already running
    /// finishes with the versions it started with.
    /// </summary>
    public void Adopt(CatalogueSet next)
    {
        ArgumentNullException.ThrowIfNull(next);
        _versions = next._versions;
    }

    /// <summary>The versions embedded in this assembly (Catalogue/versions/*.json).</summary>
    public static CatalogueSet LoadEmbedded() => Load(null);

    /// <summary>
    /// The embedded versions plus every *.json in <paramref name="directory"/> (when given and existing); a file whose
    /// version equals an embedded one replaces it. This is how the catalogue is replaced without a deploy.
    /// </summary>
    public static CatalogueSet Load(string? directory)
    {
        var files = new List<(string Name, string Json)>();
        if (directory is not null && Directory.Exists(directory))
        {
            foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
            {
                files.Add((Path.GetFileName(file), File.ReadAllText(file)));
            }
        }
        return Load(files, directory ?? "the folder");
    }

    /// <summary>
    /// The embedded versions plus <paramref name="files"/> (name, JSON), wherever they were read (a folder, a blob
    /// container named by <paramref name="where"/>); a file whose version equals an embedded one replaces it. The whole
    /// set is validated: any problem throws <see cref="CatalogueValidationException"/> with every problem, each naming its file.
    /// </summary>
    public static CatalogueSet Load(IEnumerable<(string Name, string Json)> files, string where)
    {
        ArgumentNullException.ThrowIfNull(files);
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
        var replaced = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, json) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            var doc = TryParse(json, name, problems);
            if (doc is null) continue;
            if (!replaced.Add(doc.Version)) problems.Add($"{name}: a second file in {where} carries version {doc.Version}");
            byVersion[doc.Version] = doc;
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
