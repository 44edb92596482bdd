using CreditFunctions.App.Api;
using CreditFunctions.App.Expiry;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Platform;
using CreditFunctions.App.Reports;
using CreditFunctions.App.Storage;
using CreditFunctions.App.Trust;
using CreditFunctions.App.Watches;
using CreditFunctions.Domain.Catalogue;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App;

/// <summary>Every service the functions need. Both the Functions worker (Program) and the dev host call this.</summary>
public static class CreditFunctionsServices
{
    public static IServiceCollection AddCreditFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        // ASP.NET Core logs each request's URL, and a subject's id is in the path: for an individual that is a
        // personal ID number, which must never reach a log (docs/rules.md "Subjects"). The functions log what matters themselves.
        services.AddLogging(logging => logging
            .AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Routing", LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore.Mvc", LogLevel.Warning));
        return services
            .AddCatalogue(configuration)
            .AddCreditStorage()
            .AddSourceTrust(configuration)
            .AddIngestion()
            .AddPartnerApi(configuration)
            .AddPlatform(configuration)
            .AddExpirySweep(configuration)
            .AddObjectionsAndRepairs()
            .AddWatchesAndFeedback(configuration)
            .AddCreditReports()
            .AddDocuments(configuration);
    }

    /// <summary>The served documents: the OpenAPI document names this deployment's Entra tenant, app registration and host.</summary>
    public static IServiceCollection AddDocuments(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection("OpenApi");
        services.AddSingleton(new OpenApiSettings(section["EntraTenantId"], section["EntraClientId"], section["ServerUrl"], section["EntraLoginHost"]));
        services.AddSingleton<ServedOpenApiDocument>();
        return services;
    }

    /// <summary>Objections (art10) and credit repair (art11): desks, their tables' stores, the overdue sweep.</summary>
    public static IServiceCollection AddObjectionsAndRepairs(this IServiceCollection services)
    {
        // One shared calendar (it warns once per year past the published notices), kept current by ConfigDataMonitor (the
        // shipped one, or calendar/working-days-cn.json of the configuration container); others may register it too.
        services.TryAddSingleton(sp => sp.GetRequiredService<ConfigData.ConfigDataMonitor>().Calendar);
        services.AddCaseKind<Objections.StoredObjection, Objections.ObjectionKind>();
        services.AddSingleton<Objections.ObjectionSteps>();
        services.AddSingleton<Objections.ObjectionDesk>();
        services.AddSingleton<Objections.ObjectionSweep>();
        services.AddCaseKind<Repairs.StoredRepair, Repairs.RepairKind>();
        services.AddSingleton<Repairs.RepairSteps>();
        services.AddSingleton<Repairs.RepairDesk>();
        return services;
    }

    /// <summary>One kind of case: its table's part, the table's one owner, and the shared flow over it.</summary>
    private static IServiceCollection AddCaseKind<TCase, TKind>(this IServiceCollection services)
        where TCase : Cases.StoredCase
        where TKind : Cases.CaseKind<TCase>
    {
        services.AddSingleton<Cases.CaseKind<TCase>, TKind>();
        services.AddSingleton<Cases.CaseTable<TCase>>();
        services.AddSingleton<Cases.CaseFlow<TCase>>();
        services.AddSingleton<ISubjectKeyHolder>(sp => sp.GetRequiredService<Cases.CaseTable<TCase>>());
        return services;
    }

    public static IServiceCollection AddCatalogue(this IServiceCollection services, IConfiguration configuration)
    {
        // The lists change without a deploy (docs/operations.md "Configuration data"): the versions shipped in the domain assembly, plus those of
        // catalogue/ in the ConfigData__ContainerUri container, or else of the folder Catalogue__Directory; checked for
        // changes and validated before use by ConfigDataMonitor. One CatalogueSet instance, its versions swapped in place.
        services.AddConfigData(configuration);
        services.AddSingleton(sp => sp.GetRequiredService<ConfigData.ConfigDataMonitor>().Catalogue);
        services.AddHostedService<CatalogueStartupCheck>();
        return services;
    }

    /// <summary>The catalogue, calendar and (from a container) source keys, and what /api/health says of them.</summary>
    public static IServiceCollection AddConfigData(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(sp =>
        {
            var loggers = sp.GetService<ILoggerFactory>();
            var options = ConfigData.ConfigDataOptions.From(configuration);
            return ConfigData.ConfigDataMonitor.Load(
                options,
                options.FromContainer ? sp.GetRequiredService<CreditStorage>() : null,
                loggers?.CreateLogger("CreditFunctions.ConfigData"),
                sp.GetService<TimeProvider>(),
                loggers?.CreateLogger("CreditFunctions.WorkingDays"));
        });
        services.TryAddSingleton<ConfigData.ConfigDataReport>();
        return services;
    }

    public static IServiceCollection AddCreditStorage(this IServiceCollection services)
    {
        services.AddSingleton<StorageRequestCounter>();
        services.AddSingleton<CreditStorage>();
        services.AddSingleton<StorageProvisioner>();
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<SubjectKeys>();
        services.AddSingleton<Maintenance.TallyMarkerPruner>();
        services.AddSingleton<RecordStore>();
        services.AddSingleton<SubjectDirectory>();
        services.AddSingleton<MessageLedger>();
        services.AddSingleton<AccessLogStore>();
        services.AddSingleton<UnitQualityStore>();
        services.AddSingleton<SourceFreshnessStore>();
        services.AddSingleton<Contracts.QueueSender>();
        services.AddSingleton<Platform.PlatformOutbox>();
        // The owners whose rows hold individuals' subject keys, for a re-keying migration (infra/Rekey).
        services.AddSingleton<ISubjectKeyHolder>(sp => sp.GetRequiredService<RecordStore>());
        services.AddSingleton<ISubjectKeyHolder>(sp => sp.GetRequiredService<AccessLogStore>());
        // With the table owners, so the re-keying tool (which builds only these) moves the watches too.
        services.AddSingleton<Watches.WatchStore>();
        services.AddSingleton<ISubjectKeyHolder>(sp => sp.GetRequiredService<Watches.WatchStore>());
        return services;
    }

    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddSingleton<RejectionLedger>();
        services.AddSingleton<ClaimCheckReader>();
        services.AddSingleton<SourceReport>();
        services.AddSingleton<SubjectProfileIngestor>();
        services.AddSingleton<RecentLinks>();
        services.AddSingleton<RecordIngestor>();
        return services;
    }

    public static IServiceCollection AddPartnerApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<AuthTrust>();
        services.AddHostedService<AuthStartupCheck>();
        services.AddSingleton<ClientPrincipalReader>();
        services.AddSingleton<Api.Routes.ApiGateway>();
        services.AddSingleton<Console.ConsolePages>();
        services.AddSingleton<SubjectLookupReader>();
        services.AddSingleton<AccessLogging>();
        return services;
    }
}
