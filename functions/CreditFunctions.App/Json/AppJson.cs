using System.Text.Json.Serialization;
using CreditFunctions.App.Api;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Ingestion;

namespace CreditFunctions.App.Json;

/// <summary>
/// Every JSON shape the app writes, source-generated: camelCase as the contract fixes, nulls left out, and
/// non-ASCII text (Chinese names) written as is rather than \u-escaped so people can read stored bodies.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(ProblemDocument))]
[JsonSerializable(typeof(RejectionNotice))]
[JsonSerializable(typeof(HealthReport))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.PlatformEvent))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.OutboxNotice))]
[JsonSerializable(typeof(CreditResponse))]
[JsonSerializable(typeof(RestrictionResponse))]
[JsonSerializable(typeof(RecordDetailResponse))]
[JsonSerializable(typeof(UnitQualityResponse))]
[JsonSerializable(typeof(UnitRejectionsResponse))]
[JsonSerializable(typeof(AccessLogResponse))]
[JsonSerializable(typeof(ScreeningRequest))]
[JsonSerializable(typeof(ScreeningResponse))]
[JsonSerializable(typeof(CreditFunctions.App.Objections.ObjectionFilingBody))]
[JsonSerializable(typeof(CreditFunctions.App.Objections.ObjectionDecisionBody))]
[JsonSerializable(typeof(CreditFunctions.App.Objections.ObjectionFiled))]
[JsonSerializable(typeof(CreditFunctions.App.Objections.ObjectionView))]
[JsonSerializable(typeof(CreditFunctions.App.Objections.ObjectionList))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.ObjectionNotice))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.EscalationNotice))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.SubjectNotification))]
[JsonSerializable(typeof(CreditFunctions.App.Repairs.RepairFilingBody))]
[JsonSerializable(typeof(CreditFunctions.App.Repairs.RepairDecisionBody))]
[JsonSerializable(typeof(CreditFunctions.App.Repairs.RepairFiled))]
[JsonSerializable(typeof(CreditFunctions.App.Repairs.RepairView))]
[JsonSerializable(typeof(CreditFunctions.App.Repairs.RepairList))]
[JsonSerializable(typeof(IReadOnlyList<RejectionIndexItem>))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.MeasureFeedbackEvent))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.WatchChange))]
[JsonSerializable(typeof(CreditFunctions.App.Contracts.WatchDeliveryNotice))]
[JsonSerializable(typeof(CreditFunctions.App.Feedback.FeedbackBody))]
[JsonSerializable(typeof(CreditFunctions.App.Feedback.FeedbackFiled))]
[JsonSerializable(typeof(CreditFunctions.App.Feedback.SubjectFeedbackResponse))]
[JsonSerializable(typeof(CreditFunctions.App.Feedback.FeedbackSummaryResponse))]
[JsonSerializable(typeof(CreditFunctions.App.Watches.WatchBody))]
[JsonSerializable(typeof(CreditFunctions.App.Watches.WatchCreated))]
[JsonSerializable(typeof(CreditFunctions.App.Watches.WatchView))]
[JsonSerializable(typeof(CreditFunctions.App.Watches.WatchSubjectsBody))]
[JsonSerializable(typeof(CreditFunctions.App.Watches.WatchSubjectsChanged))]
[JsonSerializable(typeof(CreditFunctions.App.Watches.WatchChangesPage))]
[JsonSerializable(typeof(CreditFunctions.App.Reports.ReportContent))]
[JsonSerializable(typeof(CreditFunctions.App.Reports.IssuedReport))]
[JsonSerializable(typeof(CreditFunctions.App.Reports.VerifiedReport))]
[JsonSerializable(typeof(CreditFunctions.App.Reports.ReportKeySet))]
[JsonSerializable(typeof(CreditFunctions.App.Reports.ReportFingerprintContent))]
public sealed partial class AppJson : JsonSerializerContext
{
    /// <summary>
    /// The context to write with. Source-generation options cannot name an encoder, so this copy adds one that leaves
    /// Chinese as is (responses are application/json, never HTML, so HTML-sensitive escaping buys nothing).
    /// </summary>
    public static AppJson Web { get; } = new(new System.Text.Json.JsonSerializerOptions
    {
        PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
