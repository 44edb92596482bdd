using System.ComponentModel;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Api;

// The [Description] and [WireSet] attributes are what the OpenAPI document says of each member (OpenApiDocument reads
// them while exporting the schema); they change nothing on the wire.

/// <summary>The credit answer (contract: "Shapes that clients rely on"). More fields than the contract are welcome.</summary>
[Description("A subject's credit on a day (art8): its status, the records that make it and the measures that follow.")]
public sealed record CreditResponse(
    [property: Description("Whom the answer is about.")] SubjectView Subject,
    [property: Description("The day answered for (China Standard Time).")] DateOnly AsOf,
    [property: Description("The credit status on that day."), WireSet(WireSets.CreditStatus)] string Status,
    [property: Description("The records shown on that day, dishonesty and credit-enhancing alike.")] IReadOnlyList<RecordView> Records,
    [property: Description("The measures (art8) and joint punishments (art9) that follow from the records.")] IReadOnlyList<MeasureView> Measures,
    [property: Description("The catalogue version in force on that day (GET /api/catalogue).")] string CatalogueVersion);

[Description("A subject as the caller may see it.")]
public sealed record SubjectView(
    [property: Description("unit or individual."), WireSet(WireSets.SubjectType)] string Type,
    [property: Description("The USCC, or the resident ID number: in full only to the person and to a unit that submitted one of its records, masked (6 + 8 asterisks + 4) to everyone else.")] string Id,
    [property: Description("The subject's name, when the register knows it.")] string? Name);

[Description("One record as shown in a credit answer.")]
public sealed record RecordView(
    [property: Description("The record's id: {source}.{26 base32 characters}; GET /api/records/{recordId}.")] string RecordId,
    [property: Description("What the record is about."), WireSet(WireSets.RecordKind)] string Kind,
    [property: Description("Dishonesty only: general or serious."), WireSet(WireSets.Severity)] string? Severity,
    [property: Description("The day the decision was made.")] DateOnly DecisionDate,
    [property: Description("The decision document's number, when given.")] string? DecisionNumber,
    [property: Description("The first day the record is no longer shown; absent when it runs without end.")] DateOnly? ExpiresOn,
    [property: Description("An objection to the record is open (art10): the record is marked until the unit decides.")] bool UnderObjection,
    [property: Description("The public summary the submitting unit gave.")] string? Summary,
    [property: Description("How the record was classified (art5, art7)."), WireSet(WireSets.RecordClassification)] string Classification,
    [property: Description("The unit that submitted the record.")] string Source);

[Description("A measure that applies to the subject (art8, art9).")]
public sealed record MeasureView(
    [property: Description("The measure's code in the application list (GET /api/catalogue).")] string Code,
    [property: Description("The article of the Measures, e.g. art8.2.1.")] string Article,
    [property: Description("incentive, constraint or joint-punishment."), WireSet(WireSets.MeasureKind)] string Kind,
    [property: Description("The measure's name.")] LocalizedName Name,
    [property: Description("Why it applies: the articles and records that trigger it.")] IReadOnlyList<ReasonView> Reasons);

[Description("A text in Chinese and English.")]
public sealed record LocalizedName(
    [property: Description("Chinese.")] string Zh,
    [property: Description("English.")] string En);

[Description("A reason: the article it rests on and the records that bring it.")]
public sealed record ReasonView(
    [property: Description("The article, e.g. art9.2.2.")] string Article,
    [property: Description("The records behind it; empty when the reason is the subject's status alone.")] IReadOnlyList<string> RecordIds,
    [property: Description("The sentence shown to people; restriction reasons only.")] LocalizedName? Text = null);

[Description("May the subject do this business (art8.2.3, art9)? The decision and every reason.")]
public sealed record RestrictionResponse(
    [property: Description("The subject asked about (masked like SubjectView.id for an individual).")] string SubjectId,
    [property: Description("The business type asked about.")] string Business,
    [property: Description("The day answered for.")] DateOnly AsOf,
    [property: Description("restricted, enhanced-review or allowed."), WireSet(WireSets.RestrictionDecision)] string Decision,
    [property: Description("Every measure that restricts or asks for enhanced review, with its records.")] IReadOnlyList<ReasonView> Reasons,
    [property: Description("Measures that would apply but from which this business type is exempt (e.g. employment aid).")] IReadOnlyList<ReasonView> Exemptions,
    [property: Description("The catalogue version in force on that day.")] string? CatalogueVersion)
{
    [Description("This look-up's id (its access-log entry): name it in POST /api/feedback to report what was done with a measure it named.")]
    public string? LookupId { get; init; }
}
