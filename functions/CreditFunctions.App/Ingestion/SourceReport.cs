using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Ingestion;

/// <summary>
/// What a message tells about its source unit (art7: timely, accurate, complete): how many working days after the
/// decision each record arrived, and that the source is alive (freshness for partners); what was rejected and why is
/// counted by <see cref="RejectionLedger"/>, which sees every rejection, of a record or of a whole message.
/// Each store counts a message id once, so a redelivered message is not counted twice.
/// </summary>
public sealed class SourceReport(UnitQualityStore quality, SourceFreshnessStore freshness, WorkingDayCalendar calendar, TimeProvider clock)
{
    /// <param name="applied">The events of the message's records that were applied (or found applied by this very message).</param>
    public async Task RecordAsync(string source, string messageId, IReadOnlyList<RecordEvent> applied, DateOnly today, CancellationToken cancellationToken)
    {
        var arrivals = new List<(DateOnly Decision, DateOnly Arrival, int WorkingDays)>();
        var activeDelta = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var received in applied.OfType<VersionReceived>())
        {
            // Timeliness counts first arrivals of decisions: a resend of a version says nothing new about the unit.
            var classified = received.Classified;
            if (classified.Submission.Version != 1)
            {
                continue;
            }

            arrivals.Add((classified.DecisionDate, today, calendar.WorkingDaysBetween(classified.DecisionDate, today)));
            if (classified.Period is { } period && period.IsActiveOn(today))
            {
                var kind = classified.Kind.ToWire();
                activeDelta[kind] = activeDelta.GetValueOrDefault(kind) + 1;
            }
        }

        if (arrivals.Count > 0)
        {
            await quality.RecordArrivalsAsync(source, arrivals, cancellationToken, messageId);
        }

        if (applied.Count > 0)
        {
            await freshness.RecordArrivalAsync(source, clock.GetUtcNow(), activeDelta, cancellationToken, messageId);
        }
    }
}
