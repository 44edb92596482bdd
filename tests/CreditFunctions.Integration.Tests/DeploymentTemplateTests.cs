using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using CreditFunctions.App;
using CreditFunctions.App.Contracts;
using CreditFunctions.App.Storage;
using CreditFunctions.Testing;
using Microsoft.Azure.Functions.Worker;

namespace CreditFunctions.Integration.Tests;

/// <summary>
/// In Azure the app may not create tables or queues itself as freely as on Azurite, and the Bicep template names
/// them: the template's lists must be exactly what the code uses, or a deployment fails at the first message.
/// The other checks hold the deployment to what bicep/README.md promises (per-unit rights, a pseudonym key that
/// is never rewritten, an azd project that deploys the app). They read the Bicep source: the Bicep CLI that
/// compiles it runs in infra/bicep-check, after these tests.
/// </summary>
public sealed partial class DeploymentTemplateTests
{
    private static readonly string Root = RepositoryRoot.Find();
    private static readonly string Template = Read("bicep", "main.bicep");

    private const string QueueMessageSender = "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a";
    private const string QueueMessageProcessor = "8a0f0c08-91a1-4084-bc3d-661d67233fed";

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

    [Fact]
    public void Every_unit_of_unitPrincipals_gets_a_notices_queue_named_after_its_code_in_lower_case()
    {
        Assert.Matches(@"(?m)^param unitPrincipals object = \{\}$", Template);
        Assert.Contains("unitPrincipals: unitPrincipals", Module("unitAccess"));

        var unitAccess = Read("bicep", "modules", "unitaccess.bicep");
        Assert.Contains("var units = items(unitPrincipals)", unitAccess);
        var queues = Resource(unitAccess, "noticeQueues");
        Assert.Contains("for unit in units:", queues);
        Assert.Contains("name: 'notices-${toLower(unit.key)}'", queues);
    }

    [Fact]
    public void Every_unit_code_of_the_catalogue_makes_a_valid_notices_queue_name()
    {
        var codes = Directory.GetFiles(Path.Combine(Root, "functions", "CreditFunctions.Domain", "Catalogue", "versions"), "*.json")
            .SelectMany(file => JsonDocument.Parse(File.ReadAllText(file)).RootElement.GetProperty("units").EnumerateArray())
            .Select(unit => unit.GetProperty("code").GetString()!)
            .Distinct()
            .ToList();

        Assert.Contains("SH-HRSS-ENFORCEMENT", codes);
        Assert.Contains("court", codes);
        Assert.All(codes, code => Assert.Matches(ValidQueueName(), $"notices-{code.ToLowerInvariant()}"));
        Assert.Equal("notices-sh-hrss-enforcement", $"notices-{"SH-HRSS-ENFORCEMENT".ToLowerInvariant()}");
    }

    [Fact]
    public void A_unit_may_send_to_the_shared_queues_and_read_only_its_own_notices_each_right_scoped_to_the_queue()
    {
        var unitAccess = Read("bicep", "modules", "unitaccess.bicep");
        Assert.Equal(new[] { "credit-ingest", "credit-subjects" }, QuotedNames(Between(Module("unitAccess"), "sharedQueueNames: [", "]")));

        var assignments = Resources(unitAccess, "Microsoft.Authorization/roleAssignments").ToList();
        Assert.Equal(2, assignments.Count);

        var senders = Resource(unitAccess, "senders");
        Assert.Contains("scope: sharedQueues[", senders);
        Assert.Contains("roles.queueMessageSender", senders);
        Assert.Contains($"queueMessageSender: '{QueueMessageSender}'", unitAccess);

        var readers = Resource(unitAccess, "noticeReaders");
        Assert.Contains("scope: noticeQueues[i]", readers);
        Assert.Contains("roles.queueMessageProcessor", readers);
        Assert.Contains($"queueMessageProcessor: '{QueueMessageProcessor}'", unitAccess);

        // Queue scope only: nothing of the unit's at the account, and names that every deployment computes alike.
        Assert.All(assignments, block =>
        {
            Assert.DoesNotContain("scope: storage", block);
            Assert.Matches(@"name: guid\((sharedQueues|noticeQueues)\[", block);
        });
        Assert.DoesNotContain("newGuid(", unitAccess);
        Assert.DoesNotContain("utcNow(", unitAccess);
    }

