using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Time;

namespace CreditFunctions.App.Api;

/// <summary>A unit's own figures (submission quality, rejections) are for that unit and administrators only.</summary>
public static class UnitAccess
{
    public static bool MaySee(Caller caller, string unit) =>
        caller.IsIn(Roles.Admin) || (caller.IsIn(Roles.Unit) && caller.Unit == unit);

    /// <summary>The unit route's checks in order: a unit of today's catalogue (400), then the caller's own or an administrator (403).</summary>
    public static Problem? Check(Caller caller, string? unit, CatalogueSet catalogues, TimeProvider clock) =>
        string.IsNullOrWhiteSpace(unit) || !catalogues.ForDate(ChinaStandardTime.Today(clock)).IsKnownUnit(unit)
            ? ApiProblems.InvalidUnit(unit)
            : MaySee(caller, unit) ? null : ApiProblems.ForbiddenUnit();
}
