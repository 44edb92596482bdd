using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace CreditFunctions.App.Telemetry;

/// <summary>
/// The worker's last word on every telemetry item before it is sent: every text an item carries goes through
/// <see cref="IdNumberScrubber"/>, so no resident ID number leaves the app in request URLs or names, dependency
/// data, exception and trace messages, or custom properties (docs/operations.md, "What is scrubbed").
/// </summary>
/// <remarks>
/// A processor rather than an initializer: processors run after every initializer and collector has filled the item
/// in, so nothing is added after the scrub. It changes items in place and never drops one.
/// Request items of the Functions host are not the worker's: host.json turns the host's HTTP details off
/// (<c>enableHttpTriggerExtendedInfoCollection: false</c>), so its request items carry the function's name, not the URL.
/// </remarks>
public sealed class IdNumberTelemetryProcessor(ITelemetryProcessor next) : ITelemetryProcessor
{
    public void Process(ITelemetry item)
    {
        Scrub(item);
        next.Process(item);
    }

    /// <summary>Scrubs <paramref name="item"/> in place (also for tests, which build items directly).</summary>
    public static void Scrub(ITelemetry item)
    {
        ArgumentNullException.ThrowIfNull(item);
        switch (item)
        {
            case RequestTelemetry request:
                request.Name = IdNumberScrubber.Scrub(request.Name);
                request.Url = IdNumberScrubber.Scrub(request.Url);
                request.Source = IdNumberScrubber.Scrub(request.Source);
                break;
            case DependencyTelemetry dependency:
                dependency.Name = IdNumberScrubber.Scrub(dependency.Name);
                dependency.Data = IdNumberScrubber.Scrub(dependency.Data);
                dependency.Target = IdNumberScrubber.Scrub(dependency.Target);
                dependency.ResultCode = IdNumberScrubber.Scrub(dependency.ResultCode);
                break;
            case ExceptionTelemetry exception:
                foreach (var details in exception.ExceptionDetailsInfoList)
                {
                    details.Message = IdNumberScrubber.Scrub(details.Message);
                }

                if (IdNumberScrubber.NeedsScrubbing(exception.Message))
                {
                    exception.Message = IdNumberScrubber.Scrub(exception.Message);
                }

                exception.ProblemId = IdNumberScrubber.Scrub(exception.ProblemId);
                break;
            case TraceTelemetry trace:
                trace.Message = IdNumberScrubber.Scrub(trace.Message);
                break;
            case EventTelemetry customEvent:
                customEvent.Name = IdNumberScrubber.Scrub(customEvent.Name);
                break;
            case MetricTelemetry metric:
                metric.Name = IdNumberScrubber.Scrub(metric.Name);
                break;
            case AvailabilityTelemetry availability:
                availability.Name = IdNumberScrubber.Scrub(availability.Name);
                availability.Message = IdNumberScrubber.Scrub(availability.Message);
                break;
            case PageViewTelemetry pageView:
                pageView.Name = IdNumberScrubber.Scrub(pageView.Name);
                pageView.Url = IdNumberScrubber.Scrub(pageView.Url);
                break;
        }

        if (item is ISupportProperties withProperties)
        {
            ScrubProperties(withProperties.Properties);
        }

        if (item is ISupportMetrics withMetrics)
        {
            ScrubKeys(withMetrics.Metrics);
        }

        var context = item.Context;
        context.Operation.Name = IdNumberScrubber.Scrub(context.Operation.Name);
        context.User.Id = IdNumberScrubber.Scrub(context.User.Id);
        context.User.AuthenticatedUserId = IdNumberScrubber.Scrub(context.User.AuthenticatedUserId);
        ScrubProperties(context.GlobalProperties);
    }

    private static void ScrubProperties(IDictionary<string, string> properties)
    {
        List<KeyValuePair<string, string>>? changed = null;
        foreach (var (key, value) in properties)
        {
            if (IdNumberScrubber.NeedsScrubbing(key) || IdNumberScrubber.NeedsScrubbing(value))
            {
                (changed ??= []).Add(new(key, value));
            }
        }

        foreach (var (key, value) in changed ?? [])
        {
            properties.Remove(key);
            properties[IdNumberScrubber.Scrub(key)!] = IdNumberScrubber.Scrub(value)!;
        }
    }

    private static void ScrubKeys(IDictionary<string, double> metrics)
    {
        foreach (var (key, value) in metrics.Where(m => IdNumberScrubber.NeedsScrubbing(m.Key)).ToList())
        {
            metrics.Remove(key);
            metrics[IdNumberScrubber.Scrub(key)!] = value;
        }
    }
}
