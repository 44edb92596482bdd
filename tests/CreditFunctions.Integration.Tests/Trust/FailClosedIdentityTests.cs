using System.Text;
using CreditFunctions.App.Api;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>
/// The app believes X-MS-CLIENT-PRINCIPAL only with App Service authentication on or in local development, and
/// otherwise answers 401 on every protected route (contract v2, issue "Trust"); a header that is JSON but not a
/// principal is 401 too, never 500.
/// </summary>
public sealed class FailClosedIdentityTests
{
    private static readonly string Admin = Principals.Admin;

    [Fact]
    public void Every_protected_route_of_the_table_has_a_call_here()
    {
        Assert.Equal(EveryRoute.Protected.Select(r => r.Function).Order(), EveryRoute.Calls.Keys.Order());
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("false", null, false)]
    [InlineData(null, "True", true)]
    [InlineData("false", "True", true)]
    [InlineData("true", null, true)]
    [InlineData(null, "false", false)]
    public async Task The_header_is_believed_only_with_App_Service_authentication_on_or_in_local_development(string? local, string? appService, bool trusted)
    {
        await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Auth:LocalDevelopment"] = local,
            ["WEBSITE_AUTH_ENABLED"] = appService,
        });

        foreach (var route in EveryRoute.Protected)
        {
            var answer = await EveryRoute.Calls[route.Function](app, Admin);
            if (trusted)
            {
                Assert.True(answer.Status != 401, $"{route.Name}: an administrator was not believed ({answer.Status})");
            }
            else
            {
                Assert.True(answer.Status == 401, $"{route.Name}: expected 401 with the header not trusted, got {answer.Status}");
                Assert.Equal("unauthenticated", answer.Json.GetProperty("code").GetString());
            }
        }
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    [InlineData("ture")]
    public async Task A_bad_value_of_TrustClientPrincipal_stops_the_app_at_start_naming_the_setting(string value)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var app = await CreditApp.StartAsync(settings: new Dictionary<string, string?> { ["Auth:TrustClientPrincipal"] = value });
        });

        Assert.NotNull(failure);
        Assert.Contains("Auth:TrustClientPrincipal", failure!.Message);
        Assert.Contains(value, failure.Message);
    }

    public static TheoryData<string, string> NotPrincipals() => new()
    {
        { "an array", "[]" },
        { "a string", "\"admin\"" },
        { "a number", "42" },
        { "null", "null" },
        { "claims an object", """{"claims":{"typ":"roles","val":"admin"}}""" },
        { "claims strings", """{"claims":["admin","roles"]}""" },
        { "claims numbers and nulls", """{"claims":[1,null,true]}""" },
        { "a claim's value an object", """{"claims":[{"typ":"roles","val":{"admin":true}}]}""" },
    };

    [Theory]
    [MemberData(nameof(NotPrincipals))]
    public async Task A_header_that_is_json_but_not_a_principal_is_401_with_a_problem_on_every_protected_route(string what, string json)
    {
        await using var app = await CreditApp.StartAsync();
        var header = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));

        foreach (var route in EveryRoute.Protected)
        {
            var answer = await EveryRoute.Calls[route.Function](app, header);
            Assert.True(answer.Status == 401, $"{what} on {route.Name}: got {answer.Status} {answer.Body}");
            Assert.StartsWith("application/problem+json", answer.ContentType);
            Assert.Equal("unauthenticated", answer.Json.GetProperty("code").GetString());
        }
    }

    [Fact]
    public void The_start_log_says_why_the_header_is_not_trusted()
    {
        var trust = new AuthTrust(new ConfigurationBuilder().AddInMemoryCollection(
            new Dictionary<string, string?> { ["Auth:TrustClientPrincipal"] = "true" }).Build());

        Assert.False(trust.Trusted);
        Assert.Contains("WEBSITE_AUTH_ENABLED", trust.Why);
        Assert.IsAssignableFrom<IHostedService>(new AuthStartupCheck(trust, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuthStartupCheck>.Instance));
    }
}
