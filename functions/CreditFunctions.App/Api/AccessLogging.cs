using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Telemetry;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Api;

/// <summary>
/// Turns a look-up into its art12 access-log entry: who (role, unit, the app's name; for a subject caller only its
/// pseudonymous key, never its ID number or personal name), when, which subject, which business, which route.
/// </summary>
public sealed class AccessLogging(AccessLogStore store, SubjectKeys keys, TimeProvider clock)
{
    private static readonly HashSet<string> KnownRoles = [Roles.Partner, Roles.Subject, Roles.Unit, Roles.Center, Roles.Admin];

    public AccessLogEntry EntryFor(Caller caller, SubjectId subject, string? business, ApiRoute route) =>
        EntryForKey(caller, keys.KeyFor(subject), business, route.Path, route.Name);

    /// <summary>
    /// The entry of a look-up of the subject with key <paramref name="subjectKey"/> on <paramref name="routeName"/>: a watch's
    /// feed or callback knows its subjects by key only.
    /// </summary>
    public AccessLogEntry EntryForKey(Caller caller, string subjectKey, string? business, string routeName) =>
        EntryForKey(caller, subjectKey, business, routeName, routeName);

    private AccessLogEntry EntryForKey(Caller caller, string subjectKey, string? business, string metricRoute, string routeName)
    {
        var isSubject = caller.IsIn(Roles.Subject);
        string? callerKey = null;
        if (isSubject && caller.Subject is { } own && SubjectId.TryParse(own, DateOnly.MaxValue, out var ownId, out _))
        {
            callerKey = keys.KeyFor(ownId);
        }

        var roles = string.Join(',', caller.Roles.Order(StringComparer.Ordinal));
        // Every look-up, one subject at a time, makes its entry here (screenings too): the one place to count them.
        // The route's template names it, never the subject; roles outside the five (a misconfigured claim) count as "other".
        OperationsMetrics.Lookup(metricRoute, caller.Roles.All(KnownRoles.Contains) ? roles : "other");
        return new AccessLogEntry(
            subjectKey,
            clock.GetUtcNow(),
            roles,
            caller.Unit,
            callerKey,
            // A partner app's or official's display name helps an audit; a subject's own name is personal data.
            isSubject ? null : caller.Name,
            business,
            routeName)
        {
            // Who looked, for a partner: its Entra object id (contract v2), the name alone proves nothing.
            CallerObjectId = caller.ObjectId,
        };
    }

    /// <summary>The entry of a restriction look-up: what it answered, so feedback on it can be checked against it.</summary>
    public AccessLogEntry EntryFor(Caller caller, SubjectId subject, string business, ApiRoute route, RestrictionResult result) =>
        EntryFor(caller, subject, business, route) with
        {
            Decision = result.Decision.ToWire(),
            Measures = result.Reasons.Select(r => r.Article).Distinct(StringComparer.Ordinal).ToList(),
        };

    /// <summary>One insert: the look-up's second (and last) storage request.</summary>
    public Task RecordAsync(Caller caller, SubjectId subject, string? business, ApiRoute route, CancellationToken cancellationToken) =>
        store.WriteAsync(EntryFor(caller, subject, business, route), cancellationToken);

    public Task RecordAsync(AccessLogEntry entry, CancellationToken cancellationToken) => store.WriteAsync(entry, cancellationToken);

    public Task RecordManyAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken) =>
        store.WriteManyAsync(entries, cancellationToken);
}
