using CreditFunctions.Domain.Periods;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;

namespace CreditFunctions.Domain.Tests.Builders;

/// <summary>
/// Builds a stored record with the period the shipped catalogue gives it:
/// <c>ARecord.AdminPenalty().Serious().DecidedOn("2024-04-30").Build()</c>.
/// Defaults: subject <see cref="Some.Unit"/>, decided 2024-04-30, state active.
/// </summary>
public sealed class ARecord
{
    private static int _next;
    private RecordKind _kind;
    private RecordClassification _classification;
    private Severity? _severity;
    private SubjectId _subject = Some.Unit;
    private DateOnly _decided = new(2024, 4, 30);
    private DateOnly? _listingEnd;
    private DateOnly? _validUntil;
    private DateOnly? _expiresOverride;
    private bool _expiresOverridden;
    private RecordState _state = RecordState.Active;
    private DateOnly? _withdrawnOn;
    private string _id;

    private ARecord(RecordKind kind, RecordClassification classification, Severity? severity)
    {
        _kind = kind;
        _classification = classification;
        _severity = severity;
        _id = "rec-" + Interlocked.Increment(ref _next);
    }

    public static ARecord WageArrearsList() => new(RecordKind.WageArrearsList, RecordClassification.Serious, Severity.Serious);
    public static ARecord AdminPenalty() => new(RecordKind.AdminPenalty, RecordClassification.General, Severity.General);
    public static ARecord FalseMaterials() => new(RecordKind.FalseMaterials, RecordClassification.General, Severity.General);
    public static ARecord CommitmentBreach() => new(RecordKind.CommitmentBreach, RecordClassification.General, Severity.General);
    public static ARecord OtherDishonesty() => new(RecordKind.OtherDishonesty, RecordClassification.General, Severity.General);
    public static ARecord CourtDishonestDebtor() => new(RecordKind.CourtDishonestDebtor, RecordClassification.CourtListing, null);
    public static ARecord Award() => new(RecordKind.Award, RecordClassification.Enhancing, null);
    public static ARecord HarmoniousLabourEnterprise() => new(RecordKind.HarmoniousLabourEnterprise, RecordClassification.Enhancing, null);

    public ARecord Serious() { _classification = RecordClassification.Serious; _severity = Severity.Serious; return this; }
    public ARecord General() { _classification = RecordClassification.General; _severity = Severity.General; return this; }
    public ARecord Excluded() { _classification = RecordClassification.Excluded; _state = RecordState.Excluded; return this; }
    public ARecord For(SubjectId subject) { _subject = subject; return this; }
    public ARecord DecidedOn(string date) { _decided = Some.Date(date); return this; }
    public ARecord DecidedOn(DateOnly date) { _decided = date; return this; }
    public ARecord ListedUntil(string date) { _listingEnd = Some.Date(date); return this; }
    public ARecord ValidUntil(string date) { _validUntil = Some.Date(date); return this; }
    public ARecord ExpiresOn(DateOnly? date) { _expiresOverride = date; _expiresOverridden = true; return this; }
    public ARecord WithId(string id) { _id = id; return this; }
    public ARecord InState(RecordState state, string? withdrawnOn = null)
    {
        _state = state;
        _withdrawnOn = withdrawnOn is null ? null : Some.Date(withdrawnOn);
        return this;
    }

    public CreditRecord Build()
    {
        var catalogue = Catalogues.Embedded.ForDate(_decided);
        PublicationPeriod? period = _classification switch
        {
            RecordClassification.Excluded => null,
            RecordClassification.CourtListing => PeriodRules.ForCourtListing(_decided, _listingEnd),
            RecordClassification.Enhancing => PeriodRules.ForEnhancing(_decided, _validUntil, catalogue),
            _ => PeriodRules.ForDishonesty(_kind, _severity!.Value, _decided, Catalogues.Embedded.Versions[^1]),
        };
        return new CreditRecord
        {
            RecordId = _id,
            Source = _kind == RecordKind.CourtDishonestDebtor ? "court" : "SH-HRSS-ENFORCEMENT",
            SourceRecordId = "src-" + _id,
            Version = 1,
            Kind = _kind,
            Subject = _subject,
            SubjectName = "上海某某建筑工程有限公司",
            Classification = _classification,
            Severity = _severity,
            DecisionDate = _decided,
            DecisionNumber = "沪人社监罚〔2024〕1号",
            Start = _decided,
            ExpiresOn = _expiresOverridden ? _expiresOverride : period?.ExpiresOn,
            RepairableFrom = period?.RepairableFrom,
            Regime = period?.Regime,
            State = _state,
            WithdrawnOn = _withdrawnOn,
            CatalogueVersion = catalogue.Version,
        };
    }

    public static implicit operator CreditRecord(ARecord b) => b.Build();
}
