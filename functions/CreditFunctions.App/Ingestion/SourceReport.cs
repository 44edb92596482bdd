using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Calendar;
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
    public async Task RecordAsync(
        string source, string messageId, IReadOnlyList<WrittenRecord> written, IReadOnlyList<RejectedItem> rejected, DateOnly today, CancellationToken cancellationToken)
    {
        var arrivals = new List<(DateOnly Decision, DateOnly Arrival, int WorkingDays)>();
        var activeDelta = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in written)
        {
            // Stored now, or stored by this same message on a delivery that crashed before reporting: either way this
            // message's contribution, which the stores count once per message id.
            if (w.Stale is not null || w.Record.Classified is not { } classified)
            {
                continue;
            }

            // Timeliness counts first arrivals of decisions: a resend of a version says nothing new about the unit.
            if (w.Record.Submission.Version == 1 && !w.Record.Submission.IsRevoke)
            {
                arrivals.Add((classified.DecisionDate, today, calendar.WorkingDaysBetween(classified.DecisionDate, today)));
            }

            if (w.Record.Submission.Version == 1 && !w.Record.Submission.IsRevoke && classified.Period is { } period && period.IsActiveOn(today))
            {
                var kind = classified.Kind.ToWire();
                activeDelta[kind] = activeDelta.GetValueOrDefault(kind) + 1;
            }
        }

        if (arrivals.Count > 0)
        {
            await quality.RecordArrivalsAsync(source, arrivals, cancellationToken, messageId);
        }

        if (written.Count > 0)
        {
            await freshness.RecordArrivalAsync(source, clock.GetUtcNow(), activeDelta, cancellationToken, messageId);
        }
    }
}
