using System.Text.Json;
using CreditFunctions.App.Api;
using CreditFunctions.App.Json;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Subjects;
using static CreditFunctions.App.Api.Routes.ApiExamples;

namespace CreditFunctions.App.Reports;

/// <summary>
/// The OpenAPI document's report examples: the README's penalty (examples/admin-penalty.json) under objection, reported on
/// 2026-12-01. The signature is real: made when the document is built, with an example key that the keys example lists (so
/// the examples verify against each other); it is no key of any register.
/// </summary>
public static class ReportExamples
{
    public const string ReportId = "rpt_m3kq7xvb2hzd5ytnwcga";
    public const string Code = "7K3M-Q9XD-2HVA";

    private static readonly DateTimeOffset IssuedAt = new(2026, 12, 1, 10, 15, 0, TimeSpan.FromHours(8));
    private static readonly DateOnly Day = new(2026, 12, 1);

    private static readonly Lazy<(ReportSigningKey Key, string Jws)> Signed = new(() =>
    {
        var key = ReportSigningKey.Generate(out _);
        return (key, key.SignCompact(JsonSerializer.SerializeToUtf8Bytes(Content, AppJson.Web.ReportContent)));
    });

    private static ReportContent Content => new(
        ReportId, IssuedAt, Day, new SubjectView(SubjectType.Unit.ToWire(), Unit, UnitName), "general-dishonesty",
        [
            new ReportRecordView(RecordId, "admin-penalty", "general", DecisionDate, DecisionNumber, ExpiresOn,
                "未按时足额支付劳动者工资 / Wages not paid in full and on time", "general", SubmittingUnit, false, null, true),
        ],
        Credit.Measures, CatalogueVersion);

    public static IssuedReport Issued
    {
        get
        {
            var c = Content;
            return new(c.ReportId, Code, c.IssuedAt, c.AsOf, c.Subject, c.Status, c.Records, c.Measures, c.CatalogueVersion, Signed.Value.Jws);
        }
    }

    public static VerifiedReport Verified
    {
        get
        {
            var c = Content;
            return new(c.ReportId, Code, c.IssuedAt, c.AsOf, c.Subject, c.Status, c.Records, c.Measures, c.CatalogueVersion, Signed.Value.Jws, ReportDesk.Changed);
        }
    }

    public static ReportKeySet Keys
    {
        get
        {
            var current = ReportKeysFunction.Set(ReportKeyRing.Of(Signed.Value.Key, null, "example")).Keys[0];
            var previous = ReportKeysFunction.Set(ReportKeyRing.Of(ReportSigningKey.Generate(out _), null, "example")).Keys[0];
            return new ReportKeySet([current, previous]);
        }
    }
}
