using CreditFunctions.App.Api;
using CreditFunctions.Domain.Repairs;

namespace CreditFunctions.App.Repairs;

/// <summary>Repair refusals as HTTP problems, each with a stable code.</summary>
public static class RepairProblems
{
    public static Problem NotEligible(RepairEvaluation evaluation) =>
        Problem.RepairNotEligible(evaluation.EarliestDate, evaluation.Conditions.Select(c => new ProblemCondition(c.Code, c.Zh, c.En)).ToList());

    public static Problem RecordNotFound() => Problem.NotFound(RepairCodes.RecordNotFound,
        "该主体没有这条信用记录。", "This subject has no such record.");

    public static Problem NotFound() => Problem.NotFound("repair-not-found", "没有该信用修复申请。", "There is no such repair application.");

    public static Problem NotAllowedToApply() => Problem.Refused(403, "not-allowed-to-apply",
        "只有信用主体本人（或市公共信用信息服务中心代为）可以申请修复本主体的记录。",
        "Only the subject itself (or the Public Credit Information Service Center for it) may apply to repair its records.");

    public static Problem AlreadyOpen(string repairId) => Problem.Refused(409, "repair-already-open",
        $"该记录已有尚未办结的信用修复申请（{repairId}）。", $"The record already has an open repair application ({repairId}).");

    public static Problem NotOpen() => Problem.Refused(409, "repair-not-open",
        "该信用修复申请已经办结或正在办结，不能再次作出决定。", "This repair application has already been decided, or is being decided.");

    public static Problem From(RepairDecisionCheck check)
    {
        var first = check.Problems[0];
        var conditions = check.Problems.Count > 1 ? check.Problems.Select(p => new ProblemCondition(p.Code, p.Zh, p.En)).ToList() : null;
        return Problem.Refused(first.Forbidden ? 403 : 400, first.Code, first.Zh, first.En, conditions);
    }
}
