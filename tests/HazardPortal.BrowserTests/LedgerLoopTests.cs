using HazardPortal.Tests;
using HazardPortal.Core.Hazards;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>The closed loop in the browser: an enterprise on a phone, the department, the county office, a stranger.</summary>
public class LedgerLoopTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static readonly byte[] Jpeg = TestImages.Jpeg();

    private static string Day(int offset) => ChinaTime.Today(TimeProvider.System).AddDays(offset).ToString("yyyy-MM-dd");

    [Fact]
    public async Task A_major_hazard_goes_from_a_phone_photo_to_verification_supervision_and_removal()
    {
        const string title = "三号冲床光电保护被短接";

        // 1. The enterprise officer registers it on a phone with a photo and the 五落实, then reports it.
        var officer = await app.NewPageAsync(phone: true);
        await app.SignInAsync(officer, "jx.ent.minhe1");
        await officer.GotoAsync("/hazards");
        await BrowserApp.WaitInteractiveAsync(officer);
        await officer.GetByTestId("register-hazard").ClickAsync();
        await officer.GetByTestId("hz-title").FillAsync(title);
        await officer.GetByTestId("hz-description").FillAsync("三号冲床光电保护装置被短接，存在断指风险");
        await officer.GetByTestId("hz-location").FillAsync("冲压车间三号冲床");
        await officer.GetByTestId("hz-found").FillAsync(Day(-2));
        await BrowserApp.ChooseAsync(officer, "hz-standard", "工贸企业重大事故隐患判定标准");
        await officer.GetByTestId("hz-clause").FillAsync("第十条");
        await officer.GetByTestId("plan-person").FillAsync("周磊");
        await officer.GetByTestId("plan-funds").FillAsync("3000");
        await officer.GetByTestId("plan-deadline").FillAsync(Day(15));
        await officer.GetByTestId("plan-measures").FillAsync("恢复光电保护并加装钥匙开关");
        await officer.GetByTestId("plan-emergency").FillAsync("停用三号冲床，设置警戒");
        await officer.GetByTestId("hz-photos").SetInputFilesAsync(new FilePayload { Name = "before.jpg", MimeType = "image/jpeg", Buffer = Jpeg });
        await Expect(officer.GetByTestId("hz-photo-count")).ToHaveTextAsync("已选择 1 张照片");
        await BrowserApp.ScreenshotAsync(officer, "20-register-hazard-phone");
        await officer.GetByTestId("hz-save").ClickAsync();
        await officer.WaitForURLAsync(url => url.Contains("/hazards/", StringComparison.Ordinal) && !url.EndsWith("/new", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Expect(officer.GetByTestId("hz-status")).ToHaveTextAsync("已登记");
        await Expect(officer.GetByTestId("hz-photos").Locator("img")).ToHaveCountAsync(1);
        var hazardUrl = new Uri(officer.Url).AbsolutePath;

        await officer.GetByTestId("act-report").ClickAsync();
        await officer.GetByTestId("act-submit").ClickAsync();
        await Expect(officer.GetByTestId("hz-status")).ToHaveTextAsync("已报告");
        await Expect(officer.GetByTestId("hz-routes")).ToContainTextAsync("进贤县应急管理局");
        await BrowserApp.ScreenshotAsync(officer, "21-hazard-reported-phone");

        // 2. The department sees it in its queue; nothing to verify yet.
        var inspector = await app.NewPageAsync();
        await app.SignInAsync(inspector, "jx.yjj");
        await inspector.GotoAsync("/hazards");
        await BrowserApp.WaitInteractiveAsync(inspector);
        await Expect(inspector.GetByTestId("hazard-table")).ToContainTextAsync(title);
        await BrowserApp.ScreenshotAsync(inspector, "22-department-queue");
        await inspector.GetByText(title).ClickAsync();
        await Expect(inspector.GetByTestId("hz-status")).ToHaveTextAsync("已报告");
        await Expect(inspector.GetByTestId("act-verify")).ToHaveCountAsync(0);

        // 3. The enterprise records the rectification with an after-photo.
        await officer.GetByTestId("act-rectify").ClickAsync();
        await officer.GetByTestId("f-text").FillAsync("已恢复光电保护，加装钥匙开关，钥匙由班长保管");
        await officer.GetByTestId("f-photos").SetInputFilesAsync(new FilePayload { Name = "after.jpg", MimeType = "image/jpeg", Buffer = Jpeg });
        await officer.GetByTestId("act-submit").ClickAsync();
        await Expect(officer.GetByTestId("hz-status")).ToHaveTextAsync("已整改");
        await Expect(officer.GetByTestId("hz-photos").Locator("img")).ToHaveCountAsync(2);
        await Expect(officer.GetByTestId("act-verify")).ToHaveCountAsync(0);

        // 4. The county office tags it 挂牌督办.
        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync(hazardUrl);
        await BrowserApp.WaitInteractiveAsync(office);
        await office.GetByTestId("act-supervise").ClickAsync();
        await office.GetByTestId("act-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(office, "挂牌督办");
        await Expect(office.GetByTestId("hz-supervised")).ToHaveTextAsync("县级挂牌督办");
        await Expect(office.GetByTestId("act-unsupervise")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(office, "23-county-supervises");

        // 5. The department verifies it as the signed-in acceptor.
        await inspector.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(inspector);
        await inspector.GetByTestId("act-verify").ClickAsync();
        await inspector.GetByTestId("act-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(inspector, "验收销号");
        await Expect(inspector.GetByTestId("hz-status")).ToHaveTextAsync("已验收销号");
        await Expect(inspector.GetByTestId("hz-acceptor")).ToContainTextAsync("王建国");
        await BrowserApp.ScreenshotAsync(inspector, "24-department-verified");

        // 6. The office removes the tag after verification.
        await office.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(office);
        await office.GetByTestId("act-unsupervise").ClickAsync();
        await office.GetByTestId("act-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(office, "摘牌");
        await Expect(office.GetByTestId("hz-supervised")).ToHaveCountAsync(0);
        await Expect(office.GetByTestId("hz-history")).ToContainTextAsync("摘牌");
        await BrowserApp.ScreenshotAsync(office, "25-county-removed-tag");

        // 7. An enterprise of another township never sees it.
        var stranger = await app.NewPageAsync(phone: true);
        await app.SignInAsync(stranger, "jx.ent.lidu1");
        await stranger.GotoAsync("/hazards");
        await BrowserApp.WaitInteractiveAsync(stranger);
        await Expect(stranger.GetByTestId("hazard-total")).ToContainTextAsync("共");
        await Expect(stranger.GetByTestId("hazard-table")).Not.ToContainTextAsync(title);
        await stranger.GotoAsync(hazardUrl);
        await BrowserApp.WaitInteractiveAsync(stranger);
        await Expect(stranger.GetByText("隐患不存在或不在您的管辖范围内")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(stranger, "26-stranger-not-found");
    }

    [Fact]
    public async Task A_stale_action_keeps_the_users_input_and_says_so_in_Chinese()
    {
        var officer = await app.NewPageAsync();
        await app.SignInAsync(officer, "jx.ent.minhe2");
        await officer.GotoAsync("/hazards/new");
        await BrowserApp.WaitInteractiveAsync(officer);
        await officer.GetByTestId("hz-title").FillAsync("液氨储罐压力表超期未检");
        await officer.GetByTestId("plan-person").FillAsync("赵敏");
        await officer.GetByTestId("plan-funds").FillAsync("800");
        await officer.GetByTestId("plan-deadline").FillAsync(Day(10));
        await officer.GetByTestId("plan-measures").FillAsync("送检压力表");
        await officer.GetByTestId("plan-emergency").FillAsync("加强巡检");
        await officer.GetByTestId("hz-save").ClickAsync();
        await Expect(officer.GetByTestId("hz-status")).ToHaveTextAsync("已登记");
        await officer.GetByTestId("act-extend").ClickAsync();

        // Meanwhile someone else reports it in another window.
        var other = await app.NewPageAsync();
        await app.SignInAsync(other, "jx.ent.minhe2");
        await other.GotoAsync(new Uri(officer.Url).AbsolutePath);
        await BrowserApp.WaitInteractiveAsync(other);
        await other.GetByTestId("act-report").ClickAsync();
        await other.GetByTestId("act-submit").ClickAsync();
        await Expect(other.GetByTestId("hz-status")).ToHaveTextAsync("已报告");

        await officer.GetByTestId("f-newdeadline").FillAsync(Day(40));
        await officer.GetByTestId("act-submit").ClickAsync();
        await Expect(officer.GetByTestId("form-errors")).ToContainTextAsync("已被他人修改");
        await Expect(officer.GetByTestId("f-newdeadline")).ToHaveValueAsync(Day(40));
        await BrowserApp.ScreenshotAsync(officer, "27-stale-version");
    }

    [Fact]
    public async Task A_half_filled_registration_survives_a_closed_tab_and_is_gone_once_saved()
    {
        var first = await app.NewPageAsync(phone: true);
        await app.SignInAsync(first, "jx.ent.minhe1.head");
        await first.GotoAsync("/hazards/new");
        await BrowserApp.WaitInteractiveAsync(first);
        await first.GetByTestId("hz-title").FillAsync("锅炉安全阀超期未校验");
        await first.GetByTestId("plan-measures").FillAsync("联系特检院校验安全阀");
        await first.WaitForTimeoutAsync(3500);
        await first.Context.CloseAsync();

        var second = await app.NewPageAsync(phone: true);
        await app.SignInAsync(second, "jx.ent.minhe1.head");
        await second.GotoAsync("/hazards/new");
        await BrowserApp.WaitInteractiveAsync(second);
        await Expect(second.GetByTestId("draft-restored")).ToBeVisibleAsync();
        await Expect(second.GetByTestId("hz-title")).ToHaveValueAsync("锅炉安全阀超期未校验");
        await Expect(second.GetByTestId("plan-measures")).ToHaveValueAsync("联系特检院校验安全阀");
        await BrowserApp.ScreenshotAsync(second, "28-draft-restored-phone");

        await second.GetByTestId("plan-person").FillAsync("吴刚");
        await second.GetByTestId("plan-funds").FillAsync("1200");
        await second.GetByTestId("plan-deadline").FillAsync(Day(12));
        await second.GetByTestId("plan-emergency").FillAsync("停用锅炉");
        await second.GetByTestId("hz-save").ClickAsync();
        await Expect(second.GetByTestId("hz-status")).ToHaveTextAsync("已登记");

        await second.GotoAsync("/hazards/new");
        await BrowserApp.WaitInteractiveAsync(second);
        await Expect(second.GetByTestId("hz-title")).ToHaveValueAsync(string.Empty);
        await Expect(second.GetByTestId("draft-restored")).ToHaveCountAsync(0);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
