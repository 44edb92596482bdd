namespace CreditFunctions.App.Api;

public sealed record HealthReport(
    string Status,
    DateTimeOffset CheckedAt,
    HealthStorage Storage,
    HealthVersions Versions);

public sealed record HealthStorage(bool Tables, bool Queues, string? Error);

public sealed record HealthVersions(string App, string? Catalogue);
