using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>
/// Issue #17 in the browser, with the thumb on a 390 px phone where that is how it is used: the 排查表 page reached from
/// the township's dispatch home with its before-photos, reported by the 30th; the enterprise's 内部公示 reached by the
/// menu and published, then seen by its township; a major hazard's 责任部门 and 验收单位 on the registration form;
/// the campaign's phases of every level.
/// </summary>
public class SeedPapersFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    /// <summary>Opens the menu if it is closed (a phone), then follows the entry.</summary>
    private static async Task MenuAsync(IPage page, string testId)
    {
        if (await page.GetByTestId("sidebar").GetAttributeAsync("data-open") != "true")
        {
            await page.GetByTestId("sidebar-toggle").ClickAsync();
        }

        await Expect(page.GetByTestId("sidebar")).ToHaveAttributeAsync("data-open", "true");
        await page.GetByTestId(testId).ClickAsync();
        await BrowserApp.WaitInteractiveAsync(page);
    }

    [Fact]
    public async Task The_township_opens_its_inspection_sheet_from_the_dispatch_home_sees_the_photos_and_reports_the_month()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "gc.cadre");
        await MenuAsync(page, "nav-dispatch");
        // The dispatch home opens on the campaign's last period (December 2023, never reported) and links to its sheet.
        await Expect(page.GetByTestId("my-sheet-state")).ToContainTextAsync("逾期未报");
        await page.GetByTestId("open-sheet").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/hazards/inspection-list?month=", StringComparison.Ordinal));
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("sheet-status")).ToContainTextAsync("逾期未报");
        await page.GotoAsync("/hazards/inspection-list?month=2023-06");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("sheet-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("sheet-photo").First).ToBeVisibleAsync();
        Assert.True(await page.GetByTestId("sheet-photo").First.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the before-photo loads");
        await Expect(page.GetByTestId("sheet-note")).ToHaveTextAsync("注：本表5月份开始上报，每月30日前上报本月隐患排查情况。");
        await Expect(page.GetByTestId("sheet-status")).ToContainTextAsync("已上报");
        await BrowserApp.ScreenshotAsync(page, "100-inspection-sheet-phone");

        // August is overdue and not reported: the cadre reports it now, late.
        await page.GotoAsync("/hazards/inspection-list?month=2023-08");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("sheet-status")).ToContainTextAsync("逾期未报");
        await page.GetByTestId("sheet-file").ClickAsync();
        await BrowserApp.ConfirmAsync(page, "上报");
        await Expect(page.GetByTestId("sheet-status")).ToContainTextAsync("逾期上报");
        await Expect(page.GetByTestId("sheet-file")).ToHaveCountAsync(0);

        var desktop = await app.NewPageAsync();
        await app.SignInAsync(desktop, "gc.cadre");
        await desktop.GotoAsync("/hazards/inspection-list?month=2023-06");
        await BrowserApp.WaitInteractiveAsync(desktop);
        await Expect(desktop.GetByTestId("sheet-photo").First).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(desktop, "101-inspection-sheet-desktop");
    }

    [Fact]
    public async Task The_enterprise_publishes_its_internal_notice_by_the_menu_and_its_township_sees_the_record()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.ent.minhe2");
        await MenuAsync(page, "nav-hazards-notice");
        await Expect(page.GetByTestId("notice")).ToContainTextAsync("重大事故隐患排查整治情况公示");
        await Expect(page.GetByTestId("notice-open")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("notice-rectified")).ToBeVisibleAsync();
        await page.GetByTestId("notice-publish").ClickAsync();
        await Expect(page.GetByTestId("notice-period")).ToContainTextAsync("发布");
        await Expect(page.GetByTestId("notice-history").Locator("tbody tr")).ToHaveCountAsync(1);
        await BrowserApp.ScreenshotAsync(page, "102-internal-notice-phone");

        var township = await app.NewPageAsync();
        await app.SignInAsync(township, "jx.minhe");
        await MenuAsync(township, "nav-records-hazard-notices");
        await Expect(township.GetByTestId("notice-row").First).ToContainTextAsync("恒通化工");
        await BrowserApp.ScreenshotAsync(township, "103-internal-notices-township");
        await township.GetByTestId("notice-row").First.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(township.GetByTestId("notice-period")).ToContainTextAsync("恒通化工 安全员");
    }

    [Fact]
    public async Task A_major_hazard_s_form_names_its_department_and_acceptor_and_the_phases_of_every_level_show()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "jx.ent.minhe1");
        await page.GotoAsync("/hazards/new");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("assignees")).ToBeVisibleAsync();
        Assert.Equal("进贤县应急管理局（牵头部门）", await SelectedAsync(page, "hz-department"));
        Assert.Equal("进贤县应急管理局（牵头部门）", await SelectedAsync(page, "hz-accepting"));
        await BrowserApp.ChooseAsync(page, "hz-accepting", "民和镇人民政府（属地乡镇）");
        Assert.Equal("民和镇人民政府（属地乡镇）", await SelectedAsync(page, "hz-accepting"));
        await BrowserApp.ScreenshotAsync(page, "104-register-acceptor");

        var cadre = await app.NewPageAsync(phone: true);
        await app.SignInAsync(cadre, "gc.cadre");
        await MenuAsync(cadre, "nav-campaigns");
        await Expect(cadre.GetByTestId("phases")).ToHaveCountAsync(2);
        await Expect(cadre.GetByText("国务院安委会 阶段安排")).ToBeVisibleAsync();
        await Expect(cadre.GetByTestId("phases").First).ToContainTextAsync("部门精准执法");
        await Expect(cadre.GetByTestId("phases").Nth(1)).ToContainTextAsync("集中排查");
        await Expect(cadre.GetByTestId("phases").Nth(1)).ToContainTextAsync("2023年8月底前");
        await Expect(cadre.GetByTestId("sidebar")).ToHaveAttributeAsync("data-open", "false"); // the menu has closed over the page
        var overflow = await cadre.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the phases are {overflow}px wider than the phone");
        await cadre.WaitForTimeoutAsync(400); // the drawer's closing slide
        await BrowserApp.ScreenshotAsync(cadre, "105-campaign-phases-phone");
    }

    /// <summary>The text a MudSelect shows for its value.</summary>
    private static Task<string> SelectedAsync(IPage page, string testId) =>
        page.GetByTestId(testId).EvaluateAsync<string>("el => (el.closest('.mud-input-control') ?? el).querySelector('input')?.value ?? ''");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
