using CreditFunctions.PlatformSimulator;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>
/// A private Azurite and an in-process platform simulator for one test class. Private, because the push and
/// reconciliation read the outbox queue and every bucket's pending rows, which other classes write to as well.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private WebApplication? _simulator;

    public AzuriteServer Storage { get; private set; } = null!;

    public WebApplication Simulator => _simulator ?? throw new InvalidOperationException("not started");

    public string BaseUrl { get; private set; } = "";

    public PlatformLedger Ledger => PlatformSimulatorApp.Ledger(Simulator);

    public Chaos Chaos => PlatformSimulatorApp.Chaos(Simulator);

    public async Task InitializeAsync()
    {
        Storage = AzuriteServer.Start();
        _simulator = PlatformSimulatorApp.Build();
        await _simulator.StartAsync();
        BaseUrl = PlatformSimulatorApp.BaseAddress(_simulator);
    }

    public async Task DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.StopAsync();
            await _simulator.DisposeAsync();
        }

        Storage?.Dispose();
    }
}
