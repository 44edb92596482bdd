using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Tests.Objections;

/// <summary>
/// Builds an objection as a subject files it: <c>AnObjection.To(record).Because("…").Build()</c>.
/// Defaults: the record's subject, a short reason, no evidence.
/// </summary>
public sealed class AnObjection
{
    private ObjectionRequest _r;

    private AnObjection(CreditRecord record) => _r = new ObjectionRequest
    {
        Subject = record.Subject,
        RecordId = record.RecordId,
        Reason = "处罚决定书已被复议机关撤销。The penalty decision was set aside on review.",
    };

    public static AnObjection To(CreditRecord record) => new(record);

    public AnObjection About(SubjectId subject) { _r = _r with { Subject = subject }; return this; }
    public AnObjection Because(string? reason) { _r = _r with { Reason = reason }; return this; }
    public AnObjection WithEvidence(params string[] evidence) { _r = _r with { Evidence = evidence }; return this; }

    public ObjectionRequest Build() => _r;
    public static implicit operator ObjectionRequest(AnObjection b) => b.Build();
}

/// <summary>The State Council working-day calendar shipped with the project.</summary>
public static class TheCalendar
{
    private static readonly Lazy<WorkingDayCalendar> Lazy = new(() => WorkingDayCalendar.LoadEmbedded());
    public static WorkingDayCalendar Embedded => Lazy.Value;
}
