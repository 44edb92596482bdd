using CreditFunctions.DevHost.Tests.Support;
using Microsoft.AspNetCore.Builder;

namespace CreditFunctions.DevHost.Tests;

public sealed class LocalSettingsTests
{
    [Fact]
    public async Task Local_settings_values_become_app_settings_below_explicit_settings()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("devhost-settings-");
        try
        {
            string hostJson = Path.Combine(dir.FullName, "host.json");
            string localSettings = Path.Combine(dir.FullName, "local.settings.json");
            await File.WriteAllTextAsync(hostJson, HostJson.With());
            await File.WriteAllTextAsync(localSettings, """
                { "IsEncrypted": false,
                  "Values": { "Pseudonym__Key": "from-file", "Overridden": "from-file" } }
                """);
            DevHostOptions options = TestHost.Options(hostJson, ["LateAdded"],
                new Dictionary<string, string?> { ["Overridden"] = "explicit" });

            await using WebApplication app = DevHostBuilder.Build(
                new DevHostOptions
                {
                    HostJsonPath = options.HostJsonPath, LocalSettingsPath = localSettings, Port = 0,
                    Functions = options.Functions, Settings = options.Settings, ConfigureLogging = options.ConfigureLogging,
                },
                typeof(LocalSettingsTests).Assembly, (_, _) => { });

            Assert.Equal("from-file", app.Configuration["Pseudonym:Key"]);
            Assert.Equal("explicit", app.Configuration["Overridden"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
