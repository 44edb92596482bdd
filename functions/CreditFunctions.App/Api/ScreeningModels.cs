namespace CreditFunctions.App.Api;

/// <summary>POST /api/screenings body: one business type and up to 100 subject ids.</summary>
public sealed record ScreeningRequest(string? Business, IReadOnlyList<string?>? Subjects);

/// <summary>The answer: one result per requested id, in request order (<c>index</c> is the position in the request).</summary>
public sealed record ScreeningResponse(string Business, DateOnly AsOf, string CatalogueVersion, IReadOnlyList<ScreeningResult> Results);

/// <summary>Either status, decision and reasons, or a problem for this subject alone (a bad id fails alone).</summary>
public sealed record ScreeningResult(
    int Index,
    string SubjectId,
    string? Status = null,
    string? Decision = null,
    IReadOnlyList<ReasonView>? Reasons = null,
    ProblemDocument? Problem = null);
