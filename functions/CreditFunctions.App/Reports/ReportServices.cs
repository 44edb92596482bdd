using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.App.Reports;

/// <summary>Credit reports: the register key, the Reports table's owner, the desk, and the key's start-up check.</summary>
public static class ReportServices
{
    public static IServiceCollection AddCreditReports(this IServiceCollection services)
    {
        services.AddSingleton<ReportKeys>();
        services.AddHostedService<ReportKeysStartupCheck>();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportDesk>();
        return services;
    }
}
