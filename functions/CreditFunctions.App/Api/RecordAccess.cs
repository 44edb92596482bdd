using CreditFunctions.Domain.Records;

namespace CreditFunctions.App.Api;

/// <summary>
/// Who may see one record (contract: subject, its unit, admin): the record's own subject, the unit that submitted it
/// (only that unit may correct it, art12, so only it needs its full history), and administrators.
/// </summary>
public static class RecordAccess
{
    public static bool MaySee(Caller caller, CreditRecord record) =>
        caller.IsIn(Roles.Admin)
        || (caller.IsIn(Roles.Subject) && caller.Subject == record.Subject.Value)
        || (caller.IsIn(Roles.Unit) && caller.Unit == record.Source);

    /// <summary>The legal representative's ID number: in full only to the unit that submitted it, masked to everyone else.</summary>
    public static string? Representative(Caller caller, CreditRecord record) =>
        record.LegalRepresentative is not { } representative ? null
        : caller.IsIn(Roles.Unit) && caller.Unit == record.Source ? representative.Value
        : representative.Masked;
}
