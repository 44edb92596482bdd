using CreditFunctions.App.Api;
using CreditFunctions.Domain.Objections;

namespace CreditFunctions.App.Objections;

/// <summary>The domain's objection problems as HTTP problems: the kind chooses the status, the code stays the rule's.</summary>
public static class ObjectionProblems
{
    public static int StatusOf(ObjectionProblemKind kind) => kind switch
    {
        ObjectionProblemKind.Forbidden => 403,
        ObjectionProblemKind.NotFound => 404,
        ObjectionProblemKind.InvalidInput => 400,
        ObjectionProblemKind.RecordNotObjectable => 422,
        ObjectionProblemKind.Conflict => 409,
        _ => 400,
    };

    /// <summary>The first problem names the answer (the policy lists them in order of weight); all are in <c>conditions</c>.</summary>
    public static Problem From(IReadOnlyList<ObjectionProblem> problems)
    {
        var first = problems[0];
        var conditions = problems.Count > 1 ? problems.Select(p => new ProblemCondition(p.Code, p.Zh, p.En)).ToList() : null;
        return Problem.Refused(StatusOf(first.Kind), first.Code, first.Zh, first.En, conditions);
    }

    public static Problem NotFound() => Problem.NotFound("objection-not-found", "没有该异议。", "There is no such objection.");

    public static Problem AlreadyOpen(string objectionId) => Problem.Refused(409, ObjectionCodes.ObjectionAlreadyOpen,
        $"该记录已有尚未办结的异议（{objectionId}）。", $"The record already has an open objection ({objectionId}).");

    public static Problem NotOpen() => Problem.Refused(409, ObjectionCodes.ObjectionNotOpen,
        "该异议已经办结或正在办结，不能再次作出决定。", "This objection has already been decided, or is being decided.");

}
