using System.Net;
using CreditFunctions.App;
using CreditFunctions.DevHost;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>The partner API over real HTTP through the dev host: routes, status codes and content types as a partner sees them.</summary>
public sealed class DevHostHttpTests
{
    [Fact]
    public async Task The_routes_answer_over_http_with_identity_problems_and_the_openapi_document()
    {
        await using var app = DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                Functions = ["Health", "OpenApi", "SubjectCredit", "Screening", "SubjectAccessLog"],
                Settings = new Dictionary<string, string?>
                {
                    ["CreditStorage"] = AzuriteServer.Shared.ConnectionString,
                    ["Pseudonym:Key"] = CreditApp.PseudonymKey,
                    ["Auth:LocalDevelopment"] = "true",
                    ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
                    ["Auth:TrustClientPrincipal"] = "true",
                },
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = app.GetBaseAddress() };
        var unit = Subjects.NewUscc();

        using var openApi = await http.GetAsync("api/openapi.json");
        using var anonymous = await http.GetAsync($"api/subjects/{unit}/credit");
        using var credit = new HttpRequestMessage(HttpMethod.Get, $"api/subjects/{unit}/credit");
        credit.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principals.Partner);
        using var creditAnswer = await http.SendAsync(credit);
        using var screening = new HttpRequestMessage(HttpMethod.Post, "api/screenings")
        {
            Content = new StringContent($$"""{"business":"tendering-bidding","subjects":["{{unit}}"]}""", System.Text.Encoding.UTF8, "application/json"),
        };
        screening.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principals.Partner);
        using var screeningAnswer = await http.SendAsync(screening);

        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.Contains("\"/api/screenings\"", await openApi.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, creditAnswer.StatusCode);
        Assert.Contains("\"no-record\"", await creditAnswer.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, screeningAnswer.StatusCode);
        Assert.Contains("\"allowed\"", await screeningAnswer.Content.ReadAsStringAsync());
        await app.StopAsync();
    }
}
