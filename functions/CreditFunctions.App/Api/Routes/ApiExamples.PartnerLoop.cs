using CreditFunctions.App.Contracts;
using CreditFunctions.App.Feedback;
using CreditFunctions.App.Watches;
using CreditFunctions.Domain.Lifecycle;

namespace CreditFunctions.App.Api.Routes;

/// <summary>The partner loop's examples: the README's partner following the penalised unit, and its feedback on a look-up.</summary>
public static partial class ApiExamples
{
    public const string LookupId = "lk_24732385432165000001a3f9c2e7b41";
    public const string FeedbackId = "fb_m3qk7c2xbd5vhe4zl6pa";
    public const string WatchId = "wat_q2m6ht4xkbe7rcl5vsd3";
    public const string WatchCursor = "0639004374000000000a1b2c3d4";
    public const string OtherUnit = "91310000132211707B";

    private static readonly DateTimeOffset LookedAt = new(2026, 11, 30, 10, 15, 0, TimeSpan.FromHours(8));

    public static FeedbackBody FeedbackRequest => new(LookupId, Unit, Business, "art8.2.1", MeasureFeedback.Applied,
        "对其申请材料进行了重点审核 / Its application was reviewed strictly", null);

    public static FeedbackFiled FeedbackFiled => new(FeedbackId, LookupId, "art8.2.1", MeasureFeedback.Applied, LookedAt.AddHours(2));

    public static SubjectFeedbackResponse SubjectFeedback => new(Unit,
    [
        new FeedbackView(FeedbackId, LookupId, DateOnly.FromDateTime(LookedAt.DateTime), Business, "art8.2.1", MeasureFeedback.Applied,
            "对其申请材料进行了重点审核 / Its application was reviewed strictly", null, LookedAt.AddHours(2), Roles.Partner, null),
    ]);

    public static FeedbackSummaryResponse FeedbackSummary => new(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30),
    [
        new FeedbackSummaryRow(Business, "art8.2.1", 42, 0, 42, 30, 27, 2, 1),
        new FeedbackSummaryRow("youth-internship-base", "art9.2.2", 3, 3, 0, 3, 3, 0, 0),
    ]);

    public static WatchBody WatchRequest => new([Unit, OtherUnit], Business, "https://partner.example.cn/credit-hooks");

    public static WatchCreated WatchMade => new(WatchId, WatchCursor, 2, "Zk3u7Q2mV9xL0pR5tY8wB1cD4eF6gH2jK5nM8qS0vW3");

    public static WatchView Watch => new(WatchId, Business, "https://partner.example.cn/credit-hooks", LookedAt, WatchCursor, 2, [OtherUnit, Unit],
        new WatchDeliveryView("0639004386000000000e5f6a7b8", 0, null, null, LookedAt.AddMinutes(5)));

    public static WatchSubjectsBody WatchSubjectsRequest => new(["91310115MA1K3YJ42B"], [OtherUnit]);

    public static WatchSubjectsChanged WatchSubjectsDone => new(WatchId, 2, 1, 1);

    public static WatchChangesPage WatchFeed => new(
    [
        new WatchChange("0639004386000000000e5f6a7b8", Unit, LookedAt.AddMinutes(4), FeedChanges.RecordListed, RecordId, "general-dishonesty", "enhanced-review"),
    ], "0639004386000000000e5f6a7b8", false);
}
