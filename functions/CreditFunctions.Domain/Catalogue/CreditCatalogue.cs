using CreditFunctions.Domain.Records;

namespace CreditFunctions.Domain.Catalogue;

/// <summary>One validated catalogue version with its lookups (built once, read without allocation).</summary>
public sealed class CreditCatalogue
{
    /// <summary>The JSON model, as served by GET /api/catalogue.</summary>
    public CatalogueDocument Document => throw new NotImplementedException();
    public string Version => throw new NotImplementedException();
    public DateOnly EffectiveFrom => throw new NotImplementedException();
    public DateOnly MeasuresValidUntil => throw new NotImplementedException();

    /// <summary>Whether the Measures are in force on <paramref name="day"/> (through 2028-08-31, art15).</summary>
    public bool MeasuresInForceOn(DateOnly day) => throw new NotImplementedException();

    public bool IsKnownBusinessType(string businessType) => throw new NotImplementedException();
    public bool IsKnownUnit(string unitCode) => throw new NotImplementedException();
    public DataListEntry DataListEntry(RecordKind kind) => throw new NotImplementedException();
    public bool MaySubmit(string unitCode, RecordKind kind) => throw new NotImplementedException();
    public BehaviourEntry? Behaviour(string code) => throw new NotImplementedException();
    public MeasureEntry? Measure(string code) => throw new NotImplementedException();
    /// <summary>The regime for art5.2–5.5 dishonesty decided on <paramref name="decisionDate"/>.</summary>
    public PublicationRegimeEntry? RegimeFor(RecordKind kind, DateOnly decisionDate) => throw new NotImplementedException();
}
