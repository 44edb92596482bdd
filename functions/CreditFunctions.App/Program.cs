using CreditFunctions.App;
using CreditFunctions.App.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// Application Insights in the worker only (AddApplicationInsightsTelemetryWorkerService, ConfigureFunctionsApplicationInsights,
// and the ID-number scrub, the custom metrics and the app's information logs): docs/operations.md, "Telemetry".
builder.Services.AddCreditApplicationInsights();
// The dev host (infra/DevHost) calls the same method: one list of services for both hosts.
builder.Services.AddCreditFunctions(builder.Configuration);
builder.Build().Run();
