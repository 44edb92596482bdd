namespace CreditFunctions.App.Api;

/// <summary>A problem as the RFC 9457 document, for problems nested in a larger answer (a screening's failed subject).</summary>
public static class ProblemDocuments
{
    public static ProblemDocument Of(Problem problem, string? instance) => new(
        $"urn:creditfunctions:problem:{problem.Code}",
        $"{problem.TitleZh} / {problem.TitleEn}",
        problem.Status,
        $"{problem.DetailZh} / {problem.DetailEn}",
        instance,
        problem.Code,
        new ProblemText(problem.TitleZh, problem.DetailZh),
        new ProblemText(problem.TitleEn, problem.DetailEn),
        problem.EarliestDate,
        problem.Conditions);
}
