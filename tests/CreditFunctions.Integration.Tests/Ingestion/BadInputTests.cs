using System.Text.Json;
using Azure.Data.Tables;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>
/// Bad input always gets a clear reason and nothing is lost: the body is kept verbatim in Rejections with a stable
/// code and a sentence in Chinese and English, and a bad record never sinks the good ones beside it.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private CreditApp _app = null!;

    public async Task InitializeAsync() => _app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [MemberData(nameof(BadInput.Messages), MemberType = typeof(BadInput))]
    public async Task A_bad_message_is_refused_whole_and_kept_verbatim(string @case, string body, string code)
    {
        var outcome = await _app.Get<RecordIngestor>().IngestAsync(body, CancellationToken.None);

        Assert.Equal(code, outcome.MessageRejection);
        var rejection = await FindByBody(body);
        Assert.True(rejection is not null, $"{@case}: no rejection kept with the body verbatim");
        Assert.Equal(code, rejection!.GetString("Code"));
        Assert.False(string.IsNullOrWhiteSpace(rejection.GetString("Zh")), @case);
        Assert.False(string.IsNullOrWhiteSpace(rejection.GetString("En")), @case);
    }

    [Theory]
    [MemberData(nameof(BadInput.Records), MemberType = typeof(BadInput))]
    public async Task A_bad_record_is_refused_alone_with_its_reason(string @case, string badRecord, string code)
    {
        var messageId = BadInput.Id();
        var good = BadInput.Good();
        var envelope = $$"""{"schema":"credit-records/v1","messageId":"{{messageId}}","source":"{{BadInput.Source}}","records":[{{good.ToJsonString()}},{{badRecord}}]}""";
        var body = TestKeys.Sign(envelope);

        var outcome = await _app.Get<RecordIngestor>().IngestAsync(body, CancellationToken.None);

        Assert.True(outcome.Stored == 1, $"{@case}: the good record must be stored");
        Assert.Equal(1, outcome.Rejected);
        var rejection = await _app.Table(TableNames.Rejections).GetEntityAsync<TableEntity>(BadInput.Source, $"{messageId}|0001");
        Assert.Equal(code, rejection.Value.GetString("Code"));
        Assert.Equal(JsonDocument.Parse(envelope).RootElement.GetProperty("records")[1].GetRawText(), LargeText.Read(rejection.Value, "Body"));
        Assert.False(string.IsNullOrWhiteSpace(rejection.Value.GetString("Zh")), @case);
    }

    [Fact]
    public void The_corpus_has_at_least_thirty_bad_messages_and_covers_every_reason_code_of_the_contract()
    {
        var cases = BadInput.Messages().Select(c => (string)c[2]).Concat(BadInput.Records().Select(c => (string)c[2])).ToList();
        string[] contract =
        [
            "invalid-json", "unknown-schema", "missing-field", "invalid-subject-id", "unknown-kind", "unknown-behaviour-code",
            "serious-without-legal-basis", "invalid-date", "future-decision-date", "too-many-records", "unauthenticated-source",
        ];

        Assert.True(cases.Count >= 30, $"{cases.Count} cases");
        Assert.All(contract, code => Assert.Contains(code, cases));
    }

    [Fact]
    public async Task A_source_that_may_not_submit_a_kind_is_refused_as_unauthorised()
    {
        var unit = Subjects.NewUscc();
        var fromCourt = RecordsMessage.From("court").With(RecordsMessage.AdminPenalty(unit));
        var injected = RecordsMessage.From("SH-HRSS' or '1'='1").With(RecordsMessage.AdminPenalty(unit));

        var court = await _app.Get<RecordIngestor>().IngestAsync(fromCourt.Json(), CancellationToken.None);
        var stranger = await _app.Get<RecordIngestor>().IngestAsync(injected.Json(), CancellationToken.None);

        Assert.Equal(1, court.Rejected);
        Assert.Equal(1, stranger.Rejected);
        var rejection = await _app.Table(TableNames.Rejections).GetEntityAsync<TableEntity>("court", $"{fromCourt.MessageId}|0000");
        Assert.Equal("unauthorised-source", rejection.Value.GetString("Code"));
        // A source no unit is cannot sign: refused before its claims are read, and kept verbatim under no unit.
        Assert.Equal("unauthenticated-source", stranger.MessageRejection);
        Assert.Equal("unauthenticated-source", (await FindByBody(injected.Json()))!.GetString("Code"));
    }

    [Fact]
    public async Task Injection_strings_in_a_name_are_stored_and_shown_exactly_as_text()
    {
        var unit = Subjects.NewUscc();
        const string name = "'; DROP TABLE Records;-- <script>alert(1)</script> PartitionKey eq '' \u4e0a\u6d77";
        var record = RecordsMessage.AdminPenalty(unit);
        record["subject"]!["name"] = name;

        await _app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From(BadInput.Source).With(record).Json(), CancellationToken.None);

        var answer = await IngestionPathTests.Credit(_app, unit, Principals.Partner);
        Assert.Equal(name, answer.Json.GetProperty("subject").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_subject_profile_names_the_legal_representative_and_a_bad_one_is_kept_with_its_reason()
    {
        var unit = Subjects.NewUscc();
        var person = Subjects.NewIdNumber();
        var ingestor = _app.Get<SubjectProfileIngestor>();
        var good = $$$"""{"schema":"subject-profile/v1","messageId":"{{{BadInput.Id()}}}","source":"SH-HRSS","subject":{"type":"unit","id":"{{{unit}}}","name":"上海某某劳务派遣有限公司","legalRepresentativeId":"{{{person}}}"}}""";
        var bad = $$$"""{"schema":"subject-profile/v1","messageId":"{{{BadInput.Id()}}}","source":"SH-HRSS","subject":{"type":"unit","id":"{{{unit}}}","legalRepresentativeId":"110105194912310021"}}""";

        Assert.Null(await ingestor.IngestAsync(TestKeys.Sign(good), CancellationToken.None));
        var signedBad = TestKeys.Sign(bad);
        var refused = await ingestor.IngestAsync(signedBad, CancellationToken.None);

        var stored = await _app.Get<SubjectDirectory>().ReadAsync(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Unit, unit), CancellationToken.None);
        Assert.Equal("上海某某劳务派遣有限公司", stored.Profile!.Name);
        Assert.Equal(_app.Get<SubjectKeys>().KeyFor(new Domain.Subjects.SubjectId(Domain.Subjects.SubjectType.Individual, person)), stored.Profile.LegalRepresentativeKey);
        Assert.Equal("invalid-subject-id", refused!.Code);
        Assert.Equal(signedBad, LargeText.Read((await FindByBody(signedBad))!, "Body"));
    }

    private async Task<TableEntity?> FindByBody(string? body, string? messageId = null)
    {
        await foreach (var entity in _app.Table(TableNames.Rejections).QueryAsync<TableEntity>(maxPerPage: 1000))
        {
            // The list's index rows (Kind = index, docs/table-design.md "Rejections") hold no body: an empty body would match them.
            if (entity.GetString("Kind") == "index")
            {
                continue;
            }

            if ((messageId is not null && entity.GetString("MessageId") == messageId) || (body is not null && LargeText.Read(entity, "Body") == body))
            {
                return entity;
            }
        }

        return null;
    }
}
