using System.Text.Json;
using CreditFunctions.Domain.Catalogue;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.App.Api;

/// <summary>GET /api/catalogue?asOf=: the three lists in force on a day (art7). Public information: anonymous.</summary>
public sealed class CatalogueFunction(CatalogueSet catalogues, TimeProvider clock)
{
    private static readonly CatalogueJsonContext Readable = new(new JsonSerializerOptions(CatalogueJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    [Function("Catalogue")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalogue")] HttpRequest request)
    {
        if (!RequestReading.TryAsOf(request, clock, out var asOf, out var problem))
        {
            return ApiResults.Problem(problem!, request);
        }

        var catalogue = catalogues.ForDate(asOf);
        return new ContentResult
        {
            Content = JsonSerializer.Serialize(catalogue.Document, Readable.CatalogueDocument),
            ContentType = "application/json; charset=utf-8",
            StatusCode = StatusCodes.Status200OK,
        };
    }
}
