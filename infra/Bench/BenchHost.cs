using CreditFunctions.App;
using CreditFunctions.DevHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Bench;

/// <summary>The dev host running some of the app's functions, on a free port, as the benches drive it.</summary>
internal static class BenchHost
{
    public static WebApplication Build(string[] functions, IReadOnlyDictionary<string, string?> settings, LogLevel minimumLevel = LogLevel.Error) =>
        DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                Functions = functions,
                Settings = settings,
                ConfigureLogging = logging => logging.SetMinimumLevel(minimumLevel),
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
}
