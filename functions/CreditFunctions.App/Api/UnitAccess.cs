namespace CreditFunctions.App.Api;

/// <summary>A unit's own figures (submission quality) are for that unit and administrators only.</summary>
public static class UnitAccess
{
    public static bool MaySee(Caller caller, string unit) =>
        caller.IsIn(Roles.Admin) || (caller.IsIn(Roles.Unit) && caller.Unit == unit);
}
