using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using CreditFunctions.App.Api;
using CreditFunctions.Domain.Catalogue;
using CreditFunctions.Domain.Records;
using CreditFunctions.Domain.Time;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CreditFunctions.App.Reports;

/// <summary>
/// A verified report as a printable page (contract v2: "Chinese, with English"): Chinese first, English beside it; the
/// report number and code, the records with their 已修复 / repaired and 异议处理中 / under objection marks, the measures, and
/// the signature. One self-contained document: its style is inline (allowed by hash in its Content-Security-Policy), nothing
/// is fetched from anywhere, and everything that came from data is HTML-escaped.
/// </summary>
public static class ReportPage
{
    // Escapes &, <, >, quotes and the like; leaves Chinese as is so the page stays readable as source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = """
        body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC",system-ui,sans-serif;color:#111;margin:2rem auto;max-width:60rem;padding:0 1rem;line-height:1.5}
        h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;margin:1.5rem 0 .5rem;border-bottom:1px solid #999}
        .en{color:#555;font-size:.9em;margin-left:.4em}
        dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0}dt{font-weight:600}dd{margin:0}
        table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{border:1px solid #999;padding:.3rem .4rem;text-align:left;vertical-align:top}
        th{background:#eee}.mark{display:inline-block;border:1px solid #333;border-radius:3px;padding:0 .3em;margin:.1em 0;font-size:.85em;white-space:nowrap}
        .current-valid{color:#0a5a1a;font-weight:600}.current-changed{color:#9a1a00;font-weight:600}
        .code{font-family:ui-monospace,"SFMono-Regular",Consolas,monospace;font-size:1.1em;letter-spacing:.05em}
        .jws{font-family:ui-monospace,Consolas,monospace;font-size:.7rem;word-break:break-all;color:#333}
        footer{margin-top:2rem;font-size:.85rem;color:#444}
        @page{size:A4;margin:16mm}
        @media print{body{margin:0;max-width:none;font-size:10.5pt}.noprint{display:none}th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}}
        """;

    /// <summary>The page's headers: no caching (personal data), no referrer (the address holds the code), nothing from elsewhere.</summary>
    public static IReadOnlyDictionary<string, string> Headers { get; } = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] =
            $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
            "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
        ["Cache-Control"] = "no-store",
        ["Referrer-Policy"] = "no-referrer",
        ["X-Content-Type-Options"] = "nosniff",
        ["Vary"] = "Accept",
    };

    /// <summary>Whether the caller asked for a page: <c>text/html</c> (or XHTML) accepted at least as much as JSON.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        var values = request.Headers.Accept.Where(v => v is not null).Select(v => v!).ToList();
        if (values.Count == 0 || !MediaTypeHeaderValue.TryParseList(values, out var accepted))
        {
            return false;
        }

        double Quality(params string[] types) => accepted
            .Where(a => types.Any(t => a.MediaType.Equals(t, StringComparison.OrdinalIgnoreCase)))
            .Select(a => a.Quality ?? 1.0)
            .DefaultIfEmpty(-1)
            .Max();

        var html = Quality("text/html", "application/xhtml+xml");
        return html > 0 && html >= Quality("application/json");
    }

    public static string Render(VerifiedReport report, CatalogueSet catalogues, string? kid)
    {
        var catalogue = catalogues.ForDate(report.AsOf);
        var page = new StringBuilder(8 * 1024);
        page.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"referrer\" content=\"no-referrer\">\n")
            .Append("<title>信用报告 Credit report ").Append(E(report.ReportId)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n</head>\n<body>\n<header>\n")
            .Append("<h1>信用报告<span class=\"en\" lang=\"en\">Credit report</span></h1>\n")
            .Append("<p>上海市人力资源和社会保障局 信用信息<span class=\"en\" lang=\"en\">Shanghai Municipal Human Resources and Social Security Bureau, credit information</span></p>\n")
            .Append("</header>\n<section>\n<dl>\n");
        Row(page, "报告编号", "Report number", $"<span class=\"code\">{E(report.ReportId)}</span>");
        Row(page, "验证码", "Verification code", $"<span class=\"code\">{E(report.VerificationCode)}</span>");
        Row(page, "出具时间", "Issued at", E(report.IssuedAt.ToOffset(ChinaStandardTime.Offset).ToString("yyyy-MM-dd HH:mm:ss '(UTC+8)'", CultureInfo.InvariantCulture)));
        Row(page, "报告日", "Day of the report", E(Day(report.AsOf)));
        Row(page, "当前核验", "Checked now", report.Current == ReportDesk.Valid
            ? "<span class=\"current-valid\">有效：信用状况与报告一致<span class=\"en\" lang=\"en\">valid: the register says the same today</span></span>"
            : "<span class=\"current-changed\">已变化：信用状况与报告不一致，请申请新报告<span class=\"en\" lang=\"en\">changed: the register says something else today; ask for a new report</span></span>");
        page.Append("</dl>\n</section>\n<section>\n<h2>主体<span class=\"en\" lang=\"en\">Subject</span></h2>\n<dl>\n");
        Row(page, "名称", "Name", report.Subject.Name is { } name ? E(name) : "—");
        Row(page, "类型", "Type", report.Subject.Type == "unit" ? "单位<span class=\"en\" lang=\"en\">unit</span>" : "个人<span class=\"en\" lang=\"en\">individual</span>");
        Row(page, report.Subject.Type == "unit" ? "统一社会信用代码" : "公民身份号码", report.Subject.Type == "unit" ? "USCC" : "ID number", $"<span class=\"code\">{E(report.Subject.Id)}</span>");
        var (statusZh, statusEn) = StatusText(report.Status);
        Row(page, "信用状况", "Credit status", $"<strong>{statusZh}</strong><span class=\"en\" lang=\"en\">{statusEn}</span>");
        Row(page, "目录版本", "Catalogue version", E(report.CatalogueVersion));
        page.Append("</dl>\n</section>\n");

        page.Append("<section>\n<h2>信用记录<span class=\"en\" lang=\"en\">Records</span></h2>\n");
        if (report.Records.Count == 0)
        {
            page.Append("<p>无记录<span class=\"en\" lang=\"en\">Nothing on record</span></p>\n");
        }
        else
        {
            page.Append("<table>\n<thead><tr><th>类别<span class=\"en\" lang=\"en\">Kind</span></th><th>决定日期<span class=\"en\" lang=\"en\">Decided</span></th>")
                .Append("<th>文书号<span class=\"en\" lang=\"en\">Decision number</span></th><th>公示至<span class=\"en\" lang=\"en\">Shown until</span></th>")
                .Append("<th>报送单位<span class=\"en\" lang=\"en\">Submitted by</span></th><th>摘要<span class=\"en\" lang=\"en\">Summary</span></th>")
                .Append("<th>标记<span class=\"en\" lang=\"en\">Marks</span></th></tr></thead>\n<tbody>\n");
            foreach (var record in report.Records)
            {
                var kind = WireNames.TryParseKind(record.Kind, out var k) ? catalogue.DataListEntry(k).Name : null;
                page.Append("<tr><td>").Append(kind is null ? E(record.Kind) : $"{E(kind.Zh)}<span class=\"en\" lang=\"en\">{E(kind.En)}</span>")
                    .Append(record.Severity is { } severity ? severity == "serious" ? "（严重<span class=\"en\" lang=\"en\">serious</span>）" : "（一般<span class=\"en\" lang=\"en\">general</span>）" : "")
                    .Append("<br><span class=\"jws\">").Append(E(record.RecordId)).Append("</span></td>")
                    .Append("<td>").Append(E(Day(record.DecisionDate))).Append("</td>")
                    .Append("<td>").Append(E(record.DecisionNumber ?? "—")).Append("</td>")
                    .Append("<td>").Append(record.ExpiresOn is { } expires ? E(Day(expires.AddDays(-1))) : "长期<span class=\"en\" lang=\"en\">open-ended</span>").Append("</td>")
                    .Append("<td>").Append(E(record.Source)).Append("</td>")
                    .Append("<td>").Append(E(record.Summary ?? "")).Append("</td><td>");
                if (record.Repaired)
                {
                    page.Append("<span class=\"mark repaired\">已修复<span class=\"en\" lang=\"en\">repaired</span></span>");
                    if (record.RepairedOn is { } on)
                    {
                        page.Append("<br>").Append(E(Day(on)));
                    }
                }

                if (record.UnderObjection)
                {
                    page.Append(record.Repaired ? "<br>" : "").Append("<span class=\"mark under-objection\">异议处理中<span class=\"en\" lang=\"en\">under objection</span></span>");
                }

                page.Append("</td></tr>\n");
            }

            page.Append("</tbody>\n</table>\n");
        }

        page.Append("</section>\n<section>\n<h2>适用措施<span class=\"en\" lang=\"en\">Measures</span></h2>\n");
        if (report.Measures.Count == 0)
        {
            page.Append("<p>无<span class=\"en\" lang=\"en\">None</span></p>\n");
        }
        else
        {
            page.Append("<ul>\n");
            foreach (var measure in report.Measures)
            {
                page.Append("<li>").Append(E(measure.Name.Zh)).Append("<span class=\"en\" lang=\"en\">").Append(E(measure.Name.En)).Append("</span> (")
                    .Append(E(measure.Article)).Append(")</li>\n");
            }

            page.Append("</ul>\n");
        }

        page.Append("</section>\n<footer>\n<h2>电子签名<span class=\"en\" lang=\"en\">Signature</span></h2>\n")
            .Append("<p>本报告由登记机关密钥以 ES256 签名（JWS），公钥见 /api/reports/keys")
            .Append(kid is null ? "" : $"，密钥标识 <span class=\"code\">{E(kid)}</span>")
            .Append("。凭报告编号和验证码可随时在 /api/reports/{报告编号}?code={验证码} 核验。")
            .Append("<span class=\"en\" lang=\"en\">Signed by the register's key (ES256, JWS); its public keys are at /api/reports/keys")
            .Append(kid is null ? "" : $", key id {E(kid)}")
            .Append(". Anyone with the report number and the code can check it at /api/reports/{report number}?code={code}.</span></p>\n")
            .Append("<p class=\"jws\">").Append(E(report.Signature)).Append("</p>\n</footer>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static void Row(StringBuilder page, string zh, string en, string valueHtml) =>
        page.Append("<dt>").Append(zh).Append("<span class=\"en\" lang=\"en\">").Append(en).Append("</span></dt><dd>").Append(valueHtml).Append("</dd>\n");

    private static (string Zh, string En) StatusText(string status) => status switch
    {
        "serious-dishonesty" => ("严重失信", "serious dishonesty"),
        "general-dishonesty" => ("一般失信", "general dishonesty"),
        "trustworthy" => ("守信", "trustworthy"),
        _ => ("无记录", "nothing on record"),
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string E(string text) => Encoder.Encode(text);
}
