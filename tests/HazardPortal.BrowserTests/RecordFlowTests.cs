using HazardPortal.Tests;
using HazardPortal.Core.Hazards;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>The field-record flows of issue #4 in the browser, with screenshots.</summary>
public class RecordFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly byte[] Jpeg = TestImages.Jpeg();

    private static string Day(int offset) => ChinaTime.Today(TimeProvider.System).AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_spot_check_with_two_deficiencies_is_signed_by_both_inspectors_and_freezes()
    {
        var yjj = await app.NewPageAsync();
        await app.SignInAsync(yjj, "jx.yjj");
        await yjj.GotoAsync("/records/inspections");
        await BrowserApp.WaitInteractiveAsync(yjj);
        await yjj.GetByTestId("new-inspection").ClickAsync();
        await yjj.WaitForURLAsync(url => url.EndsWith("/records/inspections/new", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(yjj);
        await BrowserApp.ChooseAsync(yjj, "insp-kind", "抽查检查");
        await yjj.GetByTestId("insp-date").FillAsync(Day(-1));
        await BrowserApp.ChooseAsync(yjj, "insp-subject", "进贤县民和鑫达机械制造有限公司（企业·民和镇）", typed: "鑫达");
        await yjj.GetByTestId("inspector-jx.yjj2").CheckAsync();
        await yjj.GetByTestId("deficiency-no_drill").CheckAsync();
        await yjj.GetByTestId("deficiency-uncertified_special_work").CheckAsync();
        await yjj.GetByTestId("insp-notes").FillAsync("抽查企业自查自改情况：查阅动火作业票，发现焊工无证上岗；员工不熟悉逃生出口");
        await BrowserApp.ScreenshotAsync(yjj, "40-spot-check-form");
        await yjj.GetByTestId("insp-save").ClickAsync();
        await yjj.WaitForURLAsync(url => !url.EndsWith("/new", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Expect(yjj.GetByTestId("detail-deficiencies")).ToContainTextAsync("电气焊等特种作业人员无证上岗");
        await Expect(yjj.GetByTestId("detail-deficiencies")).ToContainTextAsync("未按规定开展应急演练或员工不熟悉逃生出口");
        var url = new Uri(yjj.Url).AbsolutePath;

        await yjj.GetByTestId("sign").ClickAsync();
        await Expect(yjj.GetByTestId("sign")).ToHaveCountAsync(0);
        await Expect(yjj.GetByTestId("frozen")).ToHaveCountAsync(0);

        // The second inspector finds it among the records awaiting their signature and signs.
        var yjj2 = await app.NewPageAsync();
        await app.SignInAsync(yjj2, "jx.yjj2");
        await yjj2.GotoAsync("/records/inspections");
        await BrowserApp.WaitInteractiveAsync(yjj2);
        await yjj2.GetByTestId("filter-awaiting").CheckAsync();
        await Expect(yjj2.GetByTestId("inspection-row")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(yjj2, "41-awaiting-my-signature");
        await yjj2.GotoAsync(url);
        await BrowserApp.WaitInteractiveAsync(yjj2);
        await yjj2.GetByTestId("sign").ClickAsync();
        await Expect(yjj2.GetByTestId("frozen")).ToContainTextAsync("记录已锁定");
        await Expect(yjj2.GetByTestId("signature-row")).ToHaveCountAsync(2);
        await Expect(yjj2.GetByTestId("signatures")).Not.ToContainTextAsync("未签名");
        await Expect(yjj2.GetByTestId("register-from-inspection")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(yjj2, "42-spot-check-frozen");

        // The recorder can no longer change it, only submit a correction.
        await yjj.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(yjj);
        await Expect(yjj.GetByTestId("amend")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_anonymous_report_is_turned_into_a_hazard_by_the_county_office()
    {
        var citizen = await app.NewPageAsync(phone: true);
        await citizen.GotoAsync("/public/report");
        // The place as a cascade (issue #16): province, then its counties, then the county's townships.
        await Expect(citizen.GetByTestId("report-county").Locator("option:not([hidden])")).ToHaveCountAsync(1); // only 请选择 before a province
        await citizen.GetByTestId("report-province").SelectOptionAsync("360000000000");
        await Expect(citizen.GetByTestId("report-county").Locator("option:not([hidden])", new LocatorLocatorOptions { HasText = "城口县" })).ToHaveCountAsync(0);
        await citizen.GetByTestId("report-county").SelectOptionAsync("360124000000");
        await Expect(citizen.GetByTestId("report-jurisdiction").Locator("option:not([hidden])", new LocatorLocatorOptions { HasText = "文澜街道" })).ToHaveCountAsync(0);
        await citizen.GetByTestId("report-jurisdiction").SelectOptionAsync("360124100000");
        await Expect(citizen.GetByTestId("report-identity")).ToBeHiddenAsync(); // 匿名: no name or phone asked
        await citizen.GetByTestId("report-named").CheckAsync();
        await Expect(citizen.GetByTestId("report-identity")).ToBeVisibleAsync();
        await citizen.GetByTestId("report-anonymous").CheckAsync();
        await citizen.GetByTestId("report-subject").FillAsync("民和镇老街某餐馆");
        await citizen.GetByTestId("report-location").FillAsync("民和镇老街56号");
        await citizen.GetByTestId("report-description").FillAsync("餐馆液化气钢瓶放在厨房门口通道，软管老化开裂");
        await citizen.GetByTestId("report-photos").SetInputFilesAsync(new FilePayload { Name = "gas.jpg", MimeType = "image/jpeg", Buffer = Jpeg });
        await BrowserApp.ScreenshotAsync(citizen, "43-public-report-phone");
        await citizen.GetByTestId("report-submit").ClickAsync();
        await Expect(citizen.GetByTestId("report-filed")).ToBeVisibleAsync();
        var code = (await citizen.GetByTestId("query-code").TextContentAsync())!.Trim();
        Assert.Equal(12, code.Length);
        Assert.Contains("/public/report/received", citizen.Url, StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(citizen, "44-public-report-code");

        // Reloading the confirmation, or going back and forth, files nothing again (post–redirect–get).
        await citizen.ReloadAsync();
        await Expect(citizen.GetByTestId("query-code")).ToHaveTextAsync(code);
        await citizen.GoBackAsync();
        await citizen.GoForwardAsync();
        await Expect(citizen.GetByTestId("query-code")).ToHaveTextAsync(code);
        await using (var db = app.SystemDb())
        {
            Assert.Equal(1, db.PublicReports.Count(r => r.Location == "民和镇老街56号"));
        }

        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync("/records/public-reports");
        await BrowserApp.WaitInteractiveAsync(office);
        var row = office.GetByTestId("pr-row").Filter(new LocatorFilterOptions { HasText = "民和镇老街56号" });
        await Expect(row).ToContainTextAsync("匿名");
        await row.GetByTestId("pr-open").ClickAsync();
        await Expect(office.GetByTestId("pr-detail").Locator("img")).ToHaveCountAsync(1);
        await BrowserApp.ChooseAsync(office, "pr-subject", "老街自建房", typed: "老街自建房");
        await office.GetByTestId("pr-title").FillAsync("老街餐馆液化气钢瓶软管老化");
        await office.GetByTestId("pr-person").FillAsync("民和镇 张伟");
        await office.GetByTestId("pr-deadline").FillAsync(Day(3));
        await office.GetByTestId("pr-measures").FillAsync("更换软管，钢瓶移出通道并设置专用存放间");
        await office.GetByTestId("pr-emergency").FillAsync("停用燃气灶，专人看护");
        await BrowserApp.ScreenshotAsync(office, "45-triage-report");
        await office.GetByTestId("pr-accept").ClickAsync();
        await Expect(office.GetByTestId("pr-detail")).ToContainTextAsync("已列为隐患");
        await office.GetByTestId("pr-reward").FillAsync("0.2");
        await office.GetByTestId("pr-reward-save").ClickAsync();
        await Expect(office.GetByText("奖励已记录")).ToBeVisibleAsync();
        await office.GetByTestId("pr-detail").GetByText("查看隐患").ClickAsync();
        await Expect(office.GetByTestId("hz-status")).ToHaveTextAsync("已报告");
        await Expect(office.GetByTestId("hz-photos").Locator("img")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(office, "46-hazard-from-report");

        await citizen.GotoAsync($"/public/report/status?code={code}");
        await Expect(citizen.GetByTestId("status-result")).ToContainTextAsync("经核查属实，已列入隐患整改");
        await citizen.GotoAsync("/public/report/status?code=ABCDEFGHJKLM");
        await Expect(citizen.GetByTestId("status-error")).ToContainTextAsync("查询码不正确");
    }

    [Fact]
    public async Task The_enterprise_head_signs_the_commitment_receipt()
    {
        var officer = await app.NewPageAsync();
        await app.SignInAsync(officer, "jx.ent.minhe1");
        await officer.GotoAsync("/records/commitments");
        await BrowserApp.WaitInteractiveAsync(officer);
        if (await officer.GetByTestId("prepare-receipt").CountAsync() > 0)
        {
            await officer.GetByTestId("prepare-receipt").ClickAsync();
        }

        await Expect(officer.GetByTestId("receipt")).ToContainTextAsync("进贤县应急管理局发来的《致企业主要负责人安全生产的一封信》");
        await Expect(officer.GetByTestId("sign-receipt")).ToHaveCountAsync(0);

        // 000 附件2 beside 附件3: the letter with its 五项工作要求; the receipt's 盖章 line and 备注 as the seed writes them.
        await Expect(officer.GetByTestId("letter")).ToContainTextAsync(HazardPortal.Core.Records.CampaignLetter.Title);
        await Expect(officer.GetByTestId("letter")).ToContainTextAsync(HazardPortal.Core.Records.CampaignLetter.Requirements[4]);
        await Expect(officer.GetByTestId("receipt")).ToContainTextAsync("生产经营单位名称（盖章）：");
        await Expect(officer.GetByTestId("receipt-note")).ToHaveTextAsync("备注：本承诺书一式2份，一份于5月10日前报送至行业部门，一份张贴于本单位公开栏。");
        await BrowserApp.ScreenshotAsync(officer, "106-letter-beside-receipt");

        // Printed, the receipt stands alone on the A4 page (no letter, menu or buttons).
        await officer.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Expect(officer.GetByTestId("letter")).ToBeHiddenAsync();
        await Expect(officer.GetByTestId("print-receipt")).ToBeHiddenAsync();
        await Expect(officer.GetByTestId("receipt")).ToBeVisibleAsync();
        await officer.SetViewportSizeAsync(794, 1123); // A4 at 96 dpi
        await BrowserApp.ScreenshotAsync(officer, "107-receipt-printed-a4");
        await officer.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        var head = await app.NewPageAsync(phone: true);
        await app.SignInAsync(head, "jx.ent.minhe1.head");
        await head.GotoAsync("/records/commitments");
        await BrowserApp.WaitInteractiveAsync(head);
        await head.GetByTestId("sign-receipt").ClickAsync();
        await Expect(head.GetByTestId("receipt-signed")).ToContainTextAsync("鑫达机械 总经理 吴刚");
        await BrowserApp.ScreenshotAsync(head, "47-commitment-signed-phone");

        // The county sees it returned (after 5/10 of the 2023 campaign, so late).
        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync("/records/commitments");
        await BrowserApp.WaitInteractiveAsync(office);
        await Expect(office.GetByTestId("commitments").Locator("tr").Filter(new LocatorFilterOptions { HasText = "民和鑫达机械" })).ToContainTextAsync("逾期报送");
        await BrowserApp.ScreenshotAsync(office, "48-commitment-status");
        await office.GetByTestId("commitments").Locator("tr").Filter(new LocatorFilterOptions { HasText = "民和鑫达机械" }).GetByText("逾期报送").ClickAsync();
        await Expect(office.GetByTestId("record-fields")).ToContainTextAsync("鑫达机械 总经理 吴刚");
        await Expect(office.GetByTestId("record-fields")).ToContainTextAsync("进贤县应急管理局");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
