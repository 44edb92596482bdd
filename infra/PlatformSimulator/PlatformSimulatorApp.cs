using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.PlatformSimulator;

/// <summary>
/// The platform side of the contract ("The platform") on 127.0.0.1, for local runs, tests and benchmarks:
/// <c>POST /credit-events</c> (200 taken; 409 repeat or older than held; 400 not an event), <c>GET /credit-events</c>,
/// <c>GET /records/{recordId}</c> (latest held), <c>GET /stats</c>, <c>GET|POST /control</c> (chaos), <c>POST /reset</c>; and a
/// partner's webhook endpoint for watches: <c>POST /hooks/{name}</c>, <c>GET /hooks/{name}</c>, <c>PUT /hooks/{name}/secret</c>,
/// <c>GET|POST /hooks/control</c> (its own chaos).
/// </summary>
public static class PlatformSimulatorApp
{
    /// <param name="port">0 picks a free port (see <see cref="BaseAddress"/>).</param>
    /// <param name="chaos">Initial chaos; otherwise from configuration (FailureRate, TimeoutRate, DelayMs), else healthy.</param>
    public static WebApplication Build(int port = 0, ChaosSettings? chaos = null, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args ?? [] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var configured = FromConfiguration(builder.Configuration);
        builder.Services.AddSingleton(new Chaos(chaos ?? configured));
        builder.Services.AddSingleton<PlatformLedger>();
        builder.Services.AddSingleton<WebhookReceiver>();
        builder.Services.AddSingleton(TimeProvider.System);

        var app = builder.Build();
        app.MapPost("/credit-events", CreditEventEndpoint.PostAsync);
        app.MapGet("/credit-events", (PlatformLedger ledger) =>
        {
            var events = ledger.Events();
            return Results.Json(new EventList(events.Count, events), SimulatorJson.Default.EventList);
        });
        app.MapGet("/records/{recordId}", (string recordId, PlatformLedger ledger) =>
            ledger.Latest(recordId) is { } latest ? Results.Json(latest, SimulatorJson.Default.ReceivedEvent) : Results.NotFound());
        app.MapGet("/stats", (PlatformLedger ledger) => Results.Json(ledger.Stats(), SimulatorJson.Default.LedgerStats));
        app.MapGet("/control", (Chaos c) => Results.Json(c.Settings, SimulatorJson.Default.ChaosSettings));
        app.MapPost("/control", async (HttpContext context, Chaos c) =>
        {
            var update = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJson.Default.ChaosUpdate, context.RequestAborted);
            return update is null ? Results.BadRequest() : Results.Json(c.Apply(update), SimulatorJson.Default.ChaosSettings);
        });
        app.MapPost("/reset", (PlatformLedger ledger, WebhookReceiver hooks) =>
        {
            ledger.Clear();
            hooks.Clear();
            return Results.NoContent();
        });

        // A partner's webhook endpoint for watches, with chaos of its own.
        app.MapGet("/hooks/control", (WebhookReceiver hooks) => Results.Json(hooks.Chaos.Settings, SimulatorJson.Default.ChaosSettings));
        app.MapPost("/hooks/control", async (HttpContext context, WebhookReceiver hooks) =>
        {
            var update = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJson.Default.ChaosUpdate, context.RequestAborted);
            return update is null ? Results.BadRequest() : Results.Json(hooks.Chaos.Apply(update), SimulatorJson.Default.ChaosSettings);
        });
        app.MapPost("/hooks/{name}", (string name, HttpContext context, WebhookReceiver hooks, TimeProvider clock) => hooks.PostAsync(name, context, clock));
        app.MapGet("/hooks/{name}", (string name, WebhookReceiver hooks) => Results.Json(hooks.Log(name), SimulatorJson.Default.HookLog));
        app.MapPut("/hooks/{name}/secret", async (string name, HttpContext context, WebhookReceiver hooks) =>
        {
            var secret = await JsonSerializer.DeserializeAsync(context.Request.Body, SimulatorJson.Default.HookSecret, context.RequestAborted);
            if (secret is not { Secret.Length: > 0 })
            {
                return Results.BadRequest();
            }

            hooks.SetSecret(name, secret.Secret);
            return Results.NoContent();
        });
        return app;
    }

    /// <summary>Where a started simulator listens, e.g. http://127.0.0.1:41234 (no trailing slash, like Platform__BaseUrl).</summary>
    public static string BaseAddress(WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
                      ?? throw new InvalidOperationException("The simulator is not listening yet; call StartAsync first.");
        return address.TrimEnd('/');
    }

    public static PlatformLedger Ledger(WebApplication app) => app.Services.GetRequiredService<PlatformLedger>();

    public static Chaos Chaos(WebApplication app) => app.Services.GetRequiredService<Chaos>();

    public static WebhookReceiver Hooks(WebApplication app) => app.Services.GetRequiredService<WebhookReceiver>();

    private static ChaosSettings FromConfiguration(IConfiguration configuration)
    {
        double Rate(string name) => double.TryParse(configuration[$"PlatformSimulator:{name}"] ?? configuration[name],
            System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : 0;
        return new ChaosSettings(Rate("FailureRate"), Rate("TimeoutRate"), (int)Rate("DelayMs"));
    }
}
