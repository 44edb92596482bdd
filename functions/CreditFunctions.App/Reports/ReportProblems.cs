using CreditFunctions.App.Api;

namespace CreditFunctions.App.Reports;

/// <summary>The credit reports' problems; every code is stable and in the OpenAPI document (docs/http-api.md, "Credit reports").</summary>
public static class ReportProblems
{
    public const string NotOwnSubjectCode = "not-own-subject";
    public const string NotFoundCode = "report-not-found";
    public const string CodeRequiredCode = "verification-code-required";

    /// <summary>A subject asking for another subject's report (the same code as an objection filed for another subject).</summary>
    public static Problem NotOwnSubject() => Problem.Refused(403, NotOwnSubjectCode,
        "信用报告只能由主体本人申请（或由管理员出具），不能申请其他主体的信用报告。",
        "A credit report is issued to the subject itself (or by an administrator): a subject may not ask for another subject's report.");

    /// <summary>No such report, a report number of the wrong shape, or a wrong code: one answer, so nothing can be probed.</summary>
    public static Problem NotFound() => Problem.NotFound(NotFoundCode,
        "没有与该报告编号和验证码相符的信用报告。请核对报告上印的编号和验证码。",
        "There is no credit report with this number and verification code. Check both as printed on the report.");

    public static Problem CodeRequired() => Problem.Refused(400, CodeRequiredCode,
        "请用 code 参数给出报告的验证码（如 7K3M-Q9XD-2HVA）。",
        "Give the report's verification code with the code parameter (e.g. 7K3M-Q9XD-2HVA).");
}
