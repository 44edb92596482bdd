using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/credit: a subject's status, active records and measures on a day (art8).</summary>
public sealed class CreditFunction(ClientPrincipalReader callers, SubjectDirectory subjects, CatalogueSet catalogues, TimeProvider clock)
{
    [Function("SubjectCredit")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "subjects/{id}/credit")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        if (callers.Read(request) is not { } caller)
        {
            return ApiResults.Problem(Problem.Unauthenticated(), request);
        }

        if (!RequestReading.TrySubject(id, clock, out var subject, out var problem)
            || !RequestReading.TryAsOf(request, clock, out var asOf, out problem))
        {
            return ApiResults.Problem(problem!, request);
        }

        if (SubjectAccess.Check(caller, subject, Roles.Partner, Roles.Subject, Roles.Unit, Roles.Admin) is { } forbidden)
        {
            return ApiResults.Problem(forbidden, request);
        }

        var stored = await subjects.ReadAsync(subject, cancellationToken);
        var result = CreditStatusEvaluator.Evaluate(subject, stored.Records, asOf, catalogues);
        var response = new CreditResponse(
            new SubjectView(subject.Type.ToWire(), SubjectAccess.Display(caller, subject, stored.Records), stored.Profile?.Name ?? LatestName(stored.Records)),
            asOf,
            result.Status.ToWire(),
            result.ActiveRecords.Select(Views.Of).ToList(),
            result.Measures.Concat(result.JointPunishments).Select(Views.Of).ToList(),
            result.CatalogueVersion);
        return ApiResults.Json(response, AppJson.Web.CreditResponse);
    }

    private static string? LatestName(IReadOnlyList<CreditRecord> records) =>
        records.Where(r => r.SubjectName is not null).OrderByDescending(r => r.DecisionDate).Select(r => r.SubjectName).FirstOrDefault();
}
