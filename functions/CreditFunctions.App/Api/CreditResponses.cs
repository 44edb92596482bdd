namespace CreditFunctions.App.Api;

/// <summary>The credit answer (contract: "Shapes that clients rely on"). More fields than the contract are welcome.</summary>
public sealed record CreditResponse(
    SubjectView Subject,
    DateOnly AsOf,
    string Status,
    IReadOnlyList<RecordView> Records,
    IReadOnlyList<MeasureView> Measures,
    string CatalogueVersion);

public sealed record SubjectView(string Type, string Id, string? Name);

public sealed record RecordView(
    string RecordId,
    string Kind,
    string? Severity,
    DateOnly DecisionDate,
    string? DecisionNumber,
    DateOnly? ExpiresOn,
    bool UnderObjection,
    string? Summary,
    string Classification,
    string Source);

public sealed record MeasureView(string Code, string Article, string Kind, LocalizedName Name, IReadOnlyList<ReasonView> Reasons);

public sealed record LocalizedName(string Zh, string En);

public sealed record ReasonView(string Article, IReadOnlyList<string> RecordIds, LocalizedName? Text = null);

public sealed record RestrictionResponse(
    string SubjectId,
    string Business,
    DateOnly AsOf,
    string Decision,
    IReadOnlyList<ReasonView> Reasons,
    IReadOnlyList<ReasonView> Exemptions,
    string? CatalogueVersion);
