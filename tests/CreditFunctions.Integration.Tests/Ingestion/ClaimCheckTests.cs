using System.Text;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using CreditFunctions.App.Api;
using CreditFunctions.App.Ingestion;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;

namespace CreditFunctions.Integration.Tests.Ingestion;

/// <summary>
/// A list too large for one queue message (the court's list of dishonest judgment debtors) arrives as a claim
/// check: the envelope names a JSON Lines blob in our storage account. Sized for CI; ./infra/bench ingest sends
/// 100,000 records this way.
/// </summary>
public sealed class ClaimCheckTests
{
    [Fact]
    public async Task A_court_list_in_a_blob_is_ingested_and_a_garbage_line_is_rejected_alone()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2025, 6, 3));
        var container = new BlobContainerClient(app.ConnectionString, "credit-ingest-blobs");
        await container.CreateIfNotExistsAsync();
        var debtors = Enumerable.Range(0, 1_000).Select(_ => Subjects.NewIdNumber()).ToList();
        var lines = new StringBuilder();
        for (var i = 0; i < debtors.Count; i++)
        {
            lines.AppendLine(CourtListing(debtors[i], $"(2025)沪0101执{i}号").ToJsonString());
            if (i == 500)
            {
                lines.AppendLine("?。ㄒ唬? not a record");
            }
        }

        var (blob, sha256) = await Upload(container, lines.ToString());
        var envelope = Signed(blob, sha256);

        var outcome = await app.Get<RecordIngestor>().IngestAsync(envelope, CancellationToken.None);

        Assert.Equal(1_000, outcome.Stored);
        Assert.Equal(1, outcome.Rejected);
        var debtor = debtors[777];
        var credit = await IngestionPathTests.Credit(app, debtor, Principals.Partner);
        Assert.Equal("no-record", credit.Json.GetProperty("status").GetString());
        Assert.Equal("court-dishonest-debtor", Assert.Single(credit.Json.GetProperty("records").EnumerateArray()).GetProperty("kind").GetString());
        var loan = HttpAnswer.Of(await app.Function<RestrictionFunction>().Run(
            app.Request($"/api/subjects/{debtor}/restrictions", "business=startup-guaranteed-loan", Principals.Partner), debtor, CancellationToken.None));
        Assert.Equal("restricted", loan.Json.GetProperty("decision").GetString());
        Assert.Contains(loan.Json.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("article").GetString() == "art9.2.1");
    }

    [Fact]
    public async Task A_claim_check_outside_our_storage_account_is_refused()
    {
        await using var app = await CreditApp.StartAsync();
        var envelope = TestKeys.Sign($$"""{"schema":"credit-records/v1","messageId":"court-{{Guid.NewGuid():N}}","source":"court","recordsBlob":"https://attacker.example/list.jsonl","recordsBlobSha256":"{{new string('0', 64)}}"}""");

        var outcome = await app.Get<RecordIngestor>().IngestAsync(envelope, CancellationToken.None);

        Assert.Equal("invalid-records-blob", outcome.MessageRejection);
    }

    [Fact]
    public async Task A_blob_whose_bytes_differ_from_the_signed_hash_is_refused_whole()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2025, 6, 3));
        var container = new BlobContainerClient(app.ConnectionString, "credit-ingest-blobs");
        await container.CreateIfNotExistsAsync();
        var debtor = Subjects.NewIdNumber();
        var (blob, sha256) = await Upload(container, CourtListing(debtor, $"(2025)沪0101执{Guid.NewGuid():N}号").ToJsonString() + "\n");
        // The blob is changed after the unit signed its hash: someone with write access to the container swapped it.
        await blob.UploadAsync(BinaryData.FromString(CourtListing(Subjects.NewIdNumber(), "(2025)沪0101执1号").ToJsonString() + "\n"), overwrite: true);

        var outcome = await app.Get<RecordIngestor>().IngestAsync(Signed(blob, sha256), CancellationToken.None);
        var unhashed = await app.Get<RecordIngestor>().IngestAsync(Signed(blob, null), CancellationToken.None);

        Assert.Equal("records-blob-mismatch", outcome.MessageRejection);
        Assert.Equal(0, outcome.Stored);
        Assert.Empty((await IngestionPathTests.Credit(app, debtor, Principals.Partner)).Json.GetProperty("records").EnumerateArray());
        Assert.Equal("missing-field", unhashed.MessageRejection);
    }

    [Fact]
    public async Task A_blob_over_the_size_limit_is_refused_without_being_read_whole()
    {
        await using var app = await CreditApp.StartAsync(new DateOnly(2025, 6, 3), settings: new Dictionary<string, string?> { ["Ingest:MaxRecordsBlobBytes"] = "4096" });
        var container = new BlobContainerClient(app.ConnectionString, "credit-ingest-blobs");
        await container.CreateIfNotExistsAsync();
        var lines = string.Concat(Enumerable.Range(0, 40).Select(i => CourtListing(Subjects.NewIdNumber(), $"(2025)沪0101执{i}号").ToJsonString() + "\n"));
        var (blob, sha256) = await Upload(container, lines);

        var outcome = await app.Get<RecordIngestor>().IngestAsync(Signed(blob, sha256), CancellationToken.None);

        Assert.Equal("records-blob-too-large", outcome.MessageRejection);
        Assert.Equal(0, outcome.Stored);
    }

    private static async Task<(BlobClient Blob, string Sha256)> Upload(BlobContainerClient container, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var blob = container.GetBlobClient($"court-{Guid.NewGuid():N}.jsonl");
        await blob.UploadAsync(BinaryData.FromBytes(bytes));
        return (blob, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)));
    }

    /// <summary>The court's claim-check message, signed by the court with the blob's hash (contract v2).</summary>
    private static string Signed(BlobClient blob, string? sha256) => TestKeys.Sign(sha256 is null
        ? $$"""{"schema":"credit-records/v1","messageId":"court-{{Guid.NewGuid():N}}","source":"court","recordsBlob":"{{blob.Uri}}"}"""
        : $$"""{"schema":"credit-records/v1","messageId":"court-{{Guid.NewGuid():N}}","source":"court","recordsBlob":"{{blob.Uri}}","recordsBlobSha256":"{{sha256}}"}""");

    private static JsonObject CourtListing(string id, string number) => new()
    {
        ["sourceRecordId"] = number,
        ["version"] = 1,
        ["action"] = "upsert",
        ["kind"] = "court-dishonest-debtor",
        ["subject"] = new JsonObject { ["type"] = "individual", ["id"] = id, ["name"] = "失信被执行人" },
        ["decisionDate"] = "2025-03-01",
        ["decisionNumber"] = number,
    };
}
