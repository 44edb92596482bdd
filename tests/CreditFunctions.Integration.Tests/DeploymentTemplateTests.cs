using System.Reflection;
using System.Text.RegularExpressions;
using CreditFunctions.App;
using CreditFunctions.App.Storage;
using CreditFunctions.Testing;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.Integration.Tests;

/// <summary>
/// In Azure the app may not create tables or queues itself as freely as on Azurite, and the Bicep template names
/// them: the template's lists must be exactly what the code uses, or a deployment fails at the first message.
/// </summary>
public sealed partial class DeploymentTemplateTests
{
    private static readonly string Template = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "bicep", "main.bicep"));

    [Fact]
    public void The_template_creates_exactly_the_tables_the_code_uses()
    {
        Assert.Equal(TableNames.All.Order(), List("tableNames").Order());
    }

    [Fact]
    public void The_template_creates_every_queue_the_code_uses_and_the_poison_queue_of_every_queue_trigger()
    {
        var triggered = typeof(CreditFunctionsServices).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttribute<QueueTriggerAttribute>()?.QueueName)
            .OfType<string>()
            .ToList();
        var expected = QueueNames.All.Concat(triggered).Concat(triggered.Select(q => q + "-poison")).Distinct().Order();

        Assert.Equal(expected, List("queueNames").Order());
    }

    private static List<string> List(string variable)
    {
        var start = Template.IndexOf($"var {variable} = [", StringComparison.Ordinal);
        var end = Template.IndexOf(']', start);
        return QuotedName().Matches(Template[start..end]).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"^\s*'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex QuotedName();
}
