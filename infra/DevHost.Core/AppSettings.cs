using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace CreditFunctions.DevHost;

/// <summary>App-setting lookups the host does for bindings: %Name% expressions and storage connection names.</summary>
internal sealed partial class AppSettings(IConfiguration configuration)
{
    /// <summary>Replaces each %Name% with the app setting Name (the host's INameResolver); a missing one is an error.</summary>
    public string Resolve(string expression, string function, string what)
    {
        return PercentSetting().Replace(expression, m =>
        {
            string name = m.Groups[1].Value;
            return configuration[name] is { Length: > 0 } value
                ? value
                : throw new FunctionConfigurationException(function, $"{what} refers to app setting '%{name}%', which is not set.");
        });
    }

    /// <summary>
    /// The connection string for a binding's Connection name, looked up as the WebJobs SDK does
    /// (GetWebJobsConnectionString): "AzureWebJobs{name}", then "{name}", then "ConnectionStrings:{name}";
    /// a null name means AzureWebJobsStorage.
    /// </summary>
    public string StorageConnectionString(string? connectionName, string function)
    {
        string name = string.IsNullOrEmpty(connectionName) ? "Storage" : connectionName;
        string[] candidates = [$"AzureWebJobs{name}", name, $"ConnectionStrings:{name}"];
        foreach (string key in candidates)
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                return value;
            }

            if (configuration.GetSection(key).GetChildren().Any())
            {
                // Identity-based connections ("X__queueServiceUri", "X__credential") need Azure AD: not locally.
                throw new FunctionConfigurationException(function,
                    $"connection '{key}' is an identity-based connection section; the dev host needs a connection string.");
            }
        }

        throw new FunctionConfigurationException(function,
            $"no connection string for Connection '{connectionName ?? "(default)"}' (looked for {string.Join(", ", candidates)}).");
    }

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex PercentSetting();
}

/// <summary>
/// Functions the dev host cannot run as Azure would (unsupported bindings, missing settings): raised at startup,
/// each problem naming its function.
/// </summary>
public sealed class FunctionConfigurationException(IReadOnlyList<string> problems)
    : InvalidOperationException("The dev host refuses to start:" + string.Concat(problems.Select(p => "\n  " + p)))
{
    public FunctionConfigurationException(string function, string problem)
        : this([$"Function '{function}': {problem}"])
    {
    }

    /// <summary>One line per problem, each starting "Function 'Name': ".</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
