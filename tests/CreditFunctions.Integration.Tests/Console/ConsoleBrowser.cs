using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using CreditFunctions.App;
using CreditFunctions.App.Api;
using CreditFunctions.DevHost;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CreditFunctions.Integration.Tests.Console;

/// <summary>
/// What the console's browser tests share, made once for the class: the app in the dev host (every function: its queue
/// triggers ingest what the tests send, signed as each unit would) on an Azurite of its own, and one headless Debian
/// chromium driven by Playwright. Chromium that cannot start fails the tests: nothing here skips.
/// </summary>
public sealed class ConsoleBrowser : IAsyncLifetime
{
    /// <summary>Debian's chromium (infra/test installs it); CONSOLE_TEST_CHROMIUM names another.</summary>
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CONSOLE_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    /// <summary>Where the screenshots go; infra/test prints it.</summary>
    public static readonly string Screenshots = Path.Combine(RepositoryRoot.Find(), ".artifacts", "screenshots");

    /// <summary>The flags this machine needs (env/machines/dotnet.md): no sandbox as root, no GPU, no calls home.</summary>
    private static readonly string[] ChromiumFlags =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private AzuriteServer? _azurite;
    private WebApplication? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Screenshots);
        _azurite = AzuriteServer.Start();
        _host = DevHostBuilder.Build(
            new DevHostOptions
            {
                Port = 0,
                ConfigureLogging = logging => logging.SetMinimumLevel(LogLevel.Warning),
                Settings = new Dictionary<string, string?>
                {
                    ["CreditStorage"] = _azurite.ConnectionString,
                    ["AzureWebJobsStorage"] = _azurite.ConnectionString,
                    ["Pseudonym:Key"] = CreditApp.PseudonymKey,
                    ["Auth:TrustClientPrincipal"] = "true",
                    ["Auth:LocalDevelopment"] = "true",
                    ["SourceKeys:Directory"] = TestKeys.Directory,
                    ["Platform:BaseUrl"] = "http://127.0.0.1:9",
                    ["PlatformReconcileSchedule"] = "0 */5 * * * *",
                },
            },
            typeof(CreditFunctionsServices).Assembly,
            (services, configuration) => services.AddCreditFunctions(configuration));
        await _host.StartAsync();
        BaseAddress = _host.GetBaseAddress();
        Http = new HttpClient { BaseAddress = BaseAddress };

        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No chromium at {ChromiumPath}: the console's browser tests need Debian's chromium (infra/test installs it: apt-get install chromium fonts-wqy-microhei).");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumFlags,
            Timeout = 60_000,
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            await _host.DisposeAsync();
        }

        _azurite?.Dispose();
    }

    /// <summary>A fresh browser context (its own session storage: signed out) at a width, and its page.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return (context, page);
    }

    public static Task ShotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = fullPage });

    /// <summary>Puts a records message on credit-ingest, signed with its source's key (contract v2), as a unit's system does.</summary>
    public async Task SendAsync(RecordsMessage message)
    {
        var queue = new QueueClient(_azurite!.ConnectionString, "credit-ingest", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(message.Json());
    }

    /// <summary>A new unit with one administrative penalty from the Law Enforcement Corps, ingested; returns (USCC, record id).</summary>
    public async Task<(string Subject, string RecordId)> PenaltyAsync()
    {
        var subject = Subjects.NewUscc();
        var sourceRecordId = $"AP-{Guid.NewGuid():N}";
        await SendAsync(RecordsMessage.From("SH-HRSS-ENFORCEMENT").With(RecordsMessage.AdminPenalty(subject, sourceRecordId)));
        var credit = await Eventually.UntilAsync(() => CreditAsync(subject),
            json => json.GetProperty("records").GetArrayLength() == 1, "the penalty to be ingested");
        return (subject, credit.GetProperty("records")[0].GetProperty("recordId").GetString()!);
    }

    /// <summary>The subject's credit as the subject itself asks for it.</summary>
    public async Task<JsonElement> CreditAsync(string subject)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/subjects/{subject}/credit");
        request.Headers.Add(ClientPrincipalReader.Header, Principals.Subject(subject));
        using var response = await Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    /// <summary>POSTs as the caller (X-MS-CLIENT-PRINCIPAL) and returns the answer's JSON, asserting the status.</summary>
    public async Task<JsonElement> PostAsync(string path, string principal, JsonObject body, int expected = 201)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add(ClientPrincipalReader.Header, principal);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == expected, $"POST {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> GetAsync(string path, string principal)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(ClientPrincipalReader.Header, principal);
        using var response = await Http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }
}
