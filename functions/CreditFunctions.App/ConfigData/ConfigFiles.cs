using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace CreditFunctions.App.ConfigData;

/// <summary>One file of configuration data: its name as the container lays it out (<c>catalogue/2027-01-01.json</c>) and a tag
/// that changes whenever its content does (a blob's ETag; a file's size and last write time).</summary>
public sealed record ConfigFile(string Name, string Tag, long Length);

/// <summary>A file that is too large or vanished between listing and reading: a problem of that version, not a crash.</summary>
public sealed class ConfigFileUnreadableException(string problem) : Exception(problem);

/// <summary>Where configuration files are read from: the blob container, or the local catalogue folder.</summary>
public interface IConfigFiles
{
    /// <summary>For logs and /api/health: the container's URI (without any SAS) or the folder's path.</summary>
    string Location { get; }

    /// <summary>Every file, with its tag. One list request for a container.</summary>
    Task<IReadOnlyList<ConfigFile>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The file's text (UTF-8), as of its <see cref="ConfigFile.Tag"/>.</summary>
    /// <exception cref="ConfigFileUnreadableException">Too large, or changed or deleted since it was listed.</exception>
    Task<string> ReadAsync(ConfigFile file, CancellationToken cancellationToken);
}

/// <summary>
/// The blob container of <c>ConfigData__ContainerUri</c>. A change is seen by ETag: each check is one list request, and
/// files are downloaded only when a tag differs. A download is conditional on the listed ETag, so what is validated is
/// exactly the version that was listed.
/// </summary>
public sealed class BlobConfigFiles(BlobContainerClient container) : IConfigFiles
{
    /// <summary>Catalogue versions, calendars and key sets are kilobytes; anything this large is not one of them.</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    public string Location { get; } = container.Uri.GetLeftPart(UriPartial.Path);

    public async Task<IReadOnlyList<ConfigFile>> ListAsync(CancellationToken cancellationToken)
    {
        var files = new List<ConfigFile>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix: null, cancellationToken))
        {
            files.Add(new ConfigFile(blob.Name, blob.Properties.ETag?.ToString() ?? "", blob.Properties.ContentLength ?? 0));
        }

        return files;
    }

    public async Task<string> ReadAsync(ConfigFile file, CancellationToken cancellationToken)
    {
        if (file.Length > MaxBytes)
        {
            throw new ConfigFileUnreadableException($"{file.Name}: {file.Length} bytes, more than the {MaxBytes} a configuration file may have");
        }

        try
        {
            var content = await container.GetBlobClient(file.Name).DownloadContentAsync(
                new BlobDownloadOptions { Conditions = new BlobRequestConditions { IfMatch = new ETag(file.Tag) } }, cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            throw new ConfigFileUnreadableException($"{file.Name}: changed or deleted while it was being read; it is read again at the next check");
        }
    }
}

/// <summary>Without a container: the catalogue folder (<c>Catalogue__Directory</c>), its <c>*.json</c> named as <c>catalogue/{file}</c>.</summary>
public sealed class FolderConfigFiles(string directory) : IConfigFiles
{
    public string Location { get; } = Path.GetFullPath(directory);

    public Task<IReadOnlyList<ConfigFile>> ListAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ConfigFile> files = !Directory.Exists(Location)
            ? []
            : new DirectoryInfo(Location).EnumerateFiles("*.json", SearchOption.TopDirectoryOnly)
                .Select(f => new ConfigFile(
                    ConfigDataMonitor.CataloguePrefix + f.Name,
                    $"{f.Length}:{f.LastWriteTimeUtc.Ticks.ToString(CultureInfo.InvariantCulture)}",
                    f.Length))
                .ToList();
        return Task.FromResult(files);
    }

    public async Task<string> ReadAsync(ConfigFile file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(Path.Combine(Location, file.Name[ConfigDataMonitor.CataloguePrefix.Length..]), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigFileUnreadableException($"{file.Name}: cannot be read ({e.Message})");
        }
    }
}
