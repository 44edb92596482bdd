using CreditFunctions.App.Api.Routes;
using System.Text.Json;
using CreditFunctions.Domain.Catalogue;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/catalogue?asOf=: the three lists in force on a day (art7). Public information: anonymous.</summary>
public sealed class CatalogueFunction(ApiGateway api, CatalogueSet catalogues, TimeProvider clock)
{
    private static readonly CatalogueJsonContext Readable = new(new JsonSerializerOptions(CatalogueJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    [Function(nameof(ApiRoutes.Catalogue))]
    public Task<IActionResult> Run([HttpTrigger(AuthorizationLevel.Anonymous, ApiRoutes.Get, Route = ApiRoutes.CataloguePath)] HttpRequest request) =>
        api.RunAsync(request, ApiRoutes.Catalogue, call =>
        {
            if (!RequestReading.TryAsOf(call.Request, clock, out var asOf, out var problem))
            {
                return problem!;
            }

            return ApiAnswer.Content(JsonSerializer.Serialize(catalogues.ForDate(asOf).Document, Readable.CatalogueDocument), "application/json; charset=utf-8");
        });
}
