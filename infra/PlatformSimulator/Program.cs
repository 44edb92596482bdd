using CreditFunctions.PlatformSimulator;

// ./infra/run starts this on 127.0.0.1:7072. Chaos from arguments or environment, e.g.
// `--FailureRate 0.3 --TimeoutRate 0.05 --DelayMs 0` or PlatformSimulator__FailureRate=0.3; changed live with
// `curl -X POST http://127.0.0.1:7072/control -d '{"failureRate":0.3}'`.
var port = int.TryParse(Environment.GetEnvironmentVariable("PLATFORM_SIMULATOR_PORT"), out var p) ? p : 7072;
var app = PlatformSimulatorApp.Build(port, args: args);
Console.Error.WriteLine($"platform simulator: http://127.0.0.1:{port}/credit-events");
await app.RunAsync();
