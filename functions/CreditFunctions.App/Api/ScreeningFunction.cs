using CreditFunctions.App.Api.Routes;
using System.Collections.Concurrent;
using System.Text.Json;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Api;

/// <summary>
/// POST /api/screenings: up to 100 subjects against one business type (art8.2.3, art9), for partners screening
/// applicants in bulk. Subjects are read 16 at a time; each one's look-up is logged (art12), the log entries written
/// as one entity-group transaction per bucket alongside the reads.
/// </summary>
public sealed class ScreeningFunction(
    ApiGateway api, SubjectDirectory subjects, CatalogueSet catalogues, TimeProvider clock, AccessLogging accessLog,
    ILogger<ScreeningFunction> logger)
{
    /// <summary>Enough to hide storage latency, few enough not to crowd out other requests on the same instance.</summary>
    public const int ReadConcurrency = 16;

    [Function(nameof(ApiRoutes.Screening))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Post, Route = ApiRoutes.ScreeningsPath)] HttpRequest request,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.Screening, AppJson.Web.ScreeningRequest, AnswerAsync, cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, ScreeningRequest body, CancellationToken cancellationToken)
    {
        var (caller, request) = (call.Caller, call.Request);
        if (!RequestReading.TryAsOf(request, clock, out var asOf, out var problem))
        {
            return problem!;
        }

        var catalogue = catalogues.ForDate(asOf);
        var business = body.Business;
        if (string.IsNullOrWhiteSpace(business))
        {
            return ApiProblems.MissingBusiness();
        }

        if (!catalogue.IsKnownBusinessType(business))
        {
            return ApiProblems.UnknownBusinessType(business, catalogue.Document.BusinessTypes.Select(b => b.Code));
        }

        var ids = body.Subjects;
        if (ids is null || ids.Count == 0)
        {
            return ApiProblems.MissingSubjects();
        }

        if (ids.Count > ApiProblems.MaxScreeningSubjects)
        {
            return ApiProblems.TooManySubjects(ids.Count);
        }

        var today = ChinaStandardTime.Today(clock);
        var parsed = new SubjectId?[ids.Count];
        var results = new ScreeningResult?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            if (SubjectId.TryParse(ids[i], today, out var subject, out var error))
            {
                parsed[i] = subject;
            }
            else
            {
                results[i] = new ScreeningResult(i, Echo(ids[i]),
                    Problem: ProblemDocuments.Of(Problem.InvalidSubjectId(error.Zh, error.En), request.Path.Value));
            }
        }

        // A subject named twice is read and logged once.
        var distinct = parsed.OfType<SubjectId>().Distinct().ToList();
        var needsRepresentative = RestrictionCheck.NeedsLegalRepresentative(business, asOf, catalogues);
        var answers = new ConcurrentDictionary<SubjectId, (IReadOnlyList<CreditRecord> Records, IReadOnlyList<CreditRecord> Visible, RestrictionResult Result)>();
        var reading = Parallel.ForEachAsync(distinct, new ParallelOptions { MaxDegreeOfParallelism = ReadConcurrency, CancellationToken = cancellationToken },
            async (subject, token) =>
            {
                var stored = await subjects.ReadAsync(subject, token);
                var representative = await subjects.LegalRepresentativeRecordsAsync(subject, stored, needsRepresentative, token);
                // Past its query period (Regulations art35) dishonesty is history only an administrator sees: for the
                // status as for the decision, as the credit and restriction routes do.
                var visible = QueryPeriod.Visible(stored.Records, today, catalogues, caller.IsIn(Roles.Admin));
                answers[subject] = (stored.Records, visible, RestrictionCheck.Evaluate(subject, visible, representative, business, asOf, catalogues));
            });
        await reading;

        // Logged once every answer is known, with what each named (art12; feedback is checked against it): one
        // entity-group transaction per bucket, as before.
        var entries = distinct.ToDictionary(s => s, s => accessLog.EntryFor(caller, s, business, call.Route, answers[s].Result));
        await accessLog.RecordManyAsync(entries.Values.ToList(), cancellationToken);

        for (var i = 0; i < ids.Count; i++)
        {
            if (parsed[i] is not { } subject)
            {
                continue;
            }

            var (records, visible, result) = answers[subject];
            results[i] = new ScreeningResult(
                i,
                SubjectAccess.Display(caller, subject, records),
                CreditStatusEvaluator.StatusOf(subject, visible, asOf).ToWire(),
                result.Decision.ToWire(),
                result.Reasons.Select(Views.Of).ToList())
            {
                LookupId = entries[subject].LookupId,
            };
        }

        logger.LogInformation("Screening by {Caller} for {Business}: {Subjects} subjects, {Invalid} invalid ids",
            caller.Describe(), business, ids.Count, ids.Count - parsed.Count(p => p is not null));
        var response = new ScreeningResponse(business, asOf, catalogue.Version, results.Select(r => r!).ToList());
        return ApiAnswer.Json(response, AppJson.Web.ScreeningResponse);
    }


    /// <summary>
    /// A refused id is echoed so the partner can match it, but an 18-character one may be a mistyped ID number: it
    /// is masked like one.
    /// </summary>
    private static string Echo(string? input)
    {
        var text = (input ?? "").Trim();
        return text.Length == 18 ? string.Concat(text.AsSpan(0, 6), "********", text.AsSpan(14)) : Problem.Clip(text);
    }
}
