using Azure.Core;
using CreditFunctions.App;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Platform;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.PlatformSimulator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static CreditFunctions.Integration.Tests.Platform.PlatformTestData;

namespace CreditFunctions.Integration.Tests.Platform;

/// <summary>With Platform__Scope set (Azure), each push carries a bearer token for that scope from the credential in DI.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PlatformTokenTests(PlatformFixture platform)
{
    private const string Scope = "api://credit-platform/.default";

    [Fact]
    public async Task The_push_asks_the_credential_for_the_configured_scope_and_sends_the_token()
    {
        platform.Chaos.Set(ChaosSettings.Healthy);
        await using var app = await CreditApp.StartAsync(connectionString: platform.Storage.ConnectionString);
        var record = await IngestPenaltyAsync(app);
        var credential = new RecordingCredential();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CreditStorage"] = platform.Storage.ConnectionString,
            ["Pseudonym:Key"] = CreditApp.PseudonymKey,
            ["Auth:LocalDevelopment"] = "true",
            ["SourceKeys:Directory"] = CreditFunctions.Testing.TestKeys.Directory,
            ["Platform:BaseUrl"] = platform.BaseUrl,
            ["Platform:Scope"] = Scope,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCreditFunctions(configuration);
        services.AddSingleton<TokenCredential>(credential);
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        await ActivatorUtilities.CreateInstance<PlatformPushFunction>(provider)
            .Run(Notice(new OutboxPointer(record.Partition, PublishId(record))), CancellationToken.None);

        Assert.Equal([Scope], credential.Scopes.Distinct());
        Assert.True(platform.Ledger.Latest(record.RecordId)?.HadBearerToken);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
