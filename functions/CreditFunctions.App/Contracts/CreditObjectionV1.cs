namespace CreditFunctions.App.Contracts;

/// <summary>
/// <c>credit-objection/v1</c>, on <c>credit-objections</c> and the deciding unit's <c>notices-{unit}</c>: an objection passed
/// to the unit that submitted the record (art10: at most 2 working days; sent at filing). No personal data: the unit
/// reads the objection through the API.
/// </summary>
public sealed record ObjectionNotice(
    string Schema, string ObjectionId, string RecordId, string Unit, DateOnly FiledOn, DateOnly DueOn, DateTimeOffset At)
{
    public const string SchemaName = "credit-objection/v1";
}
