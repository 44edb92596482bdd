using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CreditFunctions.App.Api;

/// <summary>
/// At start: a bad value of the identity settings stops the app with a clear message (rather than every request failing),
/// and the log says whether <c>X-MS-CLIENT-PRINCIPAL</c> is trusted and why (fail closed: not trusted means 401 everywhere).
/// </summary>
public sealed class AuthStartupCheck(AuthTrust trust, ILogger<AuthStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (trust.Problems.Count > 0)
        {
            logger.LogCritical("The identity settings are invalid; the app will not start: {Problems}", string.Join("; ", trust.Problems));
            throw new InvalidOperationException("Invalid identity settings: " + string.Join("; ", trust.Problems));
        }

        if (trust.Trusted)
        {
            logger.LogInformation("Callers are read from X-MS-CLIENT-PRINCIPAL: {Why}", trust.Why);
        }
        else
        {
            logger.LogWarning("X-MS-CLIENT-PRINCIPAL is NOT trusted, so every protected route answers 401: {Why}", trust.Why);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
