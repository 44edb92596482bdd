using System.Text.Json.Nodes;
using CreditFunctions.App.Api;
using CreditFunctions.Integration.Tests.Support;
using CreditFunctions.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace CreditFunctions.Integration.Tests.Console;

/// <summary>
/// The officials' console in a real browser (headless Debian chromium, Playwright) against the dev host on Azurite, as a
/// unit official uses it: the development sign-in, the pending list, a case with its record, a decision, and what the
/// API says afterwards. Screenshots of the main pages at 1280×800 and at phone width go to .artifacts/screenshots/.
/// Controls are found by their role and accessible name (label, legend, button text), so a control a keyboard or a
/// screen reader could not use is not found either.
/// </summary>
public sealed class ConsoleBrowserTests(ConsoleBrowser console, ITestOutputHelper output) : IClassFixture<ConsoleBrowser>
{
    private const string Enforcement = "SH-HRSS-ENFORCEMENT";
    private const int PhoneWidth = 390;
    private const int PhoneHeight = 844;

    [Fact]
    public async Task A_unit_signs_in_sees_the_pending_objection_decides_it_and_the_subjects_credit_changes()
    {
        var (subject, recordId) = await console.PenaltyAsync();
        var filed = await console.PostAsync("api/objections", Principals.Subject(subject), new JsonObject
        {
            ["subjectId"] = subject, ["recordId"] = recordId, ["reason"] = "处罚所依据的事实有误", ["evidence"] = new JsonArray("缴款凭证.pdf"),
        });
        var objectionId = filed.GetProperty("objectionId").GetString()!;
        Assert.True((await console.CreditAsync(subject)).GetProperty("records")[0].GetProperty("underObjection").GetBoolean());
        var (context, page) = await console.OpenAsync();
        await using var _ = context;

        await page.GotoAsync("api/console/");
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("仅限本地开发");
        await Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Development only");
        await ConsoleBrowser.ShotAsync(page, "sign-in-1280");
        await page.GetByRole(AriaRole.Radio, new() { Name = "报送单位 Submitting unit" }).CheckAsync();
        await page.GetByLabel("单位代码 Unit code").FillAsync(Enforcement);
        await page.GetByLabel("单位代码 Unit code").PressAsync("Enter"); // the form submits with Enter

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = objectionId });
        await Expect(row).ToContainTextAsync("待处理");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("待办事项 To decide");
        await ConsoleBrowser.ShotAsync(page, "unit-pending-1280");
        await row.GetByRole(AriaRole.Link, new() { Name = objectionId }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(objectionId);
        await Expect(page.Locator("blockquote")).ToHaveTextAsync("处罚所依据的事实有误");
        await Expect(page.GetByRole(AriaRole.List).Filter(new() { HasText = "缴款凭证.pdf" })).ToBeVisibleAsync();
        await Expect(page.GetByText("沪人社监罚〔2024〕123号").First).ToBeVisibleAsync();
        await ConsoleBrowser.ShotAsync(page, "case-1280");

        // "Corrected" with nothing changed: the API refuses it (400 corrected-fields-required) and its bilingual problem is shown.
        await page.GetByRole(AriaRole.Radio, new() { Name = "更正 Correct the record" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交决定 Submit decision" }).ClickAsync();
        var problem = page.GetByRole(AriaRole.Alert);
        await Expect(problem).ToContainTextAsync("处理结果为更正时，须提交更正后的记录内容。");
        await Expect(problem).ToContainTextAsync("A 'corrected' outcome needs the corrected record fields.");
        await Expect(problem).ToContainTextAsync("corrected-fields-required");

        // Revoked, by keyboard: the reason box, then Ctrl+Enter submits.
        await page.GetByRole(AriaRole.Radio, new() { Name = "撤销 Revoke the record" }).CheckAsync();
        await page.GetByLabel("理由 Reason").FillAsync("经复核，处罚决定已被撤销");
        await page.GetByLabel("理由 Reason").PressAsync("Control+Enter");

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("决定已提交");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "处理决定 Decision" })).ToBeVisibleAsync();
        await Expect(page.Locator(".slip")).ToContainTextAsync("撤销 Revoked");
        await ConsoleBrowser.ShotAsync(page, "decided-1280");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await ConsoleBrowser.ShotAsync(page, "decision-slip-print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // The subject's own credit answer: the record is gone and so is the dishonesty.
        var credit = await console.CreditAsync(subject);
        Assert.Equal("no-record", credit.GetProperty("status").GetString());
        Assert.Equal(0, credit.GetProperty("records").GetArrayLength());
        var objection = await console.GetAsync($"api/objections/{objectionId}", Principals.Subject(subject));
        Assert.Equal(("decided", "revoked"), (objection.GetProperty("status").GetString(), objection.GetProperty("outcome").GetString()));
        output.WriteLine($"screenshots: {ConsoleBrowser.Screenshots}");
    }

    [Fact]
    public async Task A_repair_refused_without_a_reason_shows_the_error_and_nothing_is_sent()
    {
        var (subject, recordId) = await console.PenaltyAsync();
        var repair = await console.PostAsync("api/repairs", Principals.Subject(subject), new JsonObject
        {
            ["subjectId"] = subject, ["recordId"] = recordId, ["statement"] = "罚款已缴清并整改", ["commitment"] = true,
            ["evidence"] = new JsonArray("缴款书.pdf"),
        });
        var repairId = repair.GetProperty("repairId").GetString()!;
        var (context, page) = await console.OpenAsync(PhoneWidth, PhoneHeight);
        await using var _ = context;
        await SignInAsync(page, Enforcement);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = repairId })).ToBeVisibleAsync();
        await ConsoleBrowser.ShotAsync(page, "unit-pending-phone");

        await page.GetByRole(AriaRole.Link, new() { Name = repairId }).ClickAsync();
        await Expect(page.Locator("blockquote")).ToHaveTextAsync("罚款已缴清并整改");
        await page.GetByRole(AriaRole.Radio, new() { Name = "不予修复 Reject the application" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "提交决定 Submit decision" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("不予修复时必须说明理由");
        await Expect(page.GetByLabel("理由 Reason")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByLabel("理由 Reason")).ToBeFocusedAsync();
        await Expect(page.Locator("form")).ToContainTextAsync("请填写理由（1 至 2000 个字）。");
        await ConsoleBrowser.ShotAsync(page, "repair-reason-required-phone");
        var stored = await console.GetAsync($"api/repairs/{repairId}", Principals.Subject(subject));
        Assert.Equal("pending", stored.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_unit_sees_neither_the_case_in_its_list_nor_the_case_itself()
    {
        var (subject, recordId) = await console.PenaltyAsync();
        var filed = await console.PostAsync("api/objections", Principals.Subject(subject), new JsonObject
        {
            ["subjectId"] = subject, ["recordId"] = recordId, ["reason"] = "不是本公司的违法行为",
        });
        var objectionId = filed.GetProperty("objectionId").GetString()!;
        var (context, page) = await console.OpenAsync();
        await using var _ = context;

        await SignInAsync(page, "SH-SOCIAL-INSURANCE");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("待办事项 To decide");
        // The list loaded (no problem box, its lead line is there), and the other unit's case is not in it.
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex("件待处理"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await Expect(page.GetByText(objectionId)).ToHaveCountAsync(0);
        await page.GotoAsync($"api/console/#/objections/{objectionId}");

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("objection-not-found");
        await Expect(page.GetByText("不是本公司的违法行为")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "提交决定 Submit decision" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_unit_reads_its_rejections_as_received_and_its_quality_chart()
    {
        var bad = RecordsMessage.AdminPenalty("91310110666007217X", $"AP-BAD-{Guid.NewGuid():N}");
        var message = RecordsMessage.From(Enforcement).With(bad);
        await console.SendAsync(message);
        await console.PenaltyAsync();
        await Eventually.UntilAsync(async () =>
            (await console.GetAsync($"api/units/{Enforcement}/rejections?limit=200", Principals.Unit(Enforcement))).GetProperty("rejections")
                .EnumerateArray().Any(r => r.GetProperty("messageId").GetString() == message.MessageId), "the bad record to be refused");

        foreach (var (width, height, suffix) in new[] { (1280, 800, "1280"), (PhoneWidth, PhoneHeight, "phone") })
        {
            var (context, page) = await console.OpenAsync(width, height);
            await using var _ = context;
            await SignInAsync(page, Enforcement);
            await page.GetByRole(AriaRole.Link, new() { Name = "退回记录 Rejections" }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = message.MessageId });
            await Expect(row).ToContainTextAsync("invalid-subject-id");
            await row.GetByText("原始报文 Body as received").ClickAsync();
            await Expect(row.Locator("pre")).ToContainTextAsync("91310110666007217X");
            await ConsoleBrowser.ShotAsync(page, $"rejections-{suffix}");

            await page.GetByRole(AriaRole.Link, new() { Name = "报送质量 Quality" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Img, new() { Name = "每月收到与退回 Arrivals and rejections by month" })).ToBeVisibleAsync();
            await Expect(page.Locator("svg rect.bar-rejections").First).ToBeAttachedAsync();
            await ConsoleBrowser.ShotAsync(page, $"quality-{suffix}");
        }
    }

    [Fact]
    public async Task The_center_follows_the_objections_it_filed_and_an_administrator_sees_escalated_cases_and_the_feedback_summary()
    {
        var (subject, recordId) = await console.PenaltyAsync();
        var filed = await console.PostAsync("api/objections", ClientPrincipalReader.Encode(Roles.Center), new JsonObject
        {
            ["subjectId"] = subject, ["recordId"] = recordId, ["reason"] = "主体委托中心提出：处罚对象有误",
        });
        var objectionId = filed.GetProperty("objectionId").GetString()!;
        // A partner's look-up that names a measure (enhanced review, art8.2.1): a row of the feedback summary.
        var restrictions = await console.GetAsync($"api/subjects/{subject}/restrictions?business=hrss-business", Principals.Partner);
        Assert.Equal("enhanced-review", restrictions.GetProperty("decision").GetString());

        var (context, page) = await console.OpenAsync();
        await using (context)
        {
            await page.GotoAsync("api/console/");
            await page.GetByRole(AriaRole.Radio, new() { Name = "市公共信用信息服务中心 Credit Information Service Center" }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "登录 Sign in" }).ClickAsync();
            var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = objectionId });
            await Expect(row).ToContainTextAsync(Enforcement);
            await Expect(row).ToContainTextAsync("待处理");
            await ConsoleBrowser.ShotAsync(page, "center-1280");
        }

        var (adminContext, admin) = await console.OpenAsync(PhoneWidth, PhoneHeight);
        await using (adminContext)
        {
            await admin.GotoAsync("api/console/");
            await admin.GetByRole(AriaRole.Radio, new() { Name = "管理员 Administrator" }).CheckAsync();
            await admin.GetByRole(AriaRole.Button, new() { Name = "登录 Sign in" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("逾期事项 Escalated cases");
            await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "单位报送情况 Units" })).ToBeVisibleAsync();
            await Expect(admin.Locator("#who")).Not.ToContainTextAsync("null"); // no unit: nothing where the unit would be
            await ConsoleBrowser.ShotAsync(admin, "admin-phone");

            // GET /api/feedback/summary: the panel, this year to today.
            await admin.GetByRole(AriaRole.Link, new() { Name = "执行反馈 Enforcement feedback" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("执行反馈 Enforcement feedback");
            await Expect(admin.Locator("main")).ToContainTextAsync("China Standard Time");
            await Expect(admin.GetByRole(AriaRole.Row).Filter(new() { HasText = "hrss-business" }).First).ToContainTextAsync("art8.2.1");
            await ConsoleBrowser.ShotAsync(admin, "admin-feedback-phone");
        }
    }

    private static async Task SignInAsync(IPage page, string unit)
    {
        await page.GotoAsync("api/console/");
        await page.GetByLabel("单位代码 Unit code").FillAsync(unit);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录 Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("待办事项 To decide");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
