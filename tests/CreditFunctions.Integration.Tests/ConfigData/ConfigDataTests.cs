using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CreditFunctions.App.Api;
using CreditFunctions.App.ConfigData;
using CreditFunctions.App.Trust;
using CreditFunctions.Domain.Calendar;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Integration.Tests.Trust;
using CreditFunctions.SourceKeys;
using CreditFunctions.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.Integration.Tests.ConfigData;

/// <summary>
/// The catalogue, the working-day calendar and the source keys from a blob container on Azurite
/// (<c>ConfigData__ContainerUri</c>, read with the CreditStorage connection string's key): loaded at start, a new valid
/// version picked up, a bad one refused while the running one stays, and what /api/health says of them.
/// </summary>
public sealed class ConfigDataTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    [Fact]
    public async Task The_catalogue_calendar_and_keys_come_from_the_container_and_health_says_which_and_from_where()
    {
        var container = await NewContainerAsync();
        await UploadAsync(container, "catalogue/2027-01-01.json", CatalogueVersion("2027-01-01"));
        await UploadAsync(container, ConfigDataMonitor.CalendarBlob, CalendarWithTestYear(2027));
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(TrustFixtures.KeyA));
        await UploadAsync(container, "README.txt", "not data: other blobs are left alone");

        await using var app = await StartAsync(container);

        var catalogue = app.Get<CatalogueSet>();
        Assert.Equal(["2023-09-01", "2026-04-01", "2027-01-01"], catalogue.Versions.Select(v => v.Version));
        var served = HttpAnswer.Of(await app.Function<CatalogueFunction>().Run(app.Request("/api/catalogue", "asOf=2027-02-01")));
        Assert.Equal("2027-01-01", served.Json.GetProperty("version").GetString());
        Assert.Equal(new DateOnly(2027, 12, 31), app.Get<WorkingDayCalendar>().LastCoveredDay);
        Assert.NotNull(app.Get<ConfigDataMonitor>().SourceKeys!.Current.Find(TrustFixtures.KeyA.Kid));

        var health = await HealthAsync(app);
        Assert.Equal(200, health.Status);
        var json = health.Json;
        Assert.Equal("healthy", json.GetProperty("status").GetString());
        Assert.Equal("2023-09-01,2026-04-01,2027-01-01", json.GetProperty("versions").GetProperty("catalogue").GetString());
        Assert.Equal("2027-12-31", json.GetProperty("calendar").GetProperty("lastCoveredDay").GetString());
        Assert.Equal(0, json.GetProperty("warnings").GetArrayLength());
        var data = json.GetProperty("configData").EnumerateArray().ToDictionary(d => d.GetProperty("kind").GetString()!);
        Assert.Equal(["calendar", "catalogue", "source-keys"], data.Keys.Order());
        Assert.All(data.Values, d => Assert.Contains(container.Uri.AbsoluteUri, d.GetProperty("origin").GetString()));
        Assert.Contains("catalogue/2027-01-01.json", data["catalogue"].GetProperty("origin").GetString());
        Assert.StartsWith("1 key of 1 unit, sha256 ", data["source-keys"].GetProperty("version").GetString());
        Assert.StartsWith("2023–2027", data["calendar"].GetProperty("version").GetString());
    }

    [Fact]
    public async Task A_new_valid_version_is_picked_up_by_the_periodic_check_in_the_instances_everyone_holds()
    {
        var container = await NewContainerAsync();
        await using var app = await StartAsync(container, pollInterval: TimeSpan.FromMinutes(3));
        var catalogue = app.Get<CatalogueSet>();
        var calendar = app.Get<WorkingDayCalendar>();
        var keys = app.Get<ConfigDataMonitor>().SourceKeys!;
        Assert.Equal(new DateOnly(2026, 12, 31), calendar.LastCoveredDay);
        Assert.Empty(keys.Current.Keys);

        await UploadAsync(container, "catalogue/2027-01-01.json", CatalogueVersion("2027-01-01"));
        await UploadAsync(container, ConfigDataMonitor.CalendarBlob, CalendarWithTestYear(2027));
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(TrustFixtures.KeyA));
        app.Clock.Advance(TimeSpan.FromMinutes(3));

        await Eventually.UntilAsync(() => catalogue.ForVersion("2027-01-01") is not null, "the catalogue check to pick up 2027-01-01");
        await Eventually.UntilAsync(() => calendar.LastCoveredDay.Year == 2027, "the calendar check to pick up 2027");
        await Eventually.UntilAsync(() => keys.Current.Find(TrustFixtures.KeyA.Kid) is not null, "the key check to pick up the new key");
        Assert.Same(catalogue, app.Get<CatalogueSet>());
        Assert.Equal("2027-01-01", catalogue.ForDate(new DateOnly(2027, 3, 1)).Version);

        // A key rotation: the new key added, later the old one removed.
        var next = SigningKey.Generate(TrustFixtures.UnitA, "2027-1");
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(TrustFixtures.KeyA, next));
        Assert.Equal(ConfigReloadOutcome.Replaced, (await app.Get<ConfigDataMonitor>().CheckNowAsync(CancellationToken.None))["source-keys"]);
        Assert.Equal(2, keys.Current.Keys.Count);
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(next));
        var outcomes = await app.Get<ConfigDataMonitor>().CheckNowAsync(CancellationToken.None);
        Assert.Equal(ConfigReloadOutcome.Replaced, outcomes["source-keys"]);
        Assert.Equal(ConfigReloadOutcome.Unchanged, outcomes["catalogue"]);
        Assert.Null(keys.Current.Find(TrustFixtures.KeyA.Kid));
    }

    [Fact]
    public async Task A_bad_new_version_is_refused_and_logged_the_running_one_stays_and_health_says_so()
    {
        var container = await NewContainerAsync();
        await UploadAsync(container, "catalogue/2027-01-01.json", CatalogueVersion("2027-01-01"));
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(TrustFixtures.KeyA));
        var logs = new LogCapture();
        await using var app = await StartAsync(container, logs: logs);
        var monitor = app.Get<ConfigDataMonitor>();
        var catalogue = app.Get<CatalogueSet>();
        var calendar = app.Get<WorkingDayCalendar>();

        var overlapping = CatalogueVersion("2027-01-01b", effectiveFrom: "2027-01-01");
        await UploadAsync(container, "catalogue/2027-01-01b.json", overlapping);
        await UploadAsync(container, "catalogue/2027-06-01.json", "{ not json");
        await UploadAsync(container, ConfigDataMonitor.CalendarBlob, CalendarWithTestYear(2027, makeUpOnAWeekday: true));
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", "[]");
        var outcomes = await monitor.CheckNowAsync(CancellationToken.None);

        Assert.All(outcomes.Values, o => Assert.Equal(ConfigReloadOutcome.Refused, o));
        Assert.Equal(["2023-09-01", "2026-04-01", "2027-01-01"], catalogue.Versions.Select(v => v.Version));
        Assert.Equal(2026, calendar.LastCoveredDay.Year);
        Assert.NotNull(monitor.SourceKeys!.Current.Find(TrustFixtures.KeyA.Kid));
        var errors = logs.Entries.Where(e => e.Contains("is refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.Contains("catalogue/2027-06-01.json", StringComparison.Ordinal) && e.Contains("catalogue/2027-01-01b.json", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("make-up working day", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("SH-HRSS-ENFORCEMENT.jwks.json", StringComparison.Ordinal));

        // Refused once, logged once: the same files are not read again at the next check.
        Assert.All((await monitor.CheckNowAsync(CancellationToken.None)).Values, o => Assert.Equal(ConfigReloadOutcome.Unchanged, o));
        Assert.Equal(3, logs.Entries.Count(e => e.Contains("is refused", StringComparison.Ordinal)));

        var health = await HealthAsync(app);
        Assert.Equal(200, health.Status);
        Assert.Equal("healthy", health.Json.GetProperty("status").GetString());
        var refused = health.Json.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("code").GetString() == "config-refused").ToList();
        Assert.Equal(3, refused.Count);
        Assert.All(refused, w => Assert.False(string.IsNullOrEmpty(w.GetProperty("zh").GetString())));
        var catalogueData = health.Json.GetProperty("configData").EnumerateArray().Single(d => d.GetProperty("kind").GetString() == "catalogue");
        Assert.Contains(catalogueData.GetProperty("refused").GetProperty("problems").EnumerateArray(),
            p => p.GetString()!.Contains("catalogue/2027-06-01.json", StringComparison.Ordinal));

        // The refused uploads undone: nothing changes in force, and the refusals are forgotten.
        await container.DeleteBlobAsync("catalogue/2027-01-01b.json");
        await container.DeleteBlobAsync("catalogue/2027-06-01.json");
        await container.DeleteBlobAsync(ConfigDataMonitor.CalendarBlob);
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(TrustFixtures.KeyA));
        outcomes = await monitor.CheckNowAsync(CancellationToken.None);
        Assert.Equal(ConfigReloadOutcome.Unchanged, outcomes["catalogue"]);
        Assert.Equal(ConfigReloadOutcome.Unchanged, outcomes["calendar"]);
        Assert.Equal(ConfigReloadOutcome.Replaced, outcomes["source-keys"]); // same keys, a new ETag: read again, fine
        Assert.All(monitor.Status, s => Assert.Null(s.Refused));
    }

    [Fact]
    public async Task With_a_container_AddSourceTrust_verifies_with_the_containers_keys_and_follows_a_rotation()
    {
        var container = await NewContainerAsync();
        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(TrustFixtures.KeyA));
        var settings = new Dictionary<string, string?> { ["ConfigData:ContainerUri"] = container.Uri.AbsoluteUri };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        await using var app = await CreditApp.StartAsync(Today, settings, configure: services => services.AddSourceTrust(configuration));
        var verifier = app.Get<SignedMessageVerifier>();
        var next = SigningKey.Generate(TrustFixtures.UnitA, "2027-1");

        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(TrustFixtures.Sign(TrustFixtures.KeyA, TrustFixtures.Envelope())).Outcome);
        Assert.NotEqual(SenderProofOutcome.Verified, verifier.Verify(TrustFixtures.Sign(next, TrustFixtures.Envelope())).Outcome);

        await UploadAsync(container, "source-keys/SH-HRSS-ENFORCEMENT.jwks.json", MessageSigner.Jwks(next));
        await app.Get<ConfigDataMonitor>().CheckNowAsync(CancellationToken.None);

        Assert.Equal(SenderProofOutcome.Verified, verifier.Verify(TrustFixtures.Sign(next, TrustFixtures.Envelope())).Outcome);
        Assert.NotEqual(SenderProofOutcome.Verified, verifier.Verify(TrustFixtures.Sign(TrustFixtures.KeyA, TrustFixtures.Envelope())).Outcome);
        Assert.Null(app.Services.GetService<SourceKeyRegistry>());
    }

    [Theory]
    [InlineData("UseDevelopmentStorage=true", true)]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AzuriteServer.AccountKey + ";BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;", true)]
    [InlineData(null, false)]
    public void Locally_the_container_is_read_with_the_connection_strings_key_and_in_Azure_with_the_identity(string? connectionString, bool sharedKey)
    {
        var settings = new Dictionary<string, string?>
        {
            ["CreditStorage"] = connectionString,
            ["CreditStorage:tableServiceUri"] = "https://account.table.core.chinacloudapi.cn",
            ["CreditStorage:queueServiceUri"] = "https://account.queue.core.chinacloudapi.cn",
        };
        var storage = new App.Storage.CreditStorage(
            new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), new App.Storage.StorageRequestCounter(), []);

        var local = new Uri("http://127.0.0.1:10000/devstoreaccount1/credit-config");
        var container = storage.ContainerAt(sharedKey ? local : new Uri("https://account.blob.core.chinacloudapi.cn/credit-config"));
        if (!sharedKey)
        {
            Assert.Contains("https", Assert.Throws<InvalidOperationException>(() => storage.ContainerAt(local)).Message, StringComparison.Ordinal);
        }

        var withSas = storage.ContainerAt(new Uri("https://account.blob.core.chinacloudapi.cn/credit-config?sv=2024-11-04&sr=c&sp=rl&sig=abc"));

        Assert.Equal("credit-config", container.Name);
        Assert.Equal(sharedKey, container.CanGenerateSasUri); // only a shared key can sign a SAS; a token credential cannot
        Assert.False(withSas.CanGenerateSasUri);
        Assert.Contains("sig=abc", withSas.Uri.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_calendar_that_drops_a_year_the_shipped_one_covers_is_refused()
    {
        var container = await NewContainerAsync();
        await using var app = await StartAsync(container);
        var onlyNextYear = new JsonObject
        {
            ["years"] = new JsonArray(new JsonObject
            {
                ["year"] = 2027, ["source"] = "test fixture, not a State Council notice", ["offDays"] = new JsonArray(), ["makeUpWorkingDays"] = new JsonArray(),
            }),
        }.ToJsonString();
        await UploadAsync(container, ConfigDataMonitor.CalendarBlob, onlyNextYear);

        var outcomes = await app.Get<ConfigDataMonitor>().CheckNowAsync(CancellationToken.None);

        Assert.Equal(ConfigReloadOutcome.Refused, outcomes["calendar"]);
        Assert.Contains("lacks 2023, 2024, 2025, 2026", app.Get<ConfigDataMonitor>().Status.Single(s => s.Kind == "calendar").Refused!.Problems.Single());
    }

    [Fact]
    public async Task A_bad_container_at_start_stops_the_app_naming_the_file()
    {
        var container = await NewContainerAsync();
        await UploadAsync(container, "catalogue/2027-01-01.json", "{ not json");

        var e = await Assert.ThrowsAsync<ConfigDataException>(() => StartAsync(container));

        Assert.Equal("catalogue", e.Kind);
        Assert.Contains("catalogue/2027-01-01.json", e.Message);
    }

    [Fact]
    public async Task Without_a_container_the_catalogue_folder_is_checked_for_new_versions()
    {
        var folder = Directory.CreateTempSubdirectory("credit-catalogue-").FullName;
        try
        {
            await using var app = await CreditApp.StartAsync(Today, new Dictionary<string, string?> { ["Catalogue:Directory"] = folder });
            var monitor = app.Get<ConfigDataMonitor>();
            Assert.Null(monitor.SourceKeys);

            await File.WriteAllTextAsync(Path.Combine(folder, "2027-01-01.json"), CatalogueVersion("2027-01-01"));
            Assert.Equal(ConfigReloadOutcome.Replaced, (await monitor.CheckNowAsync(CancellationToken.None))["catalogue"]);
            Assert.NotNull(app.Get<CatalogueSet>().ForVersion("2027-01-01"));

            await File.WriteAllTextAsync(Path.Combine(folder, "2027-06-01.json"), "[]");
            Assert.Equal(ConfigReloadOutcome.Refused, (await monitor.CheckNowAsync(CancellationToken.None))["catalogue"]);
            Assert.Null(app.Get<CatalogueSet>().ForVersion("2027-06-01"));
            Assert.NotNull(app.Get<CatalogueSet>().ForVersion("2027-01-01"));
            Assert.Contains(folder, monitor.Status.Single(s => s.Kind == "catalogue").Origin);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("2026-10-31", null)]
    [InlineData("2026-11-01", "calendar-ending")]
    [InlineData("2026-12-01", "calendar-ending")]
    [InlineData("2026-12-31", "calendar-ending")]
    [InlineData("2027-01-04", "calendar-ended")]
    public async Task Health_warns_from_60_days_before_the_calendar_ends_and_stays_healthy(string today, string? warning)
    {
        await using var app = await CreditApp.StartAsync(DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

        var health = await HealthAsync(app);

        Assert.Equal(200, health.Status);
        Assert.Equal("healthy", health.Json.GetProperty("status").GetString());
        var calendar = health.Json.GetProperty("calendar");
        Assert.Equal("2026-12-31", calendar.GetProperty("lastCoveredDay").GetString());
        Assert.Equal("2026-11-01", calendar.GetProperty("warnsFrom").GetString());
        var warnings = health.Json.GetProperty("warnings").EnumerateArray().ToList();
        if (warning is null)
        {
            Assert.Empty(warnings);
            return;
        }

        var only = Assert.Single(warnings);
        Assert.Equal(warning, only.GetProperty("code").GetString());
        Assert.Contains("2026-12-31", only.GetProperty("zh").GetString());
        Assert.Contains("工作日历", only.GetProperty("zh").GetString());
        Assert.Contains("Monday to Friday", only.GetProperty("en").GetString());
        Assert.Equal($"{only.GetProperty("zh").GetString()} / {only.GetProperty("en").GetString()}", only.GetProperty("message").GetString());
        var data = health.Json.GetProperty("configData").EnumerateArray().ToDictionary(d => d.GetProperty("kind").GetString()!);
        Assert.Equal("embedded", data["calendar"].GetProperty("origin").GetString());
        Assert.Equal("embedded", data["catalogue"].GetProperty("origin").GetString());
    }

    private static async Task<CreditApp> StartAsync(BlobContainerClient container, TimeSpan? pollInterval = null, LogCapture? logs = null) =>
        await CreditApp.StartAsync(Today, new Dictionary<string, string?>
        {
            ["ConfigData:ContainerUri"] = container.Uri.AbsoluteUri,
            ["ConfigData:PollInterval"] = (pollInterval ?? TimeSpan.FromMinutes(5)).ToString(),
        }, configure: services =>
        {
            if (logs is not null)
            {
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
            }
        });

    private static async Task<HttpAnswer> HealthAsync(CreditApp app) =>
        HttpAnswer.Of(await app.Function<HealthFunction>().Run(app.Request("/api/health"), CancellationToken.None));

    private static async Task<BlobContainerClient> NewContainerAsync()
    {
        var container = new BlobContainerClient(AzuriteServer.Shared.ConnectionString, $"credit-config-{Guid.NewGuid():N}");
        await container.CreateAsync();
        return container;
    }

    private static Task UploadAsync(BlobContainerClient container, string name, string content) =>
        container.GetBlobClient(name).UploadAsync(BinaryData.FromString(content), overwrite: true);

    /// <summary>The shipped 2026-04-01 version under another name and date: valid, and new to the app.</summary>
    private static string CatalogueVersion(string version, string? effectiveFrom = null)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions", "CreditFunctions.Domain", "Catalogue", "versions", "2026-04-01.json")))!;
        json["version"] = version;
        json["effectiveFrom"] = effectiveFrom ?? version;
        return json.ToJsonString();
    }

    /// <summary>
    /// The shipped calendar plus a year for tests: no holidays at all, marked as a fixture. Not a State Council notice and
    /// never shipped: the repository's calendar holds published notices only.
    /// </summary>
    private static string CalendarWithTestYear(int year, bool makeUpOnAWeekday = false)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "functions", "CreditFunctions.Domain", "Calendar", "working-days-cn.json")))!;
        var makeUp = new JsonArray();
        if (makeUpOnAWeekday)
        {
            makeUp.Add(new DateOnly(year, 3, 3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)); // a Wednesday
        }

        json["years"]!.AsArray().Add(new JsonObject
        {
            ["year"] = year, ["source"] = "test fixture, not a State Council notice", ["offDays"] = new JsonArray(), ["makeUpWorkingDays"] = makeUp,
        });
        return json.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private sealed class LogCapture : Microsoft.Extensions.Logging.ILoggerProvider
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _entries = new();

        public IReadOnlyList<string> Entries => [.. _entries];

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> entries) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(
                Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue($"{category} {logLevel}: {formatter(state, exception)}");
        }
    }
}
