using CreditFunctions.App.Api;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;

namespace CreditFunctions.App.Cases;

/// <summary>Who may follow an objection or a repair application: its subject, the Center, administrators and the deciding unit.</summary>
public static class CaseAccess
{
    public static bool IsCenter(Caller caller) =>
        caller.IsIn(Roles.Center) || (caller.IsIn(Roles.Unit) && caller.Unit == ObjectionFiler.CreditCenterUnitCode);

    /// <summary>The caller's own subject id (role subject), parsed; null for anyone else or an unreadable id.</summary>
    public static SubjectId? OwnSubject(Caller caller, TimeProvider clock) =>
        caller.IsIn(Roles.Subject) && SubjectId.TryParse(caller.Subject, ChinaStandardTime.Today(clock), out var subject, out _)
            ? subject
            : null;

    public static bool MayView(Caller caller, StoredCase value, SubjectKeys keys, TimeProvider clock)
    {
        if (caller.IsIn(Roles.Admin) || IsCenter(caller))
        {
            return true;
        }

        if (caller.IsIn(Roles.Unit) && caller.Unit == value.Unit)
        {
            return true;
        }

        // Compared by pseudonymous key: the case never stores the subject's ID number.
        return OwnSubject(caller, clock) is { } own && keys.KeyFor(own) == value.SubjectKey;
    }
}
