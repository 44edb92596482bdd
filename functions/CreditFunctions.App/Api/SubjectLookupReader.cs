using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace CreditFunctions.App.Api;

/// <summary>Who asks about which subject on which day (<paramref name="AsOf"/>), asked today (art8, art9 look-ups).</summary>
public sealed record SubjectLookup(Caller Caller, SubjectId Subject, DateOnly AsOf, DateOnly Today);

/// <summary>
/// The start every subject look-up shares, in the order partners can rely on: no trusted identity is 401; a bad
/// subject id or date is 400; a role that may not look, or a subject looking at another, is 403.
/// </summary>
public sealed class SubjectLookupReader(ClientPrincipalReader callers, TimeProvider clock)
{
    public bool TryRead(HttpRequest request, string id, string[] allowedRoles, out SubjectLookup lookup, out IActionResult? refusal)
    {
        lookup = null!;
        if (callers.Read(request) is not { } caller)
        {
            refusal = ApiResults.Problem(Problem.Unauthenticated(), request);
            return false;
        }

        if (!RequestReading.TrySubject(id, clock, out var subject, out var problem)
            || !RequestReading.TryAsOf(request, clock, out var asOf, out problem))
        {
            refusal = ApiResults.Problem(problem!, request);
            return false;
        }

        if (SubjectAccess.Check(caller, subject, allowedRoles) is { } forbidden)
        {
            refusal = ApiResults.Problem(forbidden, request);
            return false;
        }

        lookup = new SubjectLookup(caller, subject, asOf, ChinaStandardTime.Today(clock));
        refusal = null;
        return true;
    }
}
