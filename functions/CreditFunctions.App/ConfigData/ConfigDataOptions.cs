using Microsoft.Extensions.Configuration;

namespace CreditFunctions.App.ConfigData;

/// <summary>
/// Where the data that changes without a deploy comes from (docs/operations.md, "Configuration data"):
/// <c>ConfigData__ContainerUri</c>, a blob container (in Azure <c>credit-config</c>, bicep/README.md), or, when it is not
/// set, what ships in the app plus the local folders <c>Catalogue__Directory</c> and <c>SourceKeys__Directory</c>.
/// </summary>
public sealed record ConfigDataOptions
{
    public const string Section = "ConfigData";
    public const string ContainerUriKey = Section + ":ContainerUri";
    public const string PollIntervalKey = Section + ":PollInterval";
    public const string CatalogueDirectoryKey = "Catalogue:Directory";

    /// <summary>The container with <c>catalogue/</c>, <c>calendar/</c> and <c>source-keys/</c>; null: local folders.</summary>
    public Uri? ContainerUri { get; init; }

    /// <summary>How often the container (by ETag) or the catalogue folder is checked for changes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Without a container: a folder of extra or replacement catalogue versions (<c>Catalogue__Directory</c>).</summary>
    public string? CatalogueDirectory { get; init; }

    /// <summary>True when the three are read from the container.</summary>
    public bool FromContainer => ContainerUri is not null;

    /// <exception cref="InvalidOperationException">A container URI or poll interval that cannot be read, naming the setting.</exception>
    public static ConfigDataOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var uri = configuration[ContainerUriKey];
        Uri? container = null;
        if (!string.IsNullOrWhiteSpace(uri)
            && (!Uri.TryCreate(uri.Trim(), UriKind.Absolute, out container) || container.Scheme is not ("https" or "http")))
        {
            throw new InvalidOperationException($"{ContainerUriKey} (env ConfigData__ContainerUri) is not an http(s) URI of a blob container: '{uri}'.");
        }

        var interval = TimeSpan.FromMinutes(5);
        var pollSetting = configuration[PollIntervalKey];
        if (!string.IsNullOrWhiteSpace(pollSetting)
            && (!TimeSpan.TryParse(pollSetting, System.Globalization.CultureInfo.InvariantCulture, out interval) || interval <= TimeSpan.Zero))
        {
            throw new InvalidOperationException($"{PollIntervalKey} (env ConfigData__PollInterval) is not a positive time span such as 00:05:00: '{pollSetting}'.");
        }

        var directory = configuration[CatalogueDirectoryKey];
        return new ConfigDataOptions
        {
            ContainerUri = container,
            PollInterval = interval,
            CatalogueDirectory = string.IsNullOrWhiteSpace(directory) ? null : directory,
        };
    }

    /// <summary>Whether <paramref name="configuration"/> names a container (for registrations that choose a source).</summary>
    public static bool NamesContainer(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ContainerUriKey]);
}
