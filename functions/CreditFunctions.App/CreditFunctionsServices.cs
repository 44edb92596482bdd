using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CreditFunctions.App;

/// <summary>Every service the functions need. Both the Functions worker (Program) and the dev host call this.</summary>
public static class CreditFunctionsServices
{
    public static IServiceCollection AddCreditFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        return services;
    }
}
