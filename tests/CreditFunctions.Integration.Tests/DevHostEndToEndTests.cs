using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.DevHost;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.Integration.Tests;

/// <summary>
/// The README's first example, as a test: the app in the dev host (its real queue trigger, its real HTTP routes) on
/// its own Azurite; an admin penalty dropped on credit-ingest by a plain queue client comes back from the credit route.
/// </summary>
public sealed class DevHostEndToEndTests
{
    [Fact]
    public async Task A_record_dropped_on_the_ingest_queue_is_returned_by_the_credit_route_over_http()
    {
        using var azurite = AzuriteServer.Start();
        await using var host = DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
                Settings = new Dictionary<string, string?>
                {
                    ["CreditStorage"] = azurite.ConnectionString,
                    ["AzureWebJobsStorage"] = azurite.ConnectionString,
                    ["Pseudonym:Key"] = CreditApp.PseudonymKey,
                    ["Auth:LocalDevelopment"] = "true",
                    ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
                    ["Auth:TrustClientPrincipal"] = "true",
                    ["Platform:BaseUrl"] = "http://127.0.0.1:9",
                    ["PlatformReconcileSchedule"] = "0 */5 * * * *",
                },
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
        await host.StartAsync();
        using var http = new HttpClient { BaseAddress = host.GetBaseAddress() };
        var unit = Subjects.NewUscc();
        var queue = new QueueClient(azurite.ConnectionString, "credit-ingest", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(RecordsMessage.AdminPenalty(unit, "沪人社监罚〔2024〕123号")).Json());

        var health = await http.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("healthy", JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        var credit = await Eventually.UntilAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"api/subjects/{unit}/credit");
                request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Principals.Partner);
                var response = await http.SendAsync(request);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            },
            json => json.TryGetProperty("status", out var status) && status.GetString() != "no-record",
            "the record to reach the credit route");
        Assert.Equal("general-dishonesty", credit.GetProperty("status").GetString());
        Assert.Equal("admin-penalty", Assert.Single(credit.GetProperty("records").EnumerateArray()).GetProperty("kind").GetString());
        await host.StopAsync();
    }
}
