using System.Text.Json;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Reports;

/// <summary>GET /api/reports/keys: the register's public keys (a JWK Set), public and cacheable for an hour.</summary>
public sealed class ReportKeysFunction(ApiGateway api, ReportKeys keys)
{
    private static readonly Dictionary<string, string> Headers = new()
    {
        // A rotation publishes the new key before reports are signed with it (bicep/README.md), so an hour-old copy still verifies.
        ["Cache-Control"] = "public, max-age=3600",
    };

    [Function(nameof(ApiRoutes.ReportKeys))]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.ReportKeysPath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.ReportKeys, _ => ApiAnswer.Document(
            JsonSerializer.SerializeToUtf8Bytes(Set(keys.Ring), AppJson.Web.ReportKeySet), "application/json; charset=utf-8", Headers));

    public static ReportKeySet Set(ReportKeyRing ring) =>
        new([.. ring.Published.Select(k => new ReportPublicKey(k.Kty, k.Crv, k.X, k.Y, k.Kid, k.Use, k.Alg))]);
}
