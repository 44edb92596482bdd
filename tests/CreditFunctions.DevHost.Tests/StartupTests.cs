using CreditFunctions.DevHost.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.DevHost.Tests;

public sealed class StartupTests
{
    [Fact]
    public async Task Startup_lists_the_functions_like_Core_Tools()
    {
        string queue = TestHost.UniqueQueue("listing");
        await using TestHost host = await TestHost.StartAsync(HostJson.With(), ["GetCredit", "Text", "Daily", "NoRoute"],
            new Dictionary<string, string?> { ["TextQueue"] = queue, ["DailySchedule"] = "0 5 16 * * *" });

        string root = host.BaseAddress.ToString().TrimEnd('/');
        string listing = await Eventually.UntilAsync(
            () => Task.FromResult(host.Logs.Lines.FirstOrDefault(l => l.Contains("Functions:", StringComparison.Ordinal))),
            l => l is not null, "the function list") ?? "";
        Assert.Contains($"\tGetCredit: [GET] {root}/api/subjects/{{id}}/credit\n", listing);
        Assert.Contains($"\tNoRoute: [GET] {root}/api/NoRoute\n", listing);
        Assert.Contains($"\tText: queueTrigger ({queue})\n", listing);
        Assert.Contains("\tDaily: timerTrigger (0 5 16 * * *)\n", listing);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Function keys are not enforced", StringComparison.Ordinal));
        Assert.StartsWith("http://127.0.0.1:", root);
    }

    [Fact]
    public void The_shared_Azurite_connection_string_names_all_three_endpoints()
    {
        string cs = AzuriteServer.Shared.ConnectionString;

        Assert.Contains("AccountName=devstoreaccount1;", cs);
        Assert.Contains($"QueueEndpoint={AzuriteServer.Shared.QueueEndpoint}", cs);
        Assert.Contains($"BlobEndpoint={AzuriteServer.Shared.BlobEndpoint}", cs);
        Assert.Contains($"TableEndpoint={AzuriteServer.Shared.TableEndpoint}", cs);
    }
}
