using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Contracts;

namespace CreditFunctions.App.Watches;

[Description("A new watch: up to 1,000 subjects, optionally a business type (each change then carries the decision for it) and an https callback.")]
public sealed record WatchBody(
    [property: Required, MinLength(1), MaxLength(WatchProblems.MaxSubjects), Description("USCCs or resident ID numbers; one named twice counts once.")] IReadOnlyList<string>? Subjects,
    [property: Description("A business type of the application list (GET /api/catalogue, businessTypes[].code).")] string? Business,
    [property: Description("Where each change is also POSTed, signed: X-Credit-Signature: sha256=<hex HMAC-SHA256 of the body with the secret>. https only.")] string? CallbackUrl);

[Description("A new watch. The feed starts after cursor; secret (with a callback only) signs the callbacks and is shown this once.")]
public sealed record WatchCreated(
    [property: Description("The watch's id.")] string WatchId,
    [property: Description("The cursor of the watch's creation: ask for changes after it.")] string Cursor,
    [property: Description("How many distinct subjects the watch follows.")] int SubjectCount,
    [property: Description("The HMAC-SHA256 key of the callbacks (with a callbackUrl only); never shown again.")] string? Secret);

[Description("A watch as its partner reads it.")]
public sealed record WatchView(
    [property: Description("The watch's id.")] string WatchId,
    [property: Description("The business type each change carries the decision for.")] string? Business,
    [property: Description("Where changes are POSTed.")] string? CallbackUrl,
    [property: Description("When the watch was made.")] DateTimeOffset CreatedAt,
    [property: Description("The cursor of its creation.")] string CreatedCursor,
    [property: Description("How many subjects it follows.")] int SubjectCount,
    [property: Description("The subjects, as the partner named them.")] IReadOnlyList<string> Subjects,
    [property: Description("How far the callbacks got (with a callbackUrl only).")] WatchDeliveryView? Delivery);

[Description("How far a watch's callbacks have got.")]
public sealed record WatchDeliveryView(
    [property: Description("The last cursor the receiver acknowledged with a 2xx.")] string DeliveredCursor,
    [property: Description("Failed attempts since the last acknowledged callback.")] int Attempts,
    [property: Description("When the next attempt is due, while retrying.")] DateTimeOffset? NextAttemptAt,
    [property: Description("Why the last attempt failed.")] string? LastFailure,
    [property: Description("When a callback was last acknowledged.")] DateTimeOffset? LastDeliveredAt);

[Description("Subjects to add to and remove from a watch.")]
public sealed record WatchSubjectsBody(
    [property: MaxLength(WatchProblems.MaxSubjects), Description("Subjects to follow from now on.")] IReadOnlyList<string>? Add,
    [property: MaxLength(WatchProblems.MaxSubjects), Description("Subjects to stop following.")] IReadOnlyList<string>? Remove);

[Description("What a change of subjects came to.")]
public sealed record WatchSubjectsChanged(
    [property: Description("The watch's id.")] string WatchId,
    [property: Description("How many subjects it follows now.")] int SubjectCount,
    [property: Description("Subjects newly followed.")] int Added,
    [property: Description("Subjects no longer followed.")] int Removed);

[Description("A page of a watch's feed, oldest first.")]
public sealed record WatchChangesPage(
    [property: Description("The changes after the cursor asked for, oldest first, each once.")] IReadOnlyList<WatchChange> Changes,
    [property: Description("The cursor to ask after next time: the last change's, or the one asked for when none came.")] string Next,
    [property: Description("A full page came back: more may be waiting, ask again at once.")] bool More);
