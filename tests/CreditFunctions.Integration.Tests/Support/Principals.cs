using CreditFunctions.App.Api;

namespace CreditFunctions.Integration.Tests.Support;

/// <summary>X-MS-CLIENT-PRINCIPAL header values for each kind of caller.</summary>
public static class Principals
{
    /// <summary>The object id of the test partner app (Entra: how a partner is known).</summary>
    public const string PartnerObjectId = "00000000-0000-4000-8000-0000000000a1";

    public const string OtherPartnerObjectId = "00000000-0000-4000-8000-0000000000b2";

    public static string Partner => ClientPrincipalReader.Encode(Roles.Partner, objectId: PartnerObjectId, name: "测试合作方 test partner");

    public static string OtherPartner => ClientPrincipalReader.Encode(Roles.Partner, objectId: OtherPartnerObjectId, name: "另一合作方 other partner");

    /// <summary>A partner principal without an object id: no one the register can name (401).</summary>
    public static string PartnerWithoutObjectId => ClientPrincipalReader.Encode(Roles.Partner);

    public static string Admin => ClientPrincipalReader.Encode(Roles.Admin);

    public static string Unit(string code) => ClientPrincipalReader.Encode(Roles.Unit, unit: code);

    public static string Subject(string id) => ClientPrincipalReader.Encode(Roles.Subject, subject: id);
}
