using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.App.Expiry;

/// <summary>The services of the daily expiry sweep.</summary>
public static class ExpiryServices
{
    public static IServiceCollection AddExpirySweep(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ExpiryOptions>().Bind(configuration.GetSection(ExpiryOptions.Section));
        services.AddSingleton<ExpirySweeper>();
        return services;
    }
}
