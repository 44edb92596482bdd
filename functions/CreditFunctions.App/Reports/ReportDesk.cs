using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;
using CreditFunctions.App.Json;
using CreditFunctions.App.Storage;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Status;
using CreditFunctions.Domain.Subjects;
using CreditFunctions.Domain.Time;
using Microsoft.IdentityModel.Tokens;

namespace CreditFunctions.App.Reports;

/// <summary>What a report states of a subject on a day, and the fingerprint <c>current</c> compares.</summary>
public sealed record ReportFacts(
    SubjectView Subject, string Status, IReadOnlyList<ReportRecordView> Records, IReadOnlyList<MeasureView> Measures, string CatalogueVersion, string Fingerprint);

/// <summary>
/// Credit reports (contract v2 "Credit reports", 信用报告): issuing one (the subject's credit read as
/// GET /api/subjects/{id}/credit reads it, signed, stored) and verifying one (the stored report, and whether the subject's
/// credit is still what it says). Storage: issuing is the credit read and the access-log insert together, then the report's
/// one insert (3 requests); verifying is the report's point read, then the credit read and the access-log insert together (3).
/// </summary>
public sealed class ReportDesk(
    ReportStore store, ReportKeys keys, SubjectDirectory subjects, CatalogueSet catalogues, AccessLogging accessLog, TimeProvider clock)
{
    public const string Valid = "valid";
    public const string Changed = "changed";

    /// <summary>POST /api/subjects/{id}/reports: the subject itself or an administrator (the gateway let only those roles in).</summary>
    public async Task<ApiAnswer> IssueAsync(ApiCall call, string id, CancellationToken cancellationToken)
    {
        if (!RequestReading.TrySubject(id, clock, out var subject, out var refusal))
        {
            return refusal!;
        }

        var caller = call.Caller;
        if (!caller.IsIn(Roles.Admin) && caller.Subject != subject.Value)
        {
            return ReportProblems.NotOwnSubject();
        }

        // No key, no report: found out before anything is read or logged.
        var key = keys.Current;
        var now = ChinaStandardTime.Now(clock);
        var issuedAt = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), now.Offset);
        var day = ChinaStandardTime.DateOf(issuedAt);

        var reading = subjects.ReadAsync(subject, cancellationToken);
        var logging = accessLog.RecordAsync(caller, subject, null, call.Route, cancellationToken);
        await Task.WhenAll(reading, logging);
        var facts = Compose(subject, await reading, day);

        var reportId = ReportIds.NewReportId();
        var code = ReportIds.NewVerificationCode();
        var content = new ReportContent(reportId, issuedAt, day, facts.Subject, facts.Status, facts.Records, facts.Measures, facts.CatalogueVersion);
        var jws = key.SignCompact(JsonSerializer.SerializeToUtf8Bytes(content, AppJson.Web.ReportContent));
        await store.AddAsync(new StoredReport(
            reportId, subject, ReportIds.CodeHash(reportId, code), issuedAt, day, key.Kid, facts.Fingerprint, jws), cancellationToken);

        var issued = new IssuedReport(
            reportId, code, issuedAt, day, facts.Subject, facts.Status, facts.Records, facts.Measures, facts.CatalogueVersion, jws);
        return ApiAnswer.Json(issued, AppJson.Web.IssuedReport, Microsoft.AspNetCore.Http.StatusCodes.Status201Created);
    }

    /// <summary>
    /// GET /api/reports/{reportId}?code=: anyone with both. A report number of the wrong shape, an unknown report and a wrong
    /// code are one and the same 404, so neither numbers nor codes can be probed.
    /// </summary>
    public async Task<(VerifiedReport? Report, Problem? Problem)> VerifyAsync(ApiCall call, string reportId, CancellationToken cancellationToken)
    {
        var typed = call.Query("code");
        if (string.IsNullOrWhiteSpace(typed))
        {
            return (null, ReportProblems.CodeRequired());
        }

        var stored = ReportIds.IsReportId(reportId) ? await store.GetAsync(reportId, cancellationToken) : null;
        if (stored is null || !ReportIds.Matches(reportId, typed, stored.CodeHash))
        {
            return (null, ReportProblems.NotFound());
        }

        var reading = subjects.ReadAsync(stored.SubjectId, cancellationToken);
        var logging = accessLog.RecordAsync(call.Caller, stored.SubjectId, null, call.Route, cancellationToken);
        await Task.WhenAll(reading, logging);
        var today = Compose(stored.SubjectId, await reading, ChinaStandardTime.Today(clock));
        var content = Payload(stored.Jws);
        var same = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(today.Fingerprint), Encoding.ASCII.GetBytes(stored.Fingerprint));
        return (new VerifiedReport(
            content.ReportId, ReportIds.Canonical(typed)!, content.IssuedAt, content.AsOf, content.Subject, content.Status, content.Records,
            content.Measures, content.CatalogueVersion, stored.Jws, same ? Valid : Changed), null);
    }

    /// <summary>
    /// What a report states of <paramref name="subject"/> on <paramref name="day"/>: the very evaluation of the credit route
    /// (<see cref="CreditAnswers.Evaluate"/>: records, status, measures), as anyone but an administrator may be told it (the
    /// report is meant to be shown to others), then the subject's repaired records whose publication period would still run,
    /// marked repaired (they count for nothing). An individual's ID number is masked.
    /// </summary>
    public ReportFacts Compose(SubjectId subject, SubjectRecords stored, DateOnly day)
    {
        var answer = CreditAnswers.Evaluate(subject, stored, day, day, catalogues, administrator: false);
        var records = answer.Result.ActiveRecords.Select(r => Of(r, repaired: false)).ToList();
        records.AddRange(answer.Visible
            .Where(r => r.Subject == subject && r.State == RecordState.Repaired && r.Classification != RecordClassification.Excluded
                        && r.WithdrawnOn is { } withdrawn && withdrawn <= day && (r.ExpiresOn is not { } expires || day < expires))
            .OrderByDescending(r => r.WithdrawnOn)
            .ThenBy(r => r.RecordId, StringComparer.Ordinal)
            .Select(r => Of(r, repaired: true)));
        var measures = answer.Measures;
        var status = answer.Result.Status.ToWire();
        var view = new SubjectView(subject.Type.ToWire(), subject.Type == SubjectType.Unit ? subject.Value : subject.Masked, answer.Name);
        return new ReportFacts(view, status, records, measures, answer.Result.CatalogueVersion, Fingerprint(status, records, measures));
    }

    /// <summary>The report as issued: the JWS's payload.</summary>
    public static ReportContent Payload(string jws)
    {
        var parts = jws.Split('.');
        return JsonSerializer.Deserialize(Base64UrlEncoder.DecodeBytes(parts[1]), AppJson.Web.ReportContent)
            ?? throw new InvalidOperationException("A stored report has no payload.");
    }

    /// <summary>The kid of the JWS's protected header (the key that signed it).</summary>
    public static string? KidOf(string jws)
    {
        using var header = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(jws.Split('.')[0]));
        return header.RootElement.TryGetProperty("kid", out var kid) ? kid.GetString() : null;
    }

    private static string Fingerprint(string status, IReadOnlyList<ReportRecordView> records, IReadOnlyList<MeasureView> measures) =>
        Convert.ToHexStringLower(SHA256.HashData(
            JsonSerializer.SerializeToUtf8Bytes(new ReportFingerprintContent(status, records, measures), AppJson.Web.ReportFingerprintContent)));

    private static ReportRecordView Of(CreditRecord record, bool repaired) => new(
        record.RecordId,
        record.Kind.ToWire(),
        record.Severity?.ToWire(),
        record.DecisionDate,
        record.DecisionNumber,
        record.ExpiresOn,
        record.Summary,
        record.Classification.ToWire(),
        record.Source,
        repaired,
        repaired ? record.WithdrawnOn : null,
        record.UnderObjection);
}
