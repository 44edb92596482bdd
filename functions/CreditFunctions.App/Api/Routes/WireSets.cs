using CreditFunctions.Domain.Objections;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Repairs;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;

namespace CreditFunctions.App.Api.Routes;

/// <summary>
/// Marks a string member of a JSON contract as one of a closed set of words (<see cref="WireSets"/>): the OpenAPI document
/// gives it that set's enum, so clients get a union type instead of <c>string</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class WireSetAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// The closed sets of words the API writes, each taken from the code that writes it (the domain's wire names), so the
/// document's enums cannot drift from the answers. Each becomes a schema of its own in components/schemas.
/// </summary>
public static class WireSets
{
    public const string SubjectType = "SubjectType";
    public const string CreditStatus = "CreditStatus";
    public const string RecordKind = "RecordKind";
    public const string Severity = "Severity";
    public const string RecordClassification = "RecordClassification";
    public const string RecordState = "RecordState";
    public const string MeasureKind = "MeasureKind";
    public const string RestrictionDecision = "RestrictionDecision";
    public const string CaseStatus = "CaseStatus";
    public const string ObjectionOutcome = "ObjectionOutcome";
    public const string ObjectionFiler = "ObjectionFiler";
    public const string RepairOutcome = "RepairOutcome";
    public const string HealthStatus = "HealthStatus";
    public const string FeedChange = "FeedChange";
    public const string FeedbackHandling = "FeedbackHandling";

    /// <summary>Name → what the words mean and the words, in the order the code defines them.</summary>
    public static IReadOnlyDictionary<string, (string Description, IReadOnlyList<string> Values)> All { get; } =
        new Dictionary<string, (string, IReadOnlyList<string>)>(StringComparer.Ordinal)
        {
            [SubjectType] = ("unit: an organisation with a USCC; individual: a person with a resident ID number.",
                Words<Domain.Subjects.SubjectType>(t => t.ToWire())),
            [CreditStatus] = ("The subject's credit status on the day asked (art8): serious or general dishonesty on record, " +
                "only credit-enhancing records, or nothing on record.", Words<Domain.Status.CreditStatus>(s => s.ToWire())),
            [RecordKind] = ("What a record is about: art5 dishonesty (wage-arrears-list … other-dishonesty), the court's list " +
                "(court-dishonest-debtor, art9.2) or art6 credit-enhancing information (award … other-enhancing).",
                Words<Domain.Records.RecordKind>(k => k.ToWire())),
            [Severity] = ("How grave a dishonesty record is (art5, last paragraph).", Words<Domain.Records.Severity>(s => s.ToWire())),
            [RecordClassification] = ("The outcome of classification (art5, art7): serious or general dishonesty, excluded " +
                "(art5.2: stored, never published), enhancing (art6), court-listing (art9.2).",
                Words<Domain.Records.RecordClassification>(c => c.ToWire())),
            [RecordState] = ("Where a stored record stands: shown (active), withdrawn at the end of its period or by its unit, " +
                "revoked, repaired (art11), expired, or excluded.", Words<Domain.Records.RecordState>(s => s.ToWire())),
            [MeasureKind] = ("incentive (art8.1), constraint (art8.2) or a joint punishment of national rules (art9).",
                Words<Domain.Status.MeasureKind>(k => k.ToWire())),
            [RestrictionDecision] = ("Whether the subject may do the business: restricted (it may not), enhanced-review " +
                "(only after strict review, art8.2.1) or allowed.", Words<Domain.Restrictions.RestrictionDecision>(d => d.ToWire())),
            // A case being decided is shown as pending until the decision is complete (ObjectionViews, RepairViews).
            [CaseStatus] = ("pending: waiting for the submitting unit's decision; decided: the outcome is final.",
                [Cases.CaseStatus.Pending, Cases.CaseStatus.Decided]),
            [ObjectionOutcome] = ("corrected: a new version replaces the record; revoked: the record is withdrawn at once; " +
                "upheld: the record stands, with the unit's reason.", Words<Domain.Objections.ObjectionOutcome>(o => o.ToWire())),
            // The two filers of art10, as ObjectionDesk stores them.
            [ObjectionFiler] = ("Who filed the objection: the subject itself, or the Public Credit Information Service Center for it.",
                ["subject", "center"]),
            [RepairOutcome] = ("approved: the record leaves publication that day; rejected: it stays, with the unit's reason.",
                Words<Domain.Repairs.RepairOutcome>(o => o.ToWire())),
            // As StorageHealth reports it.
            [HealthStatus] = ("healthy when tables and queues both answer, unhealthy otherwise.", ["healthy", "unhealthy"]),
            [FeedChange] = ("What changed for a watched subject: a record began to be shown (record-listed), a shown record got a new " +
                "version (record-changed), left publication (record-withdrawn: by its unit, a revoke or a move; record-expired: its " +
                "period ended; repaired: art11), or an objection to it was opened or closed (art10).", Domain.Lifecycle.FeedChanges.All),
            [FeedbackHandling] = ("What the department did with the measure: applied it, did not apply it, or exempted the subject " +
                "under the rules.", Contracts.MeasureFeedback.Handlings),
        };

    private static IReadOnlyList<string> Words<TEnum>(Func<TEnum, string> toWire)
        where TEnum : struct, Enum => Enum.GetValues<TEnum>().Select(toWire).ToList();
}
