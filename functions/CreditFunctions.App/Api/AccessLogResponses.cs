using System.ComponentModel;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/access-log: who looked at the subject (art12), newest first.</summary>
[Description("Who looked at the subject (art12), newest first.")]
public sealed record AccessLogResponse(
    [property: Description("The subject (in full: only the subject itself and administrators may ask).")] string SubjectId,
    [property: Description("The look-ups, newest first.")] IReadOnlyList<AccessLogView> Entries);

/// <param name="Self">The subject looked at itself (a subject caller is stored only by its pseudonymous key).</param>
[Description("One look-up of the subject.")]
public sealed record AccessLogView(
    [property: Description("When.")] DateTimeOffset At,
    [property: Description("The caller's roles, comma-separated.")] string Role,
    [property: Description("The caller's unit code, for a unit.")] string? Unit,
    [property: Description("The calling app's or official's display name, when known (never a subject's own name).")] string? Name,
    [property: Description("The subject looked at itself.")] bool Self,
    [property: Description("The business type asked about (restrictions, screenings).")] string? Business,
    [property: Description("The route, e.g. GET /api/subjects/{id}/credit.")] string Route)
{
    [Description("The caller's Entra object id: how a partner app is known.")]
    public string? ObjectId { get; init; }

    [Description("The look-up's id, as its answer carried it (feedback names it).")]
    public string? LookupId { get; init; }

    [Description("What a restriction look-up answered.")]
    [Routes.WireSet(Routes.WireSets.RestrictionDecision)]
    public string? Decision { get; init; }
}
