namespace CreditFunctions.App.Contracts;

/// <summary>
/// What a department did with a measure a look-up named (联合奖惩应用反馈, contract v2 "Enforcement feedback"), as filed
/// with <c>POST /api/feedback</c> and as the platform hears it in a <c>measure-feedback</c> event.
/// </summary>
public sealed record MeasureFeedback(
    string FeedbackId, string LookupId, string SubjectId, string Business, string Measure, string Handling, string? Note, decimal? Amount)
{
    public const string Applied = "applied";
    public const string NotApplied = "not-applied";
    public const string Exempted = "exempted";

    public static IReadOnlyList<string> Handlings { get; } = [Applied, NotApplied, Exempted];
}

/// <summary>
/// The platform event of a feedback (<c>{Platform__BaseUrl}/credit-events</c>): <c>eventId</c> is stable for the feedback
/// (<c>feedback.{feedbackId}</c>), so a resend is dropped; it goes through the outbox like every record event.
/// </summary>
public sealed record MeasureFeedbackEvent(string EventId, string Type, DateTimeOffset OccurredAt, MeasureFeedback Feedback)
{
    public const string TypeName = "measure-feedback";

    public static string IdFor(string feedbackId) => "feedback." + feedbackId;
}
