using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Objections;

/// <summary>Who files an objection (art10): the subject itself, or the Public Credit Information Service Center for it.</summary>
public enum ObjectionFilerRole
{
    /// <summary>The subject of the record, for its own records only.</summary>
    Subject,
    /// <summary>The Municipal Public Credit Information Service Center (<c>SH-CREDIT-CENTER</c>), acting for a subject.</summary>
    CreditCenter,
}

/// <summary>
/// The caller of an objection, reduced to what art10 cares about. Build it with <see cref="TheSubject"/>,
/// <see cref="CreditCenter"/> or, from a principal, <see cref="FromCaller"/>.
/// </summary>
public readonly record struct ObjectionFiler(ObjectionFilerRole Role, SubjectId? Subject)
{
    /// <summary>The unit code of the Center (docs/contracts.md "Units").</summary>
    public const string CreditCenterUnitCode = "SH-CREDIT-CENTER";

    public static ObjectionFiler TheSubject(SubjectId subject) => new(ObjectionFilerRole.Subject, subject);

    public static ObjectionFiler CreditCenter => new(ObjectionFilerRole.CreditCenter, null);

    /// <summary>
    /// From a caller's roles (docs/http-api.md "Who is calling"): role <c>center</c>, or role <c>unit</c> with unit
    /// <c>SH-CREDIT-CENTER</c>, is the Center; role <c>subject</c> with its own id is the subject. Anyone else (a
    /// partner, another unit, an administrator) may not file: null. The Center wins when a caller has both.
    /// </summary>
    public static ObjectionFiler? FromCaller(IEnumerable<string> roles, string? unitCode, SubjectId? subject)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var isSubject = false;
        foreach (var role in roles)
        {
            if (role == "center") return CreditCenter;
            if (role == "unit" && string.Equals(unitCode, CreditCenterUnitCode, StringComparison.Ordinal)) return CreditCenter;
            if (role == "subject" && subject is not null) isSubject = true;
        }
        return isSubject ? TheSubject(subject!.Value) : null;
    }
}
