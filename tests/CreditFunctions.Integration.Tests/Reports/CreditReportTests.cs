using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.App.Reports;
using CreditFunctions.App.Storage;
using CreditFunctions.Integration.Tests.Api;
using CreditFunctions.Integration.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using static CreditFunctions.Integration.Tests.Objections.WorkflowKit;

namespace CreditFunctions.Integration.Tests.Reports;

/// <summary>
/// Credit reports (contract v2 "Credit reports") through the real function classes on Azurite: issued by the subject, checked
/// by anyone with the number and code, signed so that a partner's JOSE library verifies it against the published keys.
/// </summary>
public sealed class CreditReportTests
{
    private static readonly DateOnly Day = new(2024, 6, 3);

    [Fact]
    public async Task Issued_by_the_subject_it_says_what_the_credit_route_says_and_verifies_as_valid()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));

        var issued = await ApiCalls.IssueReport(app, unit, Principals.Subject(unit));

        Assert.Equal(201, issued.Status);
        var report = issued.Json;
        var credit = (await ApiCalls.Credit(app, unit, Principals.Subject(unit))).Json;
        Assert.Matches("^rpt_[a-z2-7]{20}$", report.GetProperty("reportId").GetString());
        Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$", report.GetProperty("verificationCode").GetString());
        Assert.Equal("2024-06-03", report.GetProperty("asOf").GetString());
        Assert.Equal(new DateTimeOffset(2024, 6, 3, 10, 0, 0, TimeSpan.FromHours(8)), report.GetProperty("issuedAt").GetDateTimeOffset());
        Assert.Equal(credit.GetProperty("status").GetString(), report.GetProperty("status").GetString());
        Assert.Equal("general-dishonesty", report.GetProperty("status").GetString());
        Assert.Equal(Ids(credit.GetProperty("records")), Ids(report.GetProperty("records")));
        Assert.Equal([recordId], Ids(report.GetProperty("records")));
        Assert.Equal(credit.GetProperty("measures").GetRawText(), report.GetProperty("measures").GetRawText());
        Assert.Equal(credit.GetProperty("catalogueVersion").GetString(), report.GetProperty("catalogueVersion").GetString());
        Assert.Equal(credit.GetProperty("subject").GetRawText(), report.GetProperty("subject").GetRawText());
        var record = report.GetProperty("records")[0];
        Assert.False(record.GetProperty("repaired").GetBoolean());
        Assert.False(record.GetProperty("underObjection").GetBoolean());

        var verified = await ApiCalls.VerifyReport(app, Id(report), Code(report));

        Assert.Equal(200, verified.Status);
        Assert.StartsWith("application/json", verified.ContentType);
        Assert.Equal("valid", verified.Json.GetProperty("current").GetString());
        Assert.Equal("no-store", verified.Headers["Cache-Control"]);
        // The report as issued: every member of the 201, and current.
        var asIssued = JsonNode.Parse(issued.Body)!.AsObject();
        var asVerified = JsonNode.Parse(verified.Body)!.AsObject();
        asVerified.Remove("current");
        Assert.True(JsonNode.DeepEquals(asIssued, asVerified), $"{issued.Body}\n{verified.Body}");
    }

    [Fact]
    public async Task A_new_record_after_the_report_makes_it_changed_and_a_new_report_is_valid_again()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        await IngestAsync(app, Penalty(unit));
        var first = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;
        Assert.Equal("valid", (await ApiCalls.VerifyReport(app, Id(first), Code(first))).Json.GetProperty("current").GetString());

        await IngestAsync(app, Penalty(unit, "2024-05-20"));

        var later = await ApiCalls.VerifyReport(app, Id(first), Code(first));
        Assert.Equal("changed", later.Json.GetProperty("current").GetString());
        // Still the report as issued: one record, whatever the register holds now.
        Assert.Equal(1, later.Json.GetProperty("records").GetArrayLength());
        var second = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;
        Assert.Equal(2, second.GetProperty("records").GetArrayLength());
        Assert.Equal("valid", (await ApiCalls.VerifyReport(app, Id(second), Code(second))).Json.GetProperty("current").GetString());
    }

    [Fact]
    public async Task An_objection_opened_after_the_report_makes_it_changed_and_a_new_report_marks_the_record()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        var recordId = await IngestAsync(app, Penalty(unit));
        var before = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;

        Assert.Equal(201, (await FileObjection(app, Principals.Subject(unit), unit, recordId)).Status);

        Assert.Equal("changed", (await ApiCalls.VerifyReport(app, Id(before), Code(before))).Json.GetProperty("current").GetString());
        var after = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;
        var record = Assert.Single(after.GetProperty("records").EnumerateArray());
        Assert.True(record.GetProperty("underObjection").GetBoolean());
        Assert.False(record.GetProperty("repaired").GetBoolean());
        // Under objection it still counts (art10): the status is the same.
        Assert.Equal("general-dishonesty", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_repaired_record_is_listed_marked_repaired_counting_for_nothing_and_the_page_shows_both_marks()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        var repaired = await IngestAsync(app, Penalty(unit));
        var penalty = Penalty(unit, "2024-05-20");
        penalty["summary"] = "<script>alert('x')</script> 未按规定支付 & 整改";
        var objected = await IngestAsync(app, penalty);
        app.SetToday(new DateOnly(2024, 8, 1));
        var repairId = (await FileRepair(app, Principals.Subject(unit), new JsonObject
        {
            ["subjectId"] = unit, ["recordId"] = repaired, ["statement"] = "罚款已全额缴纳，已整改到位", ["commitment"] = true,
            ["evidence"] = new JsonArray("缴款书.pdf"),
        })).Json.GetProperty("repairId").GetString()!;
        Assert.Equal(200, (await DecideRepair(app, Principals.Unit(Enforcement), repairId, new JsonObject { ["outcome"] = "approved" })).Status);
        Assert.Equal(201, (await FileObjection(app, Principals.Subject(unit), unit, objected)).Status);

        var report = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;

        var credit = (await ApiCalls.Credit(app, unit, Principals.Subject(unit))).Json;
        Assert.Equal([objected], Ids(credit.GetProperty("records")));
        Assert.Equal([objected, repaired], Ids(report.GetProperty("records")));
        var (shown, gone) = (report.GetProperty("records")[0], report.GetProperty("records")[1]);
        Assert.True(shown.GetProperty("underObjection").GetBoolean());
        Assert.False(shown.GetProperty("repaired").GetBoolean());
        Assert.True(gone.GetProperty("repaired").GetBoolean());
        Assert.Equal("2024-08-01", gone.GetProperty("repairedOn").GetString());
        Assert.False(gone.GetProperty("underObjection").GetBoolean());
        // The repaired record counts for nothing: status and measures are the credit route's, which no longer sees it.
        Assert.Equal(credit.GetProperty("status").GetString(), report.GetProperty("status").GetString());
        Assert.Equal(credit.GetProperty("measures").GetRawText(), report.GetProperty("measures").GetRawText());
        Assert.DoesNotContain(repaired, report.GetProperty("measures").GetRawText());

        var page = await ApiCalls.VerifyReport(app, Id(report), Code(report), "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        Assert.Equal(200, page.Status);
        Assert.StartsWith("text/html", page.ContentType);
        Assert.Contains("<html lang=\"zh-CN\">", page.Body);
        // Chinese first, English beside it.
        Assert.True(page.Body.IndexOf("信用报告", StringComparison.Ordinal) is >= 0 and var zh && zh < page.Body.IndexOf("Credit report", StringComparison.Ordinal), "信用报告 before Credit report");
        Assert.True(page.Body.IndexOf("已修复", StringComparison.Ordinal) < page.Body.IndexOf(">repaired<", StringComparison.Ordinal), "已修复 before repaired");
        Assert.Contains(Id(report), page.Body);
        Assert.Contains(Code(report), page.Body);
        Assert.Contains("已修复", page.Body);
        Assert.Contains(">repaired<", page.Body);
        Assert.Contains("异议处理中", page.Body);
        Assert.Contains(">under objection<", page.Body);
        Assert.Contains("一般程序作出的人力资源社会保障领域行政处罚", page.Body);
        Assert.Contains("@media print", page.Body);
        // Data is escaped; Chinese stays readable.
        Assert.DoesNotContain("<script>", page.Body);
        Assert.Contains("&lt;script&gt;", page.Body);
        Assert.Contains("未按规定支付 &amp; 整改", page.Body);
        // Self-contained: nothing to fetch, and the policy allows nothing else.
        Assert.DoesNotContain("src=", page.Body);
        Assert.DoesNotContain("href=", page.Body);
        Assert.StartsWith("default-src 'none'; style-src 'sha256-", page.Headers["Content-Security-Policy"]);
        Assert.Equal("no-referrer", page.Headers["Referrer-Policy"]);
        Assert.Equal("no-store", page.Headers["Cache-Control"]);
        // A client that prefers JSON gets JSON.
        Assert.StartsWith("application/json", (await ApiCalls.VerifyReport(app, Id(report), Code(report), "application/json, text/html;q=0.5")).ContentType);
    }

    [Fact]
    public async Task A_wrong_code_is_the_same_404_as_an_unknown_report_and_a_missing_code_is_400()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        await IngestAsync(app, Penalty(unit));
        var report = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;
        var id = Id(report);
        var wrong = Code(report).StartsWith('0') ? "1" + Code(report)[1..] : "0" + Code(report)[1..];

        var wrongCode = await ApiCalls.VerifyReport(app, id, wrong);
        var unknown = await ApiCalls.VerifyReport(app, ReportIds.NewReportId(), Code(report));
        var malformed = await ApiCalls.VerifyReport(app, "rpt_nope", Code(report));
        var garbage = await ApiCalls.VerifyReport(app, id, "not a code at all");

        foreach (var answer in new[] { wrongCode, unknown, malformed, garbage })
        {
            Assert.Equal(404, answer.Status);
            Assert.StartsWith("application/problem+json", answer.ContentType);
            Assert.Equal("report-not-found", answer.Json.GetProperty("code").GetString());
            Assert.Equal(WithoutInstance(wrongCode.Body), WithoutInstance(answer.Body));
        }

        // The same report number: the very same bytes.
        Assert.Equal(wrongCode.Body, garbage.Body);
        var missing = await ApiCalls.VerifyReport(app, id, null);
        Assert.Equal(400, missing.Status);
        Assert.Equal("verification-code-required", missing.Json.GetProperty("code").GetString());
        // Typed as people type it: lower case, no dashes, O for 0.
        var typed = Code(report).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant().Replace('0', 'o');
        Assert.Equal(200, (await ApiCalls.VerifyReport(app, id, typed)).Status);
    }

    [Fact]
    public async Task The_signature_verifies_against_the_published_keys_with_a_JOSE_library_and_says_what_the_report_says()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var person = Subjects.NewIdNumber();
        var report = (await ApiCalls.IssueReport(app, person, Principals.Admin)).Json;
        var keys = await ApiCalls.ReportKeys(app);
        Assert.Equal(200, keys.Status);
        Assert.Equal("public, max-age=3600", keys.Headers["Cache-Control"]);
        Assert.DoesNotContain("\"d\"", keys.Body);

        var token = await ValidAsync(report.GetProperty("signature").GetString()!, keys.Body);

        Assert.Equal("ES256", token.Alg);
        Assert.Equal(keys.Json.GetProperty("keys")[0].GetProperty("kid").GetString(), token.Kid);
        var payload = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(token.EncodedPayload))!.AsObject();
        var body = JsonNode.Parse(report.GetRawText())!.AsObject();
        Assert.Null(payload["verificationCode"]);
        Assert.Null(payload["signature"]);
        body.Remove("verificationCode");
        body.Remove("signature");
        Assert.True(JsonNode.DeepEquals(body, payload), $"{body}\n{payload}");
        // The report is shown to others: an individual's ID number is masked, in the signed payload too.
        Assert.Equal(person[..6] + "********" + person[^4..], payload["subject"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain(person, Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(token.EncodedPayload)));

        // One character of the payload changed: the signature no longer holds.
        var parts = report.GetProperty("signature").GetString()!.Split('.');
        var forged = JsonNode.Parse(Base64UrlEncoder.DecodeBytes(parts[1]))!;
        forged["status"] = "trustworthy";
        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(forged.ToJsonString()))}.{parts[2]}";
        Assert.False((await Validate(tampered, keys.Body)).IsValid);
    }

    [Fact]
    public async Task After_a_rotation_the_keys_list_the_current_and_the_previous_key_and_old_reports_still_verify()
    {
        var oldKey = CreditApp.NewReportKey();
        var unit = Subjects.NewUscc();
        string oldKeys, oldJws, oldId, oldCode;
        await using (var before = await CreditApp.StartAsync(Day, new Dictionary<string, string?> { ["Reports:SigningKey"] = oldKey }))
        {
            await IngestAsync(before, Penalty(unit));
            var report = (await ApiCalls.IssueReport(before, unit, Principals.Subject(unit))).Json;
            (oldJws, oldId, oldCode) = (report.GetProperty("signature").GetString()!, Id(report), Code(report));
            oldKeys = (await ApiCalls.ReportKeys(before)).Body;
        }

        await using var after = await CreditApp.StartAsync(Day, new Dictionary<string, string?>
        {
            ["Reports:SigningKey"] = CreditApp.NewReportKey(),
            ["Reports:PreviousKeys"] = oldKeys,
        });
        var keys = await ApiCalls.ReportKeys(after);
        var kids = keys.Json.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).ToList();
        var oldKid = JsonDocument.Parse(oldKeys).RootElement.GetProperty("keys")[0].GetProperty("kid").GetString();

        Assert.Equal(2, kids.Count);
        Assert.Equal(oldKid, kids[1]);
        Assert.Equal(oldKid, (await ValidAsync(oldJws, keys.Body)).Kid);
        var fresh = (await ApiCalls.IssueReport(after, unit, Principals.Subject(unit))).Json;
        Assert.Equal(kids[0], (await ValidAsync(fresh.GetProperty("signature").GetString()!, keys.Body)).Kid);
        // The report stays checkable by its code whatever key signs now.
        Assert.Equal("valid", (await ApiCalls.VerifyReport(after, oldId, oldCode)).Json.GetProperty("current").GetString());
        // A private key among the previous ones stops the app at start.
        await Assert.ThrowsAsync<ReportKeyException>(() => CreditApp.StartAsync(Day, new Dictionary<string, string?>
        {
            ["Reports:PreviousKeys"] = """{"keys":[{"kty":"EC","crv":"P-256","x":"AAAA","y":"AAAA","d":"AAAA"}]}""",
        }));
    }

    [Fact]
    public async Task Who_may_ask_for_a_report_and_what_the_others_are_told()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        var other = Subjects.NewUscc();
        await IngestAsync(app, Penalty(unit));

        async Task<(int Status, string? Code)> As(string? principal, string id = "")
        {
            var answer = await ApiCalls.IssueReport(app, id.Length == 0 ? unit : id, principal);
            return (answer.Status, answer.Status == 201 ? null : answer.Json.GetProperty("code").GetString());
        }

        Assert.Equal((201, null), await As(Principals.Subject(unit)));
        Assert.Equal((201, null), await As(Principals.Admin));
        var logged = (await ApiCalls.AccessLog(app, unit, Principals.Admin)).Json.GetProperty("entries").GetArrayLength();
        var reports = await ReportRowsAsync(app);
        Assert.Equal((403, "not-own-subject"), await As(Principals.Subject(other)));
        // A subject asking for someone else's report learns nothing of it, and nothing was stored or logged for it.
        Assert.Equal(logged, (await ApiCalls.AccessLog(app, unit, Principals.Admin)).Json.GetProperty("entries").GetArrayLength());
        Assert.Equal(reports, await ReportRowsAsync(app));
        Assert.Equal((403, "forbidden"), await As(Principals.Partner));
        Assert.Equal((403, "forbidden"), await As(Principals.Unit(Enforcement)));
        Assert.Equal((403, "forbidden"), await As(CenterPrincipal));
        Assert.Equal((401, "unauthenticated"), await As(null));
        Assert.Equal((400, "invalid-subject-id"), await As(Principals.Admin, "91310110666007217X"));
    }

    private static async Task<int> ReportRowsAsync(CreditApp app)
    {
        var count = 0;
        await foreach (var _ in app.Table(TableNames.Reports).QueryAsync<Azure.Data.Tables.TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }

        return count;
    }

    [Fact]
    public async Task Issuing_and_checking_are_logged_as_look_ups_and_each_costs_three_storage_requests()
    {
        await using var app = await CreditApp.StartAsync(Day);
        var unit = Subjects.NewUscc();
        await IngestAsync(app, Penalty(unit));
        await ApiCalls.Credit(app, unit, Principals.Partner); // tables provisioned, clients warm
        var counter = app.Get<StorageRequestCounter>();

        counter.Reset();
        var report = (await ApiCalls.IssueReport(app, unit, Principals.Subject(unit))).Json;
        var issuing = counter.Requests;
        counter.Reset();
        Assert.Equal(200, (await ApiCalls.VerifyReport(app, Id(report), Code(report))).Status);
        var verifying = counter.Requests;
        counter.Reset();
        Assert.Equal(404, (await ApiCalls.VerifyReport(app, Id(report), "0000-0000-0000")).Status);
        var refusing = counter.Requests;

        Assert.Equal(3, issuing);
        Assert.Equal(3, verifying);
        Assert.Equal(1, refusing);
        var log = (await ApiCalls.AccessLog(app, unit, Principals.Subject(unit))).Json.GetProperty("entries").EnumerateArray().ToList();
        var routes = log.Select(e => e.GetProperty("route").GetString()).ToList();
        Assert.Contains("POST /api/subjects/{id}/reports", routes);
        Assert.Contains("GET /api/reports/{reportId}", routes);
        Assert.Equal("anonymous", log.First(e => e.GetProperty("route").GetString() == "GET /api/reports/{reportId}").GetProperty("role").GetString());
        // A wrong code saw nothing: one check logged, not two.
        Assert.Single(routes, r => r == "GET /api/reports/{reportId}");
    }

    [Fact]
    public void A_development_key_file_is_made_on_first_use_in_local_development_only()
    {
        var directory = Path.Combine(Path.GetTempPath(), "register-key-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(directory, "reports-signing-key.pem");
        try
        {
            ReportKeys Keys(string local) => new(
                new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
                {
                    [ReportKeys.SigningKeyFileSetting] = file,
                    ["Auth:LocalDevelopment"] = local,
                }).Build(),
                Microsoft.Extensions.Logging.Abstractions.NullLogger<ReportKeys>.Instance);

            Assert.Throws<ReportKeyException>(() => Keys("false").Current);
            Assert.False(File.Exists(file));

            var made = Keys("true").Current;

            Assert.True(File.Exists(file));
            Assert.StartsWith("-----BEGIN PRIVATE KEY-----", File.ReadAllText(file));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }

            // The next start (local or not) signs with the same key.
            Assert.Equal(made.Kid, Keys("false").Current.Kid);
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static string Id(JsonElement report) => report.GetProperty("reportId").GetString()!;

    private static string Code(JsonElement report) => report.GetProperty("verificationCode").GetString()!;

    private static List<string> Ids(JsonElement records) => [.. records.EnumerateArray().Select(r => r.GetProperty("recordId").GetString()!)];

    private static string WithoutInstance(string problem)
    {
        var node = JsonNode.Parse(problem)!.AsObject();
        node.Remove("instance");
        return node.ToJsonString();
    }

    /// <summary>The JWS checked as a partner would: Microsoft.IdentityModel's JsonWebTokenHandler against the published JWK Set.</summary>
    private static Task<TokenValidationResult> Validate(string jws, string jwks) =>
        new JsonWebTokenHandler().ValidateTokenAsync(jws, new TokenValidationParameters
        {
            IssuerSigningKeys = new JsonWebKeySet(jwks).GetSigningKeys(),
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            RequireSignedTokens = true,
        });

    private static async Task<JsonWebToken> ValidAsync(string jws, string jwks)
    {
        var result = await Validate(jws, jwks);
        Assert.True(result.IsValid, result.Exception?.ToString());
        return (JsonWebToken)result.SecurityToken;
    }
}
