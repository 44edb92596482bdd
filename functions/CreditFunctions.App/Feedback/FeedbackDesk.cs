using System.Globalization;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Cases;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;

namespace CreditFunctions.App.Feedback;

/// <summary>
/// Enforcement feedback's policy (docs/http-api.md "Enforcement feedback", art8, art9 联合奖惩应用反馈): a department
/// reports what it did with a measure a look-up of its own named. Checked in this order, nothing written until all
/// pass: the body (400), the look-up exists for that subject (404), it is the caller's (403) and for that business
/// (403), it named the measure (422), and no feedback on that measure of it yet (409). Three storage requests: the
/// look-up's point read, one transaction (feedback, day index, platform event), the push's notice.
/// </summary>
public sealed class FeedbackDesk(AccessLogStore accessLog, RecordStore records, SubjectKeys keys, TimeProvider clock)
{
    public async Task<ApiAnswer> FileAsync(Caller caller, FeedbackBody body, CancellationToken cancellationToken)
    {
        if (!LookupIds.IsWellFormed(body.LookupId))
        {
            return FeedbackProblems.InvalidLookupId(body.LookupId);
        }

        if (!RequestReading.TrySubject(body.SubjectId, clock, out var subject, out var badSubject))
        {
            return badSubject!;
        }

        if (string.IsNullOrWhiteSpace(body.Business))
        {
            return ApiProblems.MissingBusiness();
        }

        if (string.IsNullOrWhiteSpace(body.Measure))
        {
            return FeedbackProblems.MissingMeasure();
        }

        if (body.Handling is null || !MeasureFeedback.Handlings.Contains(body.Handling))
        {
            return FeedbackProblems.InvalidHandling(body.Handling);
        }

        if (body.Note is { Length: > FeedbackProblems.MaxNoteCharacters } note)
        {
            return FeedbackProblems.NoteTooLong(note.Length);
        }

        if (body.Amount is < 0)
        {
            return FeedbackProblems.InvalidAmount();
        }

        var subjectKey = keys.KeyFor(subject);
        if (await accessLog.FindAsync(subjectKey, body.LookupId!, cancellationToken) is not { } lookup)
        {
            return FeedbackProblems.LookupNotFound();
        }

        if (!IsSameCaller(caller, lookup))
        {
            return FeedbackProblems.LookupNotYours();
        }

        if (!string.Equals(lookup.Business, body.Business, StringComparison.Ordinal))
        {
            return FeedbackProblems.BusinessMismatch(body.Business, lookup.Business);
        }

        if (!lookup.Measures.Contains(body.Measure, StringComparer.Ordinal))
        {
            return FeedbackProblems.MeasureNotNamed(body.Measure, lookup.Measures);
        }

        var now = clock.GetUtcNow();
        var feedback = new MeasureFeedback(CaseIds.NewFeedbackId(), lookup.LookupId, subject.Value, body.Business, body.Measure, body.Handling,
            string.IsNullOrWhiteSpace(body.Note) ? null : body.Note.Trim(), body.Amount);
        var stored = new StoredFeedback(feedback, now, ChinaStandardTime.DateOf(lookup.At),
            string.Join(',', caller.Roles.Order(StringComparer.Ordinal)), caller.Unit, caller.ObjectId);
        if (!await records.AddFeedbackAsync(subjectKey, stored, cancellationToken))
        {
            return FeedbackProblems.AlreadyGiven();
        }

        return ApiAnswer.Json(new FeedbackFiled(feedback.FeedbackId, feedback.LookupId, feedback.Measure, feedback.Handling, now),
            AppJson.Web.FeedbackFiled, StatusCodes.Status201Created);
    }

    /// <summary>The feedback on one subject (the subject itself, administrators): one range query, and the look-up logged (art12).</summary>
    public async Task<ApiAnswer> OfSubjectAsync(ApiCall call, SubjectId subject, AccessLogging logging, CancellationToken cancellationToken)
    {
        var reading = records.FeedbackOfAsync(keys.KeyFor(subject), cancellationToken);
        var logged = logging.RecordAsync(call.Caller, subject, null, call.Route, cancellationToken);
        await Task.WhenAll(reading, logged);
        var views = (await reading).Select(f => new FeedbackView(f.Feedback.FeedbackId, f.Feedback.LookupId, f.LookupDay, f.Feedback.Business,
            f.Feedback.Measure, f.Feedback.Handling, f.Feedback.Note, f.Feedback.Amount, f.FiledAt, f.FiledBy, f.FiledByUnit)).ToList();
        return ApiAnswer.Json(new SubjectFeedbackResponse(SubjectAccess.Display(call.Caller, subject, []), views), AppJson.Web.SubjectFeedbackResponse);
    }