    [Fact]
    public void The_pseudonym_key_secret_is_written_only_when_createPseudonymKey_is_set_and_not_by_default()
    {
        Assert.Matches(@"(?m)^param createPseudonymKey bool = false$", Template);
        Assert.Matches(@"(?m)^param pseudonymKey string = ''$", Template);
        Assert.Contains("createPseudonymKey: createPseudonymKey", Module("keyVault"));

        // The only secrets any template writes are the two conditional ones (the pseudonym key, the report signing key);
        // everything else is looked up.
        var written = BicepFiles()
            .SelectMany(file => Resources(File.ReadAllText(file), "Microsoft.KeyVault/vaults/secrets"))
            .Where(block => !block.Contains("' existing = "))
            .ToList();
        Assert.Equal(2, written.Count);
        var secret = Assert.Single(written, block => block.Contains("value: pseudonymKey", StringComparison.Ordinal));
        Assert.Matches(@"' = if \(createPseudonymKey\) \{", secret);
        var reportKey = Assert.Single(written, block => block.Contains("value: reportsSigningKey", StringComparison.Ordinal));
        Assert.Matches(@"' = if \(createReportsSigningKey\) \{", reportKey);
        Assert.Equal("${CREATE_REPORTS_SIGNING_KEY=false}", Parameters()["createReportsSigningKey"]);
        Assert.Contains("azd env set CREATE_REPORTS_SIGNING_KEY false", Read("bicep", "scripts", "azd-postprovision.sh"));

        var keyVault = Read("bicep", "modules", "keyvault.bicep");
        Assert.Matches(@"(?m)^param createPseudonymKey bool = false$", keyVault);
        Assert.Contains("output pseudonymKeySecretUri string = pseudonymKeySecret.properties.secretUri", keyVault);
        Assert.Contains("resource pseudonymKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' existing = {", keyVault);

        // azd passes false unless told otherwise, and its hook turns the flag off again after a provision.
        Assert.Equal("${CREATE_PSEUDONYM_KEY=false}", Parameters()["createPseudonymKey"]);
        Assert.Contains("azd env set CREATE_PSEUDONYM_KEY false", Read("bicep", "scripts", "azd-postprovision.sh"));
    }

    [Fact]
    public void Every_OpenApi_setting_the_app_reads_is_set_from_the_deployment_and_documented()
    {
        var appSettings = Read("bicep", "modules", "appsettings.bicep");
        var readme = Read("bicep", "README.md");
        var read = typeof(CreditFunctions.App.Api.OpenApiSettings).GetConstructors().Single().GetParameters().Select(p => $"OpenApi__{p.Name}").ToList();

        Assert.Equal(4, read.Count);
        Assert.All(read, setting =>
        {
            Assert.Matches($@"(?m)^    {setting}: \S", appSettings);
            Assert.Contains($"`{setting}`", readme);
        });
        Assert.Contains("OpenApi__EntraLoginHost: environment().authentication.loginEndpoint", appSettings);
        Assert.Contains("OpenApi__ServerUrl: 'https://${defaultHostName}'", appSettings);
        var module = Module("appSettings");
        Assert.Contains("entraTenantId: entraTenantId", module);
        Assert.Contains("entraClientId: entraClientId", module);
        Assert.Contains("defaultHostName: functionApp.outputs.defaultHostName", module);
    }

    [Fact]
    public void Azure_yaml_deploys_the_app_project_as_a_dotnet_function_to_the_app_tagged_for_it()
    {
        var yaml = File.ReadAllLines(Path.Combine(Root, "azure.yaml"));
        var service = Block(yaml, "services:", "  api:");

        Assert.Contains("    project: functions/CreditFunctions.App", service);
        Assert.Contains("    language: dotnet", service);
        Assert.Contains("    host: function", service);
        Assert.True(File.Exists(Path.Combine(Root, "functions", "CreditFunctions.App", "CreditFunctions.App.csproj")));

        Assert.Contains("  path: bicep", yaml);
        Assert.Contains("  module: main", yaml);
        Assert.Contains("tags: union(tags, { 'azd-service-name': 'api' })", Module("functionApp"));
        foreach (var hook in yaml.Select(line => line.Trim()).Where(line => line.StartsWith("run: ", StringComparison.Ordinal)))
        {
            Assert.True(File.Exists(Path.Combine(Root, hook["run: ".Length..])), hook);
        }
    }

