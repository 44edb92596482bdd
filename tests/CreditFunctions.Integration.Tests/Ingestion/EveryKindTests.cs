using System.Text.Json.Nodes;
using CreditFunctions.App.Ingestion;
using CreditFunctions.Integration.Tests.Support;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>Every kind of record of art5, art6 and art9.2 goes in through the queue path, and each can be revoked.</summary>
public sealed class EveryKindTests
{
    [Fact]
    public async Task Each_kind_is_stored_with_the_status_the_Measures_give_it_and_a_revoke_withdraws_it()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var ingestor = app.Get<RecordIngestor>();
        (string Kind, string Source, string Status, JsonObject Extra)[] kinds =
        [
            ("wage-arrears-list", "SH-HRSS-ENFORCEMENT", "serious-dishonesty", new JsonObject { ["behaviourCode"] = "wage-arrears-listed" }),
            ("admin-penalty", "SH-HRSS-ENFORCEMENT", "general-dishonesty", new JsonObject { ["procedure"] = "general", ["severity"] = "general" }),
            ("false-materials", "SH-SOCIAL-INSURANCE", "serious-dishonesty", new JsonObject { ["behaviourCode"] = "employment-subsidy-false-materials" }),
            ("commitment-breach", "SH-HRSS", "general-dishonesty", new JsonObject { ["behaviourCode"] = "commitment-untrue" }),
            ("other-dishonesty", "SH-HRSS", "general-dishonesty", new JsonObject { ["severity"] = "general", ["legalBasis"] = "《中华人民共和国劳动合同法》第八十四条" }),
            ("court-dishonest-debtor", "court", "no-record", new JsonObject()),
            ("award", "SH-HRSS", "trustworthy", new JsonObject()),
            ("harmonious-labour-enterprise", "SH-HRSS", "trustworthy", new JsonObject()),
            ("other-enhancing", "SH-EMPLOYMENT", "trustworthy", new JsonObject { ["legalBasis"] = "《中华人民共和国就业促进法》第十条" }),
        ];

        foreach (var (kind, source, status, extra) in kinds)
        {
            var unit = Subjects.NewUscc();
            var record = new JsonObject
            {
                ["sourceRecordId"] = $"{kind}-{Guid.NewGuid():N}",
                ["version"] = 1,
                ["action"] = "upsert",
                ["kind"] = kind,
                ["subject"] = new JsonObject { ["type"] = "unit", ["id"] = unit, ["name"] = "上海某某人力资源有限公司" },
                ["decisionDate"] = "2024-05-20",
                ["decisionNumber"] = $"沪人社〔2024〕{kind}号",
            };
            foreach (var (name, value) in extra)
            {
                record[name] = value?.DeepClone();
            }

            var stored = await ingestor.IngestAsync(RecordsMessage.From(source).With(record).Json(), CancellationToken.None);
            Assert.True(stored.Stored == 1, $"{kind}: stored {stored.Stored}, rejected {stored.Rejected}");
            var credit = (await IngestionPathTests.Credit(app, unit, Principals.Partner)).Json;
            Assert.True(credit.GetProperty("status").GetString() == status, $"{kind}: status {credit.GetProperty("status")}");
            Assert.Equal(kind, Assert.Single(credit.GetProperty("records").EnumerateArray()).GetProperty("kind").GetString());

            var revoke = (JsonObject)record.DeepClone();
            revoke["version"] = 2;
            revoke["action"] = "revoke";
            await ingestor.IngestAsync(RecordsMessage.From(source).With(revoke).Json(), CancellationToken.None);
            var after = (await IngestionPathTests.Credit(app, unit, Principals.Partner)).Json;
            Assert.True(after.GetProperty("records").GetArrayLength() == 0, $"{kind}: still shown after revoke");
            Assert.Equal("no-record", after.GetProperty("status").GetString());
        }
    }
}
