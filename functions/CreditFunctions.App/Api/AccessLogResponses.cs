namespace CreditFunctions.App.Api;

/// <summary>GET /api/subjects/{id}/access-log: who looked at the subject (art12), newest first.</summary>
public sealed record AccessLogResponse(string SubjectId, IReadOnlyList<AccessLogView> Entries);

/// <param name="Self">The subject looked at itself (a subject caller is stored only by its pseudonymous key).</param>
public sealed record AccessLogView(DateTimeOffset At, string Role, string? Unit, string? Name, bool Self, string? Business, string Route);
