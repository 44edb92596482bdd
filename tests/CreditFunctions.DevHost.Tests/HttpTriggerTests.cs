using System.Net;
using System.Text.Json;
using CreditFunctions.DevHost.Tests.Support;

namespace CreditFunctions.DevHost.Tests;

public sealed class HttpTriggerTests : IAsyncLifetime
{
    private static readonly string[] Functions = ["GetCredit", "NextCounter", "DayOfWeek", "Echo", "NoRoute", "NoResult", "Throws"];
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(HostJson.With(), Functions);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Route_values_bind_to_parameters_by_name_and_IActionResult_is_executed()
    {
        string json = await _host.Http.GetStringAsync("api/subjects/91350100M000100Y43/credit?q=x");

        using JsonDocument doc = JsonDocument.Parse(json);
        Assert.Equal("91350100M000100Y43", doc.RootElement.GetProperty("id").GetString());
        Assert.Equal("x", doc.RootElement.GetProperty("query").GetString());
    }

    [Fact]
    public async Task Only_declared_methods_are_routed_others_get_405_and_unknown_routes_404()
    {
        using HttpResponseMessage post = await _host.Http.PostAsync("api/subjects/abc/credit", null);
        using HttpResponseMessage unknown = await _host.Http.GetAsync("api/subjects/abc/debit");
        using HttpResponseMessage put = await _host.Http.PutAsync("api/echo", new StringContent("hi"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        Assert.Equal("PUT:hi", await put.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Route_constraints_apply_and_values_convert_to_int_DateOnly_and_Guid()
    {
        using HttpResponseMessage notAnInt = await _host.Http.GetAsync("api/counters/abc");
        string next = await _host.Http.GetStringAsync("api/counters/41");
        string day = await _host.Http.GetStringAsync("api/days/2025-03-10/0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal(HttpStatusCode.NotFound, notAnInt.StatusCode);
        Assert.Equal("42", next);
        Assert.Equal("Monday 0f8fad5bd9cb469fa16570867728950e", day);
    }

    [Fact]
    public async Task A_route_that_does_not_convert_fails_the_invocation_with_500()
    {
        using HttpResponseMessage response = await _host.Http.GetAsync("api/days/not-a-date/0f8fad5b-d9cb-469f-a165-70867728950e");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Fact]
    public async Task Without_Route_the_function_name_is_the_route_and_keys_are_not_enforced()
    {
        using HttpResponseMessage response = await _host.Http.GetAsync("api/NoRoute");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_function_returning_nothing_answers_200_with_an_empty_body()
    {
        using HttpResponseMessage response = await _host.Http.GetAsync("api/void");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal(["/api/void"], _host.Probe.Calls("NoResult"));
    }

    [Fact]
    public async Task A_throwing_function_answers_500_and_logs_a_failed_execution()
    {
        using HttpResponseMessage response = await _host.Http.GetAsync("api/throws");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(_host.Logs.Lines, l => l.Contains("Executed 'Functions.Throws' (Failed, Id=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_invocation_logs_Executed_with_id_and_duration()
    {
        await _host.Http.GetStringAsync("api/counters/1");

        Assert.Contains(_host.Logs.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"Executed 'Functions\.NextCounter' \(Succeeded, Id=[0-9a-f-]{36}, Duration=\d+ms\)"));
    }
}

public sealed class HttpRoutePrefixTests
{
    [Theory]
    [InlineData("v1", "v1/subjects/a/credit", "api/subjects/a/credit")]
    [InlineData("", "subjects/a/credit", "api/subjects/a/credit")]
    public async Task The_route_prefix_comes_from_host_json(string prefix, string found, string notFound)
    {
        await using TestHost host = await TestHost.StartAsync(HostJson.With(routePrefix: prefix), ["GetCredit"]);

        using HttpResponseMessage ok = await host.Http.GetAsync(found);
        using HttpResponseMessage missing = await host.Http.GetAsync(notFound);

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
