using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/restrictions?business=: may this subject do this business (art8.2.3, art9)?</summary>
/// <remarks>Every look-up is logged (art12) with its business type, in parallel with the read.</remarks>
public sealed class RestrictionFunction(
    ApiGateway api, SubjectLookupReader lookups, SubjectDirectory subjects, CatalogueSet catalogues, AccessLogging accessLog, ILogger<RestrictionFunction> logger)
{
    [Function(nameof(ApiRoutes.SubjectRestrictions))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, ApiRoutes.Get, Route = ApiRoutes.SubjectRestrictionsPath)] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        api.RunAsync(request, ApiRoutes.SubjectRestrictions, (call, token) => AnswerAsync(call, id, token), cancellationToken);

    private async Task<ApiAnswer> AnswerAsync(ApiCall call, string id, CancellationToken cancellationToken)
    {
        if (!lookups.TryRead(call, id, out var lookup, out var refusal))
        {
            return refusal!;
        }

        var (caller, subject, asOf, today) = lookup;
        var business = call.Query("business");
        if (string.IsNullOrWhiteSpace(business))
        {
            return ApiProblems.MissingBusiness();
        }

        // An unknown business type is the caller's mistake: answer it before any storage request or log entry.
        var catalogue = catalogues.ForDate(asOf);
        if (!catalogue.IsKnownBusinessType(business))
        {
            return ApiProblems.UnknownBusinessType(business, catalogue.Document.BusinessTypes.Select(b => b.Code));
        }

        var stored = await subjects.ReadAsync(subject, cancellationToken);
        var representative = await subjects.LegalRepresentativeRecordsAsync(
            subject, stored, RestrictionCheck.NeedsLegalRepresentative(business, asOf, catalogues), cancellationToken);
        var result = RestrictionCheck.Evaluate(
            subject, QueryPeriod.Visible(stored.Records, today, catalogues, caller.IsIn(Roles.Admin)), representative, business, asOf, catalogues);
        if (result.Error is { } error)
        {
            return new Problem(400, error.Code, "未知业务类型", "Unknown business type",
                $"{error.Text.Zh} 已知类型：{string.Join("、", error.KnownBusinessTypes)}",
                $"{error.Text.En} Known types: {string.Join(", ", error.KnownBusinessTypes)}");
        }

        // Logged after the answer is known (art12), with what it named: feedback on this look-up is checked against it.
        // Still one write: the look-up's second and last storage request.
        var entry = accessLog.EntryFor(caller, subject, business, call.Route, result);
        await accessLog.RecordAsync(entry, cancellationToken);
        logger.LogDebug("Restriction look-up by {Caller} of {Subject} for {Business}: {Decision}",
            caller.Describe(), subject, result.BusinessType, result.Decision.ToWire());
        var response = new RestrictionResponse(
            SubjectAccess.Display(caller, subject, stored.Records),
            result.BusinessType,
            result.AsOf,
            result.Decision.ToWire(),
            result.Reasons.Select(Views.Of).ToList(),
            result.Exemptions.Select(Views.Of).ToList(),
            result.CatalogueVersion) { LookupId = entry.LookupId };
        return ApiAnswer.Json(response, AppJson.Web.RestrictionResponse);
    }
}
