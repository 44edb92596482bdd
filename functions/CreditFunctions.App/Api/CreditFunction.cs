using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/credit: a subject's status, active records and measures on a day (art8).</summary>
/// <remarks>Every look-up is logged (art12): the record read and the access-log insert run together, 2 storage requests.</remarks>
public sealed class CreditFunction(
    ApiGateway api, SubjectLookupReader lookups, SubjectDirectory subjects, CatalogueSet catalogues, AccessLogging accessLog, ILogger<CreditFunction> logger)
{
    [Function(nameof(ApiRoutes.SubjectCredit))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.SubjectCreditPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.SubjectCredit, (call, token) => AnswerAsync(call, id, token), cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, string id, CancellationToken cancellationToken)
    {
        if (!lookups.TryRead(call, id, out var lookup, out var refusal))
        {
            return refusal!;
        }

        var (caller, subject, asOf, today) = lookup;

        var reading = subjects.ReadAsync(subject, cancellationToken);
        var logging = accessLog.RecordAsync(caller, subject, null, call.Route, cancellationToken);
        await Task.WhenAll(reading, logging);
        var stored = await reading;
        // Past its query period (Regulations art35) dishonesty is history only an administrator sees.
        var answer = CreditAnswers.Evaluate(subject, stored, asOf, today, catalogues, caller.IsIn(Roles.Admin));
        var result = answer.Result;
        // SubjectId.ToString() never prints an ID number ("individual:(personal)"); units are public codes.
        logger.LogDebug("Credit look-up by {Caller} of {Subject}: {Status}", caller.Describe(), subject, result.Status.ToWire());
        var response = new CreditResponse(
            new SubjectView(subject.Type.ToWire(), SubjectAccess.Display(caller, subject, stored.Records), answer.Name),
            asOf,
            result.Status.ToWire(),
            result.ActiveRecords.Select(Views.Of).ToList(),
            answer.Measures,
            result.CatalogueVersion);
        return ApiAnswer.Json(response, AppJson.Web.CreditResponse);
    }
}
