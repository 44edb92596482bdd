using System.Text.Json.Nodes;
using CreditFunctions.App.Ingestion;
using CreditFunctions.Integration.Tests.Api;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests;

/// <summary>The messages in examples/ that the README tells a reader to send are accepted and give the answers it promises.</summary>
public sealed class ReadmeExamplesTests
{
    [Fact]
    public async Task Every_example_is_accepted_and_the_art9_2_2_example_restricts_the_unit()
    {
        // A day after every example's decision date and before its records expire.
        await using var app = await CreditApp.StartAsync(new DateOnly(2026, 6, 1));
        var examples = Directory.GetFiles(Path.Combine(RepositoryRoot.Find(), "examples"), "*.json").Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(examples);
        foreach (var path in examples)
        {
            var envelope = await File.ReadAllTextAsync(path);
            var schema = JsonNode.Parse(envelope)!["schema"]!.GetValue<string>();
            // Signed by its source, as infra/send does (contract v2: docs/contracts.md "Signed messages").
            var body = TestKeys.Sign(envelope);
            if (schema == SubjectProfileIngestor.Schema)
            {
                Assert.Null(await app.Get<SubjectProfileIngestor>().IngestAsync(body, CancellationToken.None));
            }
            else
            {
                var outcome = await app.Get<RecordIngestor>().IngestAsync(body, CancellationToken.None);
                Assert.True(outcome.MessageRejection is null && outcome.Rejected == 0, $"{Path.GetFileName(path)}: {outcome}");
            }
        }

        var answer = await ApiCalls.Restrictions(app, "91310110666007217T", Principals.Partner, "business=youth-internship-base");
        Assert.Equal("restricted", answer.Json.GetProperty("decision").GetString());
        Assert.Contains(answer.Json.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("article").GetString() == "art9.2.2");
    }
}
