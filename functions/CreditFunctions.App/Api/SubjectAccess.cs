using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.App.Api;

/// <summary>Who may look at a subject, and how much of an individual's ID number they may see.</summary>
public static class SubjectAccess
{
    /// <summary>null when allowed; otherwise the 403 problem. Subjects may only look at themselves.</summary>
    public static Problem? Check(Caller caller, SubjectId subject, params string[] allowedRoles)
    {
        var allowed = false;
        foreach (var role in allowedRoles)
        {
            if (caller.IsIn(role))
            {
                allowed = role != Roles.Subject || caller.Subject == subject.Value;
                if (allowed)
                {
                    break;
                }
            }
        }

        return allowed ? null : Problem.Forbidden(
            "调用方的角色无权查看该主体的信息。", "The caller's role may not see this subject's information.");
    }

    /// <summary>
    /// An individual's ID number is shown in full only to that individual and to a unit that submitted one of its
    /// records; everyone else sees it masked (docs/rules.md "Subjects").
    /// </summary>
    public static string Display(Caller caller, SubjectId subject, IReadOnlyList<CreditRecord> records)
    {
        if (subject.Type == SubjectType.Unit || (caller.IsIn(Roles.Subject) && caller.Subject == subject.Value))
        {
            return subject.Value;
        }

        if (caller.IsIn(Roles.Unit) && caller.Unit is { } unit)
        {
            foreach (var record in records)
            {
                if (record.Source == unit)
                {
                    return subject.Value;
                }
            }
        }

        return subject.Masked;
    }
}
