using System.Text.Json;
using CreditFunctions.App.Api;
using CreditFunctions.Integration.Tests.Support;
using Xunit.Abstractions;

namespace CreditFunctions.Integration.Tests.Api;

/// <summary>
/// The document the app serves passes infra/contract-check: Redocly (recommended) and Spectral (spectral:oas) with no error
/// and no warning, and a typed client (openapi-typescript + openapi-fetch, infra/contracts/client/check.ts) compiles
/// against it with tsc --strict. So a change to a route, a contract type or the document builder that breaks the
/// document, or a client of it, breaks ./infra/test, with the linters' own words in the failure.
/// </summary>
public sealed class OpenApiLintTests(ITestOutputHelper output)
{
    [Fact]
    public void The_served_document_lints_clean_and_a_typed_client_compiles_against_it()
    {
        var run = ContractCheck.Run;
        output.WriteLine($"infra/contract-check took {run.Seconds:0.0} s");
        output.WriteLine(run.Output);

        var failed = ContractCheck.FailedSteps(run).Where(s => s is "redocly" or "spectral" or "client").ToList();
        Assert.True(failed.Count == 0, $"infra/contract-check --openapi {ContractCheck.OpenApiPath} failed ({string.Join(", ", failed)}):\n{run.Output}");
        if (run.ExitCode == 0)
        {
            Assert.Contains("openapi openapi.json: redocly, spectral, client compile", run.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_deployment_names_its_tenant_its_app_registration_its_cloud_and_its_host()
    {
        var settings = new OpenApiSettings(
            "7d9c4c6e-0000-4000-8000-000000000001", "5f3b0a2e-0000-4000-8000-000000000002", "https://credit.example.gov.cn/", "https://login.chinacloudapi.cn/");

        using var document = JsonDocument.Parse(OpenApiDocument.TextFor(settings));

        var root = document.RootElement;
        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        var clientCredentials = schemes.GetProperty("entraId").GetProperty("flows").GetProperty("clientCredentials");
        Assert.Equal("https://login.chinacloudapi.cn/7d9c4c6e-0000-4000-8000-000000000001/oauth2/v2.0/token", clientCredentials.GetProperty("tokenUrl").GetString());
        Assert.True(clientCredentials.GetProperty("scopes").TryGetProperty("api://5f3b0a2e-0000-4000-8000-000000000002/.default", out _));
        Assert.Equal("https://login.chinacloudapi.cn/7d9c4c6e-0000-4000-8000-000000000001/v2.0/.well-known/openid-configuration",
            schemes.GetProperty("entraOpenIdConnect").GetProperty("openIdConnectUrl").GetString());
        Assert.DoesNotContain("placeholder", schemes.GetProperty("entraId").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://credit.example.gov.cn", root.GetProperty("servers")[0].GetProperty("url").GetString());
        var credit = root.GetProperty("paths").GetProperty("/api/subjects/{id}/credit").GetProperty("get");
        Assert.Equal("api://5f3b0a2e-0000-4000-8000-000000000002/.default", credit.GetProperty("security")[0].GetProperty("entraId")[0].GetString());
        Assert.False(schemes.TryGetProperty("clientPrincipal", out _));
        Assert.Equal("https://login.microsoftonline.com/organizations/oauth2/v2.0/token", JsonDocument.Parse(OpenApiDocument.Text).RootElement
            .GetProperty("components").GetProperty("securitySchemes").GetProperty("entraId").GetProperty("flows").GetProperty("clientCredentials")
            .GetProperty("tokenUrl").GetString());
    }
}
