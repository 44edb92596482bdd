using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Telemetry;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Api;

/// <summary>
/// Turns a look-up into its art12 access-log entry: who (role, unit, the app's name; for a subject caller only its
/// pseudonymous key, never its ID number or personal name), when, which subject, which business, which route.
/// </summary>
public sealed class AccessLogging(AccessLogStore store, SubjectKeys keys, TimeProvider clock)
{
    private static readonly HashSet<string> KnownRoles = [Roles.Partner, Roles.Subject, Roles.Unit, Roles.Center, Roles.Admin];

    public AccessLogEntry EntryFor(Caller caller, SubjectId subject, string? business, ApiRoute route)
    {
        var isSubject = caller.IsIn(Roles.Subject);
        string? callerKey = null;
        if (isSubject && caller.Subject is { } own && SubjectId.TryParse(own, DateOnly.MaxValue, out var ownId, out _))
        {
            callerKey = keys.KeyFor(ownId);
        }

        // A caller with no identity (checking a credit report, which needs none) is logged as anonymous.
        var roles = caller.Roles.Count == 0 ? "anonymous" : string.Join(',', caller.Roles.Order(StringComparer.Ordinal));
        // Every look-up, one subject at a time, makes its entry here (screenings too): the one place to count them.
        // The route's template names it, never the subject; roles outside the five (a misconfigured claim) count as "other".
        OperationsMetrics.Lookup(route.Path, caller.Roles.All(KnownRoles.Contains) ? roles : "other");
        return new AccessLogEntry(
            keys.KeyFor(subject),
            clock.GetUtcNow(),
            roles,
            caller.Unit,
            callerKey,
            // A partner app's or official's display name helps an audit; a subject's own name is personal data.
            isSubject ? null : caller.Name,
            business,
            route.Name);
    }

    /// <summary>One insert: the look-up's second (and last) storage request.</summary>
    public Task RecordAsync(Caller caller, SubjectId subject, string? business, ApiRoute route, CancellationToken cancellationToken) =>
        store.WriteAsync(EntryFor(caller, subject, business, route), cancellationToken);

    public Task RecordManyAsync(IReadOnlyList<AccessLogEntry> entries, CancellationToken cancellationToken) =>
        store.WriteManyAsync(entries, cancellationToken);
}
