using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Metrics;
using Microsoft.Extensions.Hosting;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// Forwards every measurement of <see cref="OperationsMetrics"/> to Application Insights through
/// <see cref="TelemetryClient.GetMetric(MetricIdentifier)"/>: the SDK pre-aggregates per minute and sends one
/// <c>customMetrics</c> row per series (<c>valueSum</c>, <c>valueMax</c>, … as the alerts and the workbook read them),
/// with the dimensions as <c>customDimensions</c>. Registered by <see cref="TelemetryServices.AddCreditApplicationInsights"/>
/// (Program only): the dev host and the tests have no Application Insights, and nothing listens there.
/// </summary>
/// <remarks>
/// Why a listener rather than the Azure Monitor exporter: the Functions worker's Application Insights package is built on
/// the classic SDK (2.x), whose TelemetryClient is already configured (connection string, Entra authentication) by
/// <c>ConfigureFunctionsApplicationInsights</c>; an OpenTelemetry exporter beside it would need its own configuration and
/// credential. Custom metrics are not sampled.
/// </remarks>
public sealed class ApplicationInsightsMetrics(TelemetryClient client) : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, Metric> _metrics = new(StringComparer.Ordinal);
    private MeterListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OperationsMetrics.MeterName
                    && OperationsMetrics.Dimensions.ContainsKey(instrument.Name))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Track(instrument, value, tags));
        listener.Start();
        _listener = listener;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        // The aggregates of the current minute would otherwise be lost with the instance.
        client.Flush();
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Dispose();

    private void Track(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var dimensions = OperationsMetrics.Dimensions[instrument.Name];
        var metric = _metrics.GetOrAdd(instrument.Name, static (name, state) =>
            state.client.GetMetric(new MetricIdentifier(string.Empty, name, state.dimensions)), (client, dimensions));
        if (dimensions.Length == 0)
        {
            metric.TrackValue(value);
            return;
        }

        var values = new string[dimensions.Length];
        for (var i = 0; i < dimensions.Length; i++)
        {
            values[i] = "none";
            foreach (var tag in tags)
            {
                if (tag.Key == dimensions[i])
                {
                    values[i] = tag.Value?.ToString() ?? "none";
                    break;
                }
            }
        }

        // False only past the SDK's limit of series per metric; such a value is dropped, not sent under another name.
        if (metric.TryGetDataSeries(out var series, createIfNotExists: true, dimensionValues: values))
        {
            series.TrackValue(value);
        }
    }
}
