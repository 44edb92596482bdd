using System.ComponentModel;
using CreditFunctions.App.Api;
using CreditFunctions.App.Api.Routes;

namespace CreditFunctions.App.Reports;

// What a credit report says (contract v2 "Credit reports"). The [Description] and [WireSet] attributes are what the OpenAPI
// document says of each member; they change nothing on the wire.

[Description("One record in a credit report: as the credit answer shows it, with the report's two marks.")]
public sealed record ReportRecordView(
    [property: Description("The record's id: {source}.{26 base32 characters}.")] string RecordId,
    [property: Description("What the record is about."), WireSet(WireSets.RecordKind)] string Kind,
    [property: Description("Dishonesty only: general or serious."), WireSet(WireSets.Severity)] string? Severity,
    [property: Description("The day the decision was made.")] DateOnly DecisionDate,
    [property: Description("The decision document's number, when given.")] string? DecisionNumber,
    [property: Description("The first day the record is (or, repaired, would have been) no longer shown; absent when it runs without end.")] DateOnly? ExpiresOn,
    [property: Description("The public summary the submitting unit gave.")] string? Summary,
    [property: Description("How the record was classified (art5, art7)."), WireSet(WireSets.RecordClassification)] string Classification,
    [property: Description("The unit that submitted the record.")] string Source,
    [property: Description("已修复: the record was repaired (art11) and no longer counts for status or measures; it is listed until its publication period would have ended.")] bool Repaired,
    [property: Description("Repaired records: the first day the record was no longer shown.")] DateOnly? RepairedOn,
    [property: Description("异议处理中: an objection to the record is open (art10); it still counts until the unit decides.")] bool UnderObjection);

/// <summary>What the register's key signs: the report without its verification code (stored hashed) and its signature.</summary>
[Description("The signed content of a credit report: the JWS payload of signature.")]
public sealed record ReportContent(
    [property: Description("The report number: rpt_ and 20 base32 characters.")] string ReportId,
    [property: Description("When the report was issued.")] DateTimeOffset IssuedAt,
    [property: Description("The day the report speaks for (China Standard Time): the day it was issued.")] DateOnly AsOf,
    [property: Description("Whom the report is about (an individual's ID number masked: the report is meant to be shown to others).")] SubjectView Subject,
    [property: Description("The credit status that day, as GET /api/subjects/{id}/credit answers it."), WireSet(WireSets.CreditStatus)] string Status,
    [property: Description("The records that count that day (the credit answer's), then the records repaired within their publication period.")] IReadOnlyList<ReportRecordView> Records,
    [property: Description("The measures (art8) and joint punishments (art9) that follow, as the credit answer has them.")] IReadOnlyList<MeasureView> Measures,
    [property: Description("The catalogue version in force that day.")] string CatalogueVersion);

[Description("A credit report as issued: what the register says of the subject that day, signed by the register's key.")]
public sealed record IssuedReport(
    [property: Description("The report number: rpt_ and 20 base32 characters.")] string ReportId,
    [property: Description("Give it with the report number to whoever should check the report (GET /api/reports/{reportId}?code=…). Shown once: the register keeps only its hash.")] string VerificationCode,
    [property: Description("When the report was issued.")] DateTimeOffset IssuedAt,
    [property: Description("The day the report speaks for (China Standard Time).")] DateOnly AsOf,
    [property: Description("Whom the report is about (an individual's ID number masked).")] SubjectView Subject,
    [property: Description("The credit status that day."), WireSet(WireSets.CreditStatus)] string Status,
    [property: Description("The records that count that day, then the records repaired within their publication period.")] IReadOnlyList<ReportRecordView> Records,
    [property: Description("The measures (art8) and joint punishments (art9) that follow.")] IReadOnlyList<MeasureView> Measures,
    [property: Description("The catalogue version in force that day.")] string CatalogueVersion,
    [property: Description("The report as a JWS in the compact serialization (RFC 7515 §7.1), ES256 by the register's key: header alg ES256, kid (a key of GET /api/reports/keys), typ JOSE; payload every other member of this object but verificationCode, as UTF-8 JSON.")] string Signature);

[Description("A credit report as issued, and whether the subject's credit is still what it says.")]
public sealed record VerifiedReport(
    [property: Description("The report number.")] string ReportId,
    [property: Description("The verification code asked with, in its canonical form.")] string VerificationCode,
    [property: Description("When the report was issued.")] DateTimeOffset IssuedAt,
    [property: Description("The day the report speaks for (China Standard Time).")] DateOnly AsOf,
    [property: Description("Whom the report is about (an individual's ID number masked).")] SubjectView Subject,
    [property: Description("The credit status on the day of the report."), WireSet(WireSets.CreditStatus)] string Status,
    [property: Description("The records as the report has them.")] IReadOnlyList<ReportRecordView> Records,
    [property: Description("The measures as the report has them.")] IReadOnlyList<MeasureView> Measures,
    [property: Description("The catalogue version in force on the day of the report.")] string CatalogueVersion,
    [property: Description("The report's JWS, as issued.")] string Signature,
    [property: Description("valid: the register says the same of the subject today (status, records and their marks, measures); changed: it says something else (a record came, went, was repaired or put under objection). Issue a new report for today's."), WireSet(WireSets.ReportCurrent)] string Current);

[Description("The register's public keys for credit reports: a JWK Set (RFC 7517 §5), the current key first, then keys reports issued before a rotation were signed with.")]
public sealed record ReportKeySet(
    [property: Description("The keys.")] IReadOnlyList<ReportPublicKey> Keys);

[Description("A public key of the register (RFC 7517, RFC 7518 §6.2): EC P-256, for ES256 signatures.")]
public sealed record ReportPublicKey(
    [property: Description("EC.")] string Kty,
    [property: Description("P-256.")] string Crv,
    [property: Description("The point's x coordinate, base64url.")] string X,
    [property: Description("The point's y coordinate, base64url.")] string Y,
    [property: Description("The key's RFC 7638 thumbprint, base64url: the kid of the JWS header of the reports it signed.")] string Kid,
    [property: Description("sig.")] string Use,
    [property: Description("ES256.")] string Alg);

/// <summary>What <c>current</c> compares: status, records with their marks, measures (never the day, the time or the names).</summary>
public sealed record ReportFingerprintContent(string Status, IReadOnlyList<ReportRecordView> Records, IReadOnlyList<MeasureView> Measures);
