using CreditFunctions.App.Api.Routes;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;

namespace CreditFunctions.App.Api;

/// <summary>Who asks about which subject on which day (<paramref name="AsOf"/>), asked today (art8, art9 look-ups).</summary>
public sealed record SubjectLookup(Caller Caller, SubjectId Subject, DateOnly AsOf, DateOnly Today);

/// <summary>
/// What every subject look-up reads after the gateway let the caller in: a bad subject id or date is 400; a subject
/// looking at another subject is 403.
/// </summary>
public sealed class SubjectLookupReader(TimeProvider clock)
{
    public bool TryRead(ApiCall call, string id, out SubjectLookup lookup, out Problem? refusal)
    {
        lookup = null!;
        if (!RequestReading.TrySubject(id, clock, out var subject, out refusal)
            || !RequestReading.TryAsOf(call.Request, clock, out var asOf, out refusal))
        {
            return false;
        }

        if (SubjectAccess.Check(call.Caller, subject, [.. call.Route.Roles ?? []]) is { } forbidden)
        {
            refusal = forbidden;
            return false;
        }

        lookup = new SubjectLookup(call.Caller, subject, asOf, ChinaStandardTime.Today(clock));
        return true;
    }
}