    [Fact]
    public void The_parameters_file_names_only_parameters_of_the_template_and_every_one_without_a_default()
    {
        var declared = TemplateParameters().ToDictionary(p => p.Name, p => p.HasDefault);
        var given = Parameters().Keys.ToList();

        Assert.All(given, name => Assert.True(declared.ContainsKey(name), $"{name} is not a parameter of main.bicep"));
        Assert.All(declared.Where(p => !p.Value).Select(p => p.Key), name => Assert.Contains(name, given));
    }

    [Fact]
    public void The_alerts_and_the_workbook_read_the_metrics_bicep_README_says_the_app_reports()
    {
        var queries = string.Join('\n', Directory.GetFiles(Path.Combine(Root, "bicep", "queries"), "*.kql").Select(File.ReadAllText));
        var workbook = Read("bicep", "workbooks", "operations.json");
        using var parsed = JsonDocument.Parse(workbook);
        Assert.Equal("Notebook/1.0", parsed.RootElement.GetProperty("version").GetString());

        var readme = Read("bicep", "README.md");
        foreach (var metric in new[] { "PoisonMessages", "OutboxOldestAgeSeconds", "SweepCompleted" })
        {
            Assert.Contains($"\"{metric}\"", queries);
            Assert.Contains($"| `{metric}` |", readme);
        }

        foreach (var metric in new[] { "RecordsAccepted", "RecordsRejected", "OutboxOldestAgeSeconds", "Lookups" })
        {
            Assert.Contains($"name == \\\"{metric}\\\"", workbook);
            Assert.Contains($"| `{metric}` |", readme);
        }

        Assert.Contains("[\"expiry\", \"objections\", \"tally-prune\"]", queries);
        Assert.Contains("'__APPLICATION_INSIGHTS_ID__'", Read("bicep", "modules", "workbook.bicep"));
    }

    private static string Read(params string[] path) => File.ReadAllText(Path.Combine([Root, .. path]));

    private static IEnumerable<string> BicepFiles() =>
        Directory.GetFiles(Path.Combine(Root, "bicep"), "*.bicep", SearchOption.AllDirectories);

    private static List<string> List(string variable) => QuotedNames(Between(Template, $"var {variable} = [", "]"));

    private static List<string> QuotedNames(string text) =>
        QuotedName().Matches(text).Select(m => m.Groups[1].Value).ToList();

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"'{start}' not found");
        from += start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    /// <summary>A top-level declaration of a Bicep file, from its first line to the closing brace or bracket at column 0.</summary>
    private static string Declaration(string bicep, string header)
    {
        var start = bicep.IndexOf(header, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{header}' not found");
        var end = TopLevelEnd().Match(bicep, start).Index;
        return bicep[start..end];
    }

    private static string Module(string symbol) => Declaration(Template, $"module {symbol} ");

    private static string Resource(string bicep, string symbol) => Declaration(bicep, $"resource {symbol} ");

    private static IEnumerable<string> Resources(string bicep, string type) =>
        Regex.Matches(bicep, $@"(?m)^resource \w+ '{Regex.Escape(type)}@").Select(m => Declaration(bicep, m.Value));

    private static Dictionary<string, string> Parameters()
    {
        using var json = JsonDocument.Parse(Read("bicep", "main.parameters.json"));
        return json.RootElement.GetProperty("parameters").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("value").ToString());
    }

    private static IEnumerable<(string Name, bool HasDefault)> TemplateParameters() =>
        TemplateParameter().Matches(Template).Select(m => (m.Groups[1].Value, m.Groups[2].Success));

    private static string[] Block(string[] lines, string section, string entry)
    {
        var start = Array.IndexOf(lines, entry, Array.IndexOf(lines, section));
        Assert.True(start >= 0, $"'{entry}' not found under '{section}'");
        return lines.Skip(start + 1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal) || line.Trim().StartsWith('#')).ToArray();
    }

    [GeneratedRegex(@"^\s*'([^']+)'", RegexOptions.Multiline)]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"^[\]}]", RegexOptions.Multiline)]
    private static partial Regex TopLevelEnd();

    [GeneratedRegex(@"^param (\w+) [\w\[\]]+( = .*)?$", RegexOptions.Multiline)]
    private static partial Regex TemplateParameter();

    // Azure queue names: 3-63 characters, lower-case letters, digits and hyphens, starting and ending with a letter
    // or digit, no two hyphens in a row.
    [GeneratedRegex(@"^(?=.{3,63}$)[a-z0-9](?:[a-z0-9]|-(?!-))*[a-z0-9]$")]
    private static partial Regex ValidQueueName();
}