    /// <summary>
    /// Per business type and measure, the look-ups of the days <c>from</c> … <c>to</c> that named it, how many got feedback
    /// and what was done: one range query per bucket of each day index (64 queries, whatever the period).
    /// </summary>
    public async Task<ApiAnswer> SummaryAsync(ApiCall call, CancellationToken cancellationToken)
    {
        var today = ChinaStandardTime.Today(clock);
        if (!TryDay(call.Query("from"), "from", today.AddDays(-29), out var from, out var badFrom))
        {
            return badFrom!;
        }

        if (!TryDay(call.Query("to"), "to", today, out var to, out var badTo))
        {
            return badTo!;
        }

        if (to < from || to.DayNumber - from.DayNumber >= FeedbackProblems.MaxSummaryDays)
        {
            return FeedbackProblems.InvalidPeriod(
                $"to 不得早于 from，期间最长 {FeedbackProblems.MaxSummaryDays} 天（收到 {from:yyyy-MM-dd} 至 {to:yyyy-MM-dd}）。",
                $"to may not be before from, and the period is at most {FeedbackProblems.MaxSummaryDays} days (got {from:yyyy-MM-dd} to {to:yyyy-MM-dd}).");
        }

        var lookups = accessLog.LookupsNamingMeasuresAsync(from, to, cancellationToken);
        var feedback = records.FeedbackOfDaysAsync(from, to, cancellationToken);
        await Task.WhenAll(lookups, feedback);
        var rows = new Dictionary<(string Business, string Measure), int[]>();
        int[] Row(string business, string measure) =>
            rows.TryGetValue((business, measure), out var row) ? row : rows[(business, measure)] = new int[7];
        foreach (var lookup in await lookups)
        {
            foreach (var measure in lookup.Measures.Distinct(StringComparer.Ordinal))
            {
                var row = Row(lookup.Business, measure);
                row[0]++;
                row[lookup.Decision == "restricted" ? 1 : 2]++;
            }
        }

        foreach (var f in await feedback)
        {
            var row = Row(f.Business, f.Measure);
            row[3]++;
            row[f.Handling switch { MeasureFeedback.Applied => 4, MeasureFeedback.NotApplied => 5, _ => 6 }]++;
        }

        var summary = rows
            .OrderBy(r => r.Key.Business, StringComparer.Ordinal).ThenBy(r => r.Key.Measure, StringComparer.Ordinal)
            .Select(r => new FeedbackSummaryRow(r.Key.Business, r.Key.Measure, r.Value[0], r.Value[1], r.Value[2], r.Value[3], r.Value[4], r.Value[5], r.Value[6]))
            .ToList();
        return ApiAnswer.Json(new FeedbackSummaryResponse(from, to, summary), AppJson.Web.FeedbackSummaryResponse);
    }

    /// <summary>
    /// The caller that made the look-up: the same Entra object id when the look-up recorded one (partner apps always
    /// do); else the same unit for a unit; else the same roles and name.
    /// </summary>
    private static bool IsSameCaller(Caller caller, AccessLogEntry lookup)
    {
        if (lookup.CallerObjectId is { } oid)
        {
            return string.Equals(caller.ObjectId, oid, StringComparison.OrdinalIgnoreCase);
        }

        if (lookup.Unit is { } unit)
        {
            return caller.IsIn(Roles.Unit) && string.Equals(caller.Unit, unit, StringComparison.Ordinal);
        }

        // An official known by neither: the same roles and the same name, and a name there must be (two nameless
        // callers of one role are not one caller).
        return caller.ObjectId is null && lookup.CallerName is { Length: > 0 }
               && lookup.Role == string.Join(',', caller.Roles.Order(StringComparer.Ordinal))
               && string.Equals(lookup.CallerName, caller.Name, StringComparison.Ordinal);
    }

    private static bool TryDay(string text, string name, DateOnly fallback, out DateOnly day, out Problem? problem)
    {
        problem = null;
        if (text.Length == 0)
        {
            day = fallback;
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            return true;
        }

        problem = Problem.InvalidDate(name, text);
        return false;
    }
}
