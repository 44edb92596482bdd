using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Feedback;

[Description("What a department did with a measure a look-up of its named (联合奖惩应用反馈).")]
public sealed record FeedbackBody(
    [property: Required, Description("The lookupId of the restriction answer or screening result.")] string? LookupId,
    [property: Required, Description("The subject of the look-up.")] string? SubjectId,
    [property: Required, Description("The business type of the look-up.")] string? Business,
    [property: Required, Description("The measure's article id, one the look-up named (e.g. art8.2.1).")] string? Measure,
    [property: Required, Description("What was done."), WireSet(WireSets.FeedbackHandling)] string? Handling,
    [property: MaxLength(FeedbackProblems.MaxNoteCharacters), Description("What was done, in a sentence (at most 500 characters).")] string? Note,
    [property: Description("For a measure with a sum (a subsidy withheld, a fine): the sum in yuan.")] decimal? Amount);

[Description("A feedback filed.")]
public sealed record FeedbackFiled(
    [property: Description("The feedback's id.")] string FeedbackId,
    [property: Description("The look-up it is on.")] string LookupId,
    [property: Description("The measure.")] string Measure,
    [property: Description("What was done."), WireSet(WireSets.FeedbackHandling)] string Handling,
    [property: Description("When it was filed.")] DateTimeOffset FiledAt);

[Description("A feedback as the subject and administrators read it.")]
public sealed record FeedbackView(
    [property: Description("The feedback's id.")] string FeedbackId,
    [property: Description("The look-up it is on.")] string LookupId,
    [property: Description("The day of the look-up (China Standard Time).")] DateOnly LookupDay,
    [property: Description("The business type of the look-up.")] string Business,
    [property: Description("The measure.")] string Measure,
    [property: Description("What was done."), WireSet(WireSets.FeedbackHandling)] string Handling,
    [property: Description("What was done, in a sentence.")] string? Note,
    [property: Description("The sum in yuan, for a measure with one.")] decimal? Amount,
    [property: Description("When it was filed.")] DateTimeOffset FiledAt,
    [property: Description("The role(s) of who filed it.")] string FiledBy,
    [property: Description("The unit that filed it, for a unit.")] string? FiledByUnit);

[Description("The feedback on one subject, oldest look-up first.")]
public sealed record SubjectFeedbackResponse(
    [property: Description("The subject (an individual's ID number masked for everyone but the individual).")] string SubjectId,
    [property: Description("The feedback.")] IReadOnlyList<FeedbackView> Feedback);

[Description("One business type and measure: the look-ups that named it, the feedback on them and what was done.")]
public sealed record FeedbackSummaryRow(
    [property: Description("The business type.")] string Business,
    [property: Description("The measure's article id.")] string Measure,
    [property: Description("Look-ups that named the measure.")] int Lookups,
    [property: Description("Of them, answered restricted.")] int Restricted,
    [property: Description("Of them, answered enhanced-review.")] int EnhancedReview,
    [property: Description("Feedback given on them.")] int WithFeedback,
    [property: Description("Feedback: applied.")] int Applied,
    [property: Description("Feedback: not applied.")] int NotApplied,
    [property: Description("Feedback: exempted.")] int Exempted);

[Description("The enforcement-feedback summary of the look-ups of from … to (China Standard Time).")]
public sealed record FeedbackSummaryResponse(
    [property: Description("The first day.")] DateOnly From,
    [property: Description("The last day.")] DateOnly To,
    [property: Description("One row per business type and measure.")] IReadOnlyList<FeedbackSummaryRow> Rows);
