namespace CreditFunctions.App.Api;

/// <summary>Who is calling, as App Service authentication reports it (contract: "Who is calling").</summary>
public sealed record Caller(IReadOnlySet<string> Roles, string? Unit, string? Subject, string? Name)
{
    /// <summary>The Entra object id of the principal (<c>oid</c>): how a partner app is known (contract v2).</summary>
    public string? ObjectId { get; init; }

    /// <summary>No identity: what an anonymous route sees when nobody signed in.</summary>
    public static Caller Nobody { get; } = new(new HashSet<string>(), null, null, null);

    public bool IsIn(string role) => Roles.Contains(role);

    /// <summary>A short, log-safe description: role and unit, never a personal ID number.</summary>
    public string Describe() => $"{string.Join(',', Roles)}{(Unit is null ? "" : $"@{Unit}")}";
}

public static class Roles
{
    public const string Partner = "partner";
    public const string Subject = "subject";
    public const string Unit = "unit";
    public const string Center = "center";
    public const string Admin = "admin";
}
