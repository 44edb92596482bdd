using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Restrictions;
using CreditFunctions.Domain.Status;

namespace CreditFunctions.App.Api;

/// <summary>Domain results in the contract's wire shapes.</summary>
public static class Views
{
    public static RecordView Of(CreditRecord record) => new(
        record.RecordId,
        record.Kind.ToWire(),
        record.Severity?.ToWire(),
        record.DecisionDate,
        record.DecisionNumber,
        record.ExpiresOn,
        record.UnderObjection,
        record.Summary,
        record.Classification.ToWire(),
        record.Source);

    public static MeasureView Of(AppliedMeasure measure) => new(
        measure.Code,
        measure.Article,
        measure.Kind.ToWire(),
        new LocalizedName(measure.Name.Zh, measure.Name.En),
        measure.Reasons.Select(r => new ReasonView(r.Article, r.RecordIds)).ToList());

    public static ReasonView Of(RestrictionReason reason) =>
        new(reason.Article, reason.RecordIds, new LocalizedName(reason.Text.Zh, reason.Text.En));
}
