using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Feedback;

/// <summary>Enforcement feedback's problems; every code is stable and in the OpenAPI document.</summary>
public static class FeedbackProblems
{
    public const int MaxNoteCharacters = 500;
    public const int MaxSummaryDays = 366;

    public static Problem InvalidLookupId(string? id) =>
        Problem.Refused(400, "invalid-lookup-id",
            $"lookupId 应为限制核查或筛查结果中的 lookupId（lk_ 开头，34 位），收到“{Problem.Clip(id)}”。",
            $"lookupId must be the lookupId of a restriction answer or screening result (lk_…, 34 characters); got '{Problem.Clip(id)}'.");

    public static Problem MissingMeasure() =>
        Problem.Refused(400, "missing-measure", "请用 measure 写明反馈的措施条款（如 art9.1）。", "Name the measure fed back on in measure (e.g. art9.1).");

    public static Problem InvalidHandling(string? handling) =>
        Problem.Refused(400, "invalid-handling",
            $"handling 应为 applied（已实施）、not-applied（未实施）或 exempted（依法豁免），收到“{Problem.Clip(handling)}”。",
            $"handling must be applied, not-applied or exempted; got '{Problem.Clip(handling)}'.");

    public static Problem NoteTooLong(int length) =>
        Problem.Refused(400, "note-too-long", $"说明最多 {MaxNoteCharacters} 个字，收到 {length} 个。", $"note takes at most {MaxNoteCharacters} characters; got {length}.");

    public static Problem InvalidAmount() =>
        Problem.Refused(400, "invalid-amount", "amount 应为不小于 0 的金额（元）。", "amount must be a sum in yuan of 0 or more.");

    public static Problem InvalidPeriod(string zh, string en) => Problem.Refused(400, "invalid-period", zh, en);

    public static Problem LookupNotFound() =>
        Problem.NotFound("lookup-not-found", "该主体没有这个编号的核查记录。", "There is no look-up of this subject with this lookupId.");

    public static Problem LookupNotYours() =>
        Problem.Refused(403, "lookup-not-yours", "只能对本单位（本应用）自己的核查结果作出反馈。", "Feedback can be given only on the caller's own look-ups.");

    public static Problem BusinessMismatch(string? asked, string? looked) =>
        Problem.Refused(403, "lookup-business-mismatch",
            $"该核查针对的业务类型是“{Problem.Clip(looked)}”，不是“{Problem.Clip(asked)}”。",
            $"The look-up was for business type '{Problem.Clip(looked)}', not '{Problem.Clip(asked)}'.");

    public static Problem MeasureNotNamed(string measure, IReadOnlyList<string> named) =>
        Problem.Refused(422, "measure-not-named",
            named.Count == 0
                ? $"该核查结果未列出任何措施，不能对“{Problem.Clip(measure)}”作出反馈。"
                : $"该核查结果列出的措施为 {string.Join("、", named)}，不含“{Problem.Clip(measure)}”。",
            named.Count == 0
                ? $"The look-up named no measure, so there is no feedback to give on '{Problem.Clip(measure)}'."
                : $"The look-up named {string.Join(", ", named)}, not '{Problem.Clip(measure)}'.");

    public static Problem AlreadyGiven() =>
        Problem.Refused(409, "feedback-already-given", "已对该核查结果的这项措施作出过反馈。", "Feedback on this measure of this look-up was given already.");

    public static IReadOnlyList<string> Codes { get; } =
    [
        "invalid-lookup-id", "missing-measure", "invalid-handling", "note-too-long", "invalid-amount", "invalid-period",
        "lookup-not-found", "lookup-not-yours", "lookup-business-mismatch", "measure-not-named", "feedback-already-given",
    ];

    public static IReadOnlyList<string> Handlings => MeasureFeedback.Handlings;
}
