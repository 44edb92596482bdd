using CreditFunctions.App.Api;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>X-MS-CLIENT-PRINCIPAL header values for each kind of caller.</summary>
public static class Principals
{
    public static string Partner => ClientPrincipalReader.Encode(Roles.Partner);

    public static string Admin => ClientPrincipalReader.Encode(Roles.Admin);

    public static string Unit(string code) => ClientPrincipalReader.Encode(Roles.Unit, unit: code);

    public static string Subject(string id) => ClientPrincipalReader.Encode(Roles.Subject, subject: id);
}
