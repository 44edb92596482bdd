using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Api;

// [Required] marks what a request must carry for the OpenAPI document; the members stay nullable because the handler
// answers a missing one with its own problem code (missing-business, missing-subjects), not a deserialisation error.

/// <summary>POST /api/screenings body: one business type and up to 100 subject ids.</summary>
[Description("One business type and up to 100 subjects.")]
public sealed record ScreeningRequest(
    [property: Required, Description("A business type of the application list (GET /api/catalogue), e.g. hrss-business.")] string? Business,
    [property: Required, MinLength(1), MaxLength(ApiProblems.MaxScreeningSubjects), Description("USCCs or resident ID numbers; a bad one fails alone.")] IReadOnlyList<string?>? Subjects);

/// <summary>The answer: one result per requested id, in request order (<c>index</c> is the position in the request).</summary>
[Description("One result per requested subject, in request order.")]
public sealed record ScreeningResponse(
    [property: Description("The business type screened for.")] string Business,
    [property: Description("The day answered for.")] DateOnly AsOf,
    [property: Description("The catalogue version in force on that day.")] string CatalogueVersion,
    [property: Description("One per requested subject, in request order.")] IReadOnlyList<ScreeningResult> Results);

/// <summary>Either status, decision and reasons, or a problem for this subject alone (a bad id fails alone).</summary>
[Description("One subject's result: status, decision and reasons, or (a bad id) a problem for it alone.")]
public sealed record ScreeningResult(
    [property: Description("The subject's position in the request, from 0.")] int Index,
    [property: Description("The subject as the caller may see it; a refused id is echoed, masked when it has 18 characters.")] string SubjectId,
    [property: Description("The credit status; absent when the id was refused."), WireSet(WireSets.CreditStatus)] string? Status = null,
    [property: Description("The decision for the business type; absent when the id was refused."), WireSet(WireSets.RestrictionDecision)] string? Decision = null,
    [property: Description("Every reason of the decision; absent when the id was refused.")] IReadOnlyList<ReasonView>? Reasons = null,
    [property: Description("Why this id was refused (invalid-subject-id); absent otherwise.")] ProblemDocument? Problem = null)
{
    [Description("This look-up's id (its access-log entry), for POST /api/feedback; absent when the id was refused.")]
    public string? LookupId { get; init; }
}
