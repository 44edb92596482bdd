using CreditFunctions.DevHost.Tests.Support;

namespace CreditFunctions.DevHost.Tests;

public sealed class DiscoveryTests
{
    private static readonly IReadOnlyList<DiscoveredFunction> Sample = FunctionCatalog.Discover(typeof(DiscoveryTests).Assembly);

    [Fact]
    public void Every_Function_method_of_the_assembly_is_found_with_its_trigger_type()
    {
        Assert.Equal("httpTrigger", Sample.Single(f => f.Name == "GetCredit").TriggerType);
        Assert.Equal("queueTrigger", Sample.Single(f => f.Name == "AlwaysFails").TriggerType);
        Assert.Equal("timerTrigger", Sample.Single(f => f.Name == "Daily").TriggerType);
        Assert.Empty(Sample.Single(f => f.Name == "LateAdded").Problems);
    }

    [Fact]
    public async Task A_function_added_to_the_app_runs_without_any_dev_host_change()
    {
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["LateAdded"]);

        string body = await host.Http.GetStringAsync("api/late");

        Assert.Equal("late but here", body);
    }

    [Theory]
    [InlineData("WithQueueOutput", "QueueOutput")]
    [InlineData("WithFunctionContext", "FunctionContext")]
    [InlineData("WithCustomTrigger", "CustomTrigger")]
    [InlineData("WithUnboundParameter", "subjectId")]
    [InlineData("WithMissingSetting", "NoSuchSetting")]
    public void An_unsupported_function_is_refused_at_startup_naming_it(string function, string reason)
    {
        var ex = Assert.Throws<FunctionConfigurationException>(() => Build([function]));

        Assert.All(ex.Problems, p => Assert.StartsWith($"Function '{function}':", p));
        Assert.Contains(ex.Problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_function_filter_every_unsupported_function_is_listed()
    {
        var ex = Assert.Throws<FunctionConfigurationException>(() => Build(null));

        foreach (string name in new[] { "WithQueueOutput", "WithFunctionContext", "WithCustomTrigger", "WithUnboundParameter" })
        {
            Assert.Contains(ex.Problems, p => p.StartsWith($"Function '{name}':", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void An_unknown_name_in_the_function_filter_is_refused()
    {
        var ex = Assert.Throws<FunctionConfigurationException>(() => Build(["NoSuchFunction"]));

        Assert.Contains("NoSuchFunction", ex.Message);
    }

    private static void Build(string[]? functions)
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("devhost-discovery-");
        try
        {
            string hostJson = Path.Combine(dir.FullName, "host.json");
            File.WriteAllText(hostJson, HostJson.With());
            DevHostBuilder.Build(TestHost.Options(hostJson, functions), typeof(DiscoveryTests).Assembly, (_, _) => { });
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
