namespace CreditFunctions.Testing;

/// <summary>The repository root: the nearest directory above the test binaries that holds CreditFunctions.sln.</summary>
public static class RepositoryRoot
{
    public static string Find(string? startDirectory = null)
    {
        for (var dir = new DirectoryInfo(startDirectory ?? AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CreditFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"CreditFunctions.sln not found in {startDirectory ?? AppContext.BaseDirectory} or any parent directory.");
    }
}
