using CreditFunctions.App;
using CreditFunctions.DevHost;

// The local stand-in for the Functions host (Core Tools cannot be installed here): the app's own function classes
// and its own service registration (the method Program calls), against Azurite. ./infra/run starts it.
var localSettings = Path.Combine(AppContext.BaseDirectory, "local.settings.json");
var port = int.TryParse(Environment.GetEnvironmentVariable("DEVHOST_PORT"), out var p) ? p : 7071;
var app = DevHostBuilder.Build(
    new DevHostOptions
    {
        Args = args,
        Port = port,
        // Optional, as for Core Tools: ./infra/run passes settings as environment variables instead.
        LocalSettingsPath = File.Exists(localSettings) ? localSettings : null,
    },
    typeof(CreditFunctionsServices).Assembly,
    (services, configuration) => services.AddCreditFunctions(configuration));
await app.RunAsync();
