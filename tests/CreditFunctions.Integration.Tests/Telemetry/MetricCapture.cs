using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using CreditFunctions.App.Telemetry;

namespace CreditFunctions.Integration.Tests.Telemetry;

/// <summary>One measurement of <see cref="OperationsMetrics"/>: instrument, value and dimensions.</summary>
public sealed record Measured(string Name, double Value, IReadOnlyDictionary<string, string?> Tags)
{
    public string? this[string tag] => Tags.GetValueOrDefault(tag);
}

/// <summary>
/// What <see cref="OperationsMetrics"/> reports from code this test runs, and only that: the metrics are static and other
/// tests run in parallel, so a measurement counts when it is made in this capture's async flow (an AsyncLocal marker).
/// </summary>
public sealed class MetricCapture : IDisposable
{
    private static readonly AsyncLocal<MetricCapture?> Current = new();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<Measured> _measured = new();

    public MetricCapture()
    {
        Current.Value = this;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == OperationsMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Record(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Record(i, v, t));
        _listener.Start();
    }

    public IReadOnlyList<Measured> All => [.. _measured];

    public IReadOnlyList<Measured> Of(string name) => All.Where(m => m.Name == name).ToList();

    public void Dispose()
    {
        _listener.Dispose();
        Current.Value = null;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!ReferenceEquals(Current.Value, this))
        {
            return;
        }

        var dimensions = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            dimensions[tag.Key] = tag.Value?.ToString();
        }

        _measured.Enqueue(new Measured(instrument.Name, value, dimensions));
    }
}
