using CreditFunctions.App;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// The dev host (infra/DevHost) calls the same method: one list of services for both hosts.
builder.Services.AddCreditFunctions(builder.Configuration);
builder.Build().Run();
