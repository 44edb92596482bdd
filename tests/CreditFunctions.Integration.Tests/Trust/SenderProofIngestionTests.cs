using System.Text;
using Azure.Data.Tables;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.SourceKeys;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Trust;

/// <summary>
/// Every message proves its sender (contract v2 "Proving the sender") through the real ingestion on Azurite: what does
/// not verify is refused as unauthenticated-source and kept verbatim, filed under no unit; what verifies is stored with
/// who asserted it in the record's history.
/// </summary>
public sealed class SenderProofIngestionTests
{
    private const string Unit = "SH-HRSS-ENFORCEMENT";

    private static async Task<(IngestOutcome Outcome, string Body)> Send(CreditApp app, string body) =>
        (await app.Get<RecordIngestor>().IngestAsync(body, CancellationToken.None), body);

    private static async Task<TableEntity> KeptVerbatim(CreditApp app, string body)
    {
        var table = app.Table(TableNames.Rejections);
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {RejectionLedger.UnknownSource}")))
        {
            if (LargeText.Read(row, "Body") == body)
            {
                return row;
            }
        }

        throw new Xunit.Sdk.XunitException("The refused message is not kept verbatim under _unknown");
    }

    public static TheoryData<string> Forgeries() => ["unsigned", "tampered payload", "tampered header", "another unit's key", "unknown kid", "HS256", "none"];

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_message_that_does_not_prove_its_source_is_refused_kept_verbatim_and_stores_nothing(string forgery)
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var envelope = RecordsMessage.From(Unit).With(RecordsMessage.AdminPenalty(unit)).Envelope();
        var signed = TestKeys.Sign(envelope);
        var parts = System.Text.Json.JsonDocument.Parse(signed).RootElement;
        string Flat(string header, string payload, string signature) => MessageSigner.Flattened(header, payload, signature);
        var body = forgery switch
        {
            "unsigned" => envelope,
            "tampered payload" => Flat(parts.GetProperty("protected").GetString()!,
                Base64Url(envelope.Replace("未按规定", "未按时", StringComparison.Ordinal)), parts.GetProperty("signature").GetString()!),
            "tampered header" => Flat(Base64Url("""{"alg":"ES256","kid":"SH-HRSS-ENFORCEMENT#dev-1","typ":"JOSE"}"""), parts.GetProperty("payload").GetString()!, parts.GetProperty("signature").GetString()!),
            "another unit's key" => MessageSigner.Sign(TestKeys.KeyOf("SH-EMPLOYMENT"), envelope),
            "unknown kid" => MessageSigner.Sign(SigningKey.Generate(Unit, "not-registered"), envelope),
            "HS256" => MessageSigner.SignWithHeader(TestKeys.KeyOf(Unit), """{"alg":"HS256","kid":"SH-HRSS-ENFORCEMENT#dev-1"}""", Encoding.UTF8.GetBytes(envelope)),
            _ => Flat(Base64Url("""{"alg":"none","kid":"SH-HRSS-ENFORCEMENT#dev-1"}"""), Base64Url(envelope), ""),
        };

        var (outcome, _) = await Send(app, body);

        Assert.Equal("unauthenticated-source", outcome.MessageRejection);
        var kept = await KeptVerbatim(app, body);
        Assert.Equal("unauthenticated-source", kept.GetString("Code"));
        Assert.False(string.IsNullOrWhiteSpace(kept.GetString("Zh")));
        Assert.Empty((await IngestionPathTests.Credit(app, unit, Principals.Partner)).Json.GetProperty("records").EnumerateArray());
    }

    [Fact]
    public async Task A_signed_message_is_stored_and_the_history_shows_who_asserted_the_version()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var message = RecordsMessage.From(Unit).With(RecordsMessage.AdminPenalty(unit, "AP-SIGNED"));
        var body = message.Json();

        var (outcome, _) = await Send(app, body);
        var again = await app.Get<RecordIngestor>().IngestAsync(body, CancellationToken.None);

        Assert.Equal(1, outcome.Stored);
        Assert.True(again.AlreadyApplied);
        var recordId = RecordIds.For(Unit, "AP-SIGNED");
        var detail = await Api.ApiCalls.Record(app, recordId, Principals.Unit(Unit));
        var asserted = detail.Json.GetProperty("history").GetProperty("entries")[0].GetProperty("assertedBy");
        Assert.Equal($"{Unit}#dev-1", asserted.GetProperty("kid").GetString());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body))), asserted.GetProperty("messageSha256").GetString());
        Assert.False(asserted.GetProperty("unsigned").GetBoolean());
        Assert.True(detail.Json.GetProperty("history").GetProperty("verified").GetBoolean());
    }

    [Fact]
    public async Task A_redelivered_signed_message_whose_mark_was_lost_changes_nothing_and_is_not_stale()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var unit = Subjects.NewUscc();
        var message = RecordsMessage.From(Unit).With(RecordsMessage.AdminPenalty(unit, $"AP-{Guid.NewGuid():N}"));
        var body = message.Json();
        await Send(app, body);
        // As if the first delivery died before marking the message applied.
        await app.Table(TableNames.Idempotency).DeleteEntityAsync(Unit, message.MessageId);

        var (outcome, _) = await Send(app, body);

        Assert.Equal((0, 1, 0), (outcome.Stored, outcome.Unchanged, outcome.Rejected));
    }

    [Fact]
    public async Task An_unsigned_message_of_a_source_in_transition_is_taken_and_marked_unsigned_in_history()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3), settings: new Dictionary<string, string?> { ["Ingest:UnsignedSources"] = Unit });
        var unit = Subjects.NewUscc();
        var envelope = RecordsMessage.From(Unit).With(RecordsMessage.AdminPenalty(unit, "AP-UNSIGNED")).Envelope();

        var (outcome, _) = await Send(app, envelope);
        var other = await app.Get<RecordIngestor>().IngestAsync(RecordsMessage.From("SH-EMPLOYMENT").With(RecordsMessage.AdminPenalty(unit)).Envelope(), CancellationToken.None);

        Assert.Equal(1, outcome.Stored);
        Assert.Equal("unauthenticated-source", other.MessageRejection);
        var detail = await Api.ApiCalls.Record(app, RecordIds.For(Unit, "AP-UNSIGNED"), Principals.Unit(Unit));
        var asserted = detail.Json.GetProperty("history").GetProperty("entries")[0].GetProperty("assertedBy");
        Assert.True(asserted.GetProperty("unsigned").GetBoolean());
        Assert.False(asserted.TryGetProperty("kid", out _));
    }

    [Fact]
    public async Task A_subject_profile_must_prove_its_source_too()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2024, 6, 3));
        var profile = $$$"""{"schema":"subject-profile/v1","messageId":"p-{{{Guid.NewGuid():N}}}","source":"{{{Unit}}}","subject":{"type":"unit","id":"{{{Subjects.NewUscc()}}}","name":"上海某某有限公司"}}""";

        var unsigned = await app.Get<SubjectProfileIngestor>().IngestAsync(profile, CancellationToken.None);
        var signed = await app.Get<SubjectProfileIngestor>().IngestAsync(TestKeys.Sign(profile), CancellationToken.None);

        Assert.Equal("unauthenticated-source", unsigned?.Code);
        Assert.Null(signed);
    }

    private static string Base64Url(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
