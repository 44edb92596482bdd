using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Lifecycle;
using CreditFunctions.Domain.Records;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Api;

/// <summary>
/// GET /api/records/{recordId}: one record with its history and whether the history chain verifies (art12).
/// Costs the locator read, the record read (one more per move followed) and the history range query.
/// </summary>
public sealed class RecordFunction(ApiGateway api, RecordStore records, ILogger<RecordFunction> logger)
{
    [Function(nameof(ApiRoutes.Record))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.RecordPath)] HttpRequest request,
        string recordId,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.Record, (call, token) => AnswerAsync(call, recordId, token), cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, string recordId, CancellationToken cancellationToken)
    {
        var caller = call.Caller;
        if (RecordIds.SourceOf(recordId) is not { } source)
        {
            return ApiProblems.InvalidRecordId(recordId);
        }

        // Decided before any read where the id alone settles it: a partner never sees records, and a unit only its own
        // (the id's prefix is the submitting unit).
        var asUnit = caller.IsIn(Roles.Unit) && caller.Unit == source;
        if (!caller.IsIn(Roles.Admin) && !asUnit && !caller.IsIn(Roles.Subject))
        {
            return ApiProblems.ForbiddenRecord();
        }

        // Wherever the record lives now (its locator, following a move): the id any answer showed is usable here at once.
        var stored = await records.FindAsync(recordId, cancellationToken);
        if (stored is null || !RecordAccess.MaySee(caller, stored.Record))
        {
            // A subject is told 403 whether the record is someone else's or absent, so ids cannot be probed for existence.
            return stored is null && (caller.IsIn(Roles.Admin) || asUnit) ? ApiProblems.RecordNotFound() : ApiProblems.ForbiddenRecord();
        }

        var history = await records.ReadHistoryAsync(stored.SubjectKey, recordId, cancellationToken);
        var verified = HistoryChain.Verify(history);
        if (!verified)
        {
            // Record ids carry no personal data; the subject is not named.
            logger.LogWarning("The history chain of record {RecordId} does not verify ({Entries} entries)", recordId, history.Count);
        }

        var record = stored.Record;
        var response = new RecordDetailResponse(
            record.RecordId,
            record.Source,
            record.SourceRecordId,
            record.Version,
            record.State.ToWire(),
            new SubjectView(record.Subject.Type.ToWire(), SubjectAccess.Display(caller, record.Subject, [record]), record.SubjectName),
            record.Kind.ToWire(),
            record.Classification.ToWire(),
            record.Severity?.ToWire(),
            record.DecisionDate,
            record.DecisionNumber,
            record.Start,
            record.ExpiresOn,
            record.WithdrawnOn,
            record.RepairableFrom,
            record.UnderObjection,
            record.Summary,
            record.LegalBasis,
            record.BehaviourCode,
            RecordAccess.Representative(caller, record),
            record.ListedWithUnitId,
            record.CatalogueVersion,
            new RecordHistoryView(verified, history
                .Select(e => new HistoryEntryView(e.Sequence, e.Action, e.Version, e.Actor, e.At, e.Detail, e.Hash,
                    e.AssertedByKid is null && e.MessageSha256 is null && !e.Unsigned ? null : new AssertionView(e.AssertedByKid, e.MessageSha256, e.Unsigned)))
                .ToList()));
        return ApiAnswer.Json(response, AppJson.Web.RecordDetailResponse);
    }
}
