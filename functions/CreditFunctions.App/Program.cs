using CreditFunctions.App;
using CreditFunctions.App.Telemetry;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Application Insights in the worker: dependencies (every storage and platform call), traces, exceptions and the app's
// custom metrics go from here, with APPLICATIONINSIGHTS_CONNECTION_STRING (and Entra auth) from the app settings. Without a
// connection string nothing is sent. Processors added by AddCreditTelemetry (the ID-number scrub) run before the SDK's own
// metric extraction, Live Metrics and sampling, so those see scrubbed items only (docs/operations.md, "Telemetry").
builder.Services.AddApplicationInsightsTelemetryWorkerService(options => options.EnableDependencyTrackingTelemetryModule = true);
builder.Services.ConfigureFunctionsApplicationInsights();
builder.Services.AddCreditTelemetry();
// The dev host (infra/DevHost) calls the same method: one list of services for both hosts.
builder.Services.AddCreditFunctions(builder.Configuration);
builder.Build().Run();
