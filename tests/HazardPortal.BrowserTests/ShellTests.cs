using HazardPortal.Core;
using HazardPortal.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>What people do on the first screens, in Chinese, in a real browser.</summary>
public class ShellTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task An_enterprise_officer_on_a_phone_sees_its_own_workbench_and_only_its_enterprise()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.ent.minhe1");
        await Expect(page.GetByTestId("home-title")).ToContainTextAsync("企业工作台");
        await Expect(page.GetByTestId("home-unit")).ToHaveTextAsync("进贤县民和鑫达机械制造有限公司");
        await Expect(page.GetByTestId("home-roles")).ToContainTextAsync("企业安全管理人员");
        await BrowserApp.ScreenshotAsync(page, "01-enterprise-home-phone");

        await page.GotoAsync("/enterprises");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("enterprise-total")).ToHaveTextAsync("共 1 家");
        await Expect(page.Locator(".hp-data-row")).ToHaveCountAsync(1);
        await Expect(page.Locator(".hp-data-row").First).ToContainTextAsync("鑫达机械");
        await BrowserApp.ScreenshotAsync(page, "02-enterprise-list-phone");
    }

    [Fact]
    public async Task A_township_cadre_sees_the_township_enterprises_and_pages_and_searches_through_them()
    {
        int expected;
        await using (var db = app.SystemDb())
        {
            var minhe = await db.Jurisdictions.Where(j => j.Code == "360124100000").Select(j => j.Path).SingleAsync();
            expected = await db.Enterprises.CountAsync(e => e.Path.IsDescendantOf(minhe));
        }

        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "jx.minhe");
        await Expect(page.GetByTestId("home-title")).ToHaveTextAsync("民和镇 · 乡镇工作台");
        await BrowserApp.ScreenshotAsync(page, "03-township-home");

        await page.GetByText("辖区企业").ClickAsync();
        await Expect(page.GetByTestId("enterprise-total")).ToHaveTextAsync($"共 {expected} 家");
        await Expect(page.Locator(".hp-data-row")).ToHaveCountAsync(20);
        var rows = await page.Locator(".hp-data-row td:first-child").AllInnerTextsAsync();
        Assert.All(rows, r => Assert.Contains("民和", r, StringComparison.Ordinal));
        var firstOnPageOne = rows[0];
        await BrowserApp.ScreenshotAsync(page, "04-township-enterprises");

        // The pager is an interactive control: the next page comes over the circuit.
        await page.GetByRole(AriaRole.Button, new() { Name = "下一页" }).ClickAsync();
        await Expect(page.Locator(".hp-data-row")).ToHaveCountAsync(expected - 20);
        Assert.NotEqual(firstOnPageOne, await page.Locator(".hp-data-row td:first-child").First.InnerTextAsync());

        await page.GetByTestId("enterprise-search").FillAsync("鑫达机械");
        await page.GetByTestId("enterprise-search-button").ClickAsync();
        await Expect(page.GetByTestId("enterprise-total")).ToHaveTextAsync("共 1 家");
        await BrowserApp.ScreenshotAsync(page, "05-township-search");
    }

    [Fact]
    public async Task The_county_office_sees_the_whole_county_and_expands_the_tree()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "jx.office");
        await Expect(page.GetByTestId("home-title")).ToHaveTextAsync("进贤县安委办 · 安委办工作台");
        await BrowserApp.ScreenshotAsync(page, "06-county-home");

        int expected;
        await using (var db = app.SystemDb())
        {
            var jinxian = await db.Jurisdictions.Where(j => j.Code == "360124000000").Select(j => j.Path).SingleAsync();
            expected = await db.Enterprises.CountAsync(e => e.Path.IsDescendantOf(jinxian));
        }

        Assert.True(expected > 60);
        await page.GotoAsync("/enterprises");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("enterprise-total")).ToHaveTextAsync($"共 {expected} 家");
        await Expect(page.Locator(".hp-data-row td:first-child").First).ToContainTextAsync("进贤县");

        await page.GotoAsync("/jurisdictions");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-code='360124000000']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-code='360124100000']")).ToHaveCountAsync(0);
        await page.GetByTestId("tree-toggle").First.ClickAsync();
        await Expect(page.Locator("[data-code='360124100000']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-code='360124101000']")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-code='532503000000']")).ToHaveCountAsync(0);
        await BrowserApp.ScreenshotAsync(page, "07-county-tree");

        // The office switches 李渡镇's villages on from the NBS list: the township's row then expands to its 19.
        await page.Locator("[data-code='360124101000']").ClickAsync();
        await page.GetByTestId("tree-add-villages").ClickAsync();
        await Expect(page.GetByTestId("tree-villages-result")).ToHaveTextAsync("李渡镇：统计用区划代码列出村（社区）19 个，本次新接入 19 个");
        await Expect(page.GetByTestId("jurisdiction-detail")).ToContainTextAsync("下级 19 个");
        await page.Locator(".hp-tree-row", new() { Has = page.Locator("[data-code='360124101000']") }).GetByTestId("tree-toggle").ClickAsync();
        await Expect(page.Locator("[data-code^='360124101']").Nth(19)).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "07b-county-tree-villages");
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Chinese_error_and_keeps_the_user_name()
    {
        var page = await app.NewPageAsync(phone: true);
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "jx.minhe");
        await page.FillAsync("#password", "wrong-password");
        await page.ClickAsync("button[type=submit]");
        // The warning before the lockout (issue #16): how many tries are left.
        await Expect(page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误，还可尝试 4 次，之后账号将被锁定");
        await Expect(page.Locator("#userName")).ToHaveValueAsync("jx.minhe");
        await BrowserApp.ScreenshotAsync(page, "08-login-error");
    }

    [Fact]
    public async Task Admin_creates_an_account_for_Lidu_and_the_new_user_signs_in()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin");
        await page.GotoAsync("/admin/users");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.GetByTestId("new-username").FillAsync("lidu.clerk");
        await page.GetByTestId("new-displayname").FillAsync("李渡镇 王小红");
        await page.GetByTestId("new-password").FillAsync("Lidu#2023x");
        await BrowserApp.ChooseAsync(page, "binding", "李渡镇人民政府", typed: "李渡镇人民政府");
        await BrowserApp.ScreenshotAsync(page, "09-admin-create-user");
        await page.GetByTestId("create-user").ClickAsync();
        await Expect(page.GetByTestId("user-grid")).ToContainTextAsync("lidu.clerk");
        await BrowserApp.ScreenshotAsync(page, "10-admin-user-created");

        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/account/login", StringComparison.Ordinal));
        // The administrator chose the password: the first sign-in asks for the user's own (issue #16 §7).
        await page.GotoAsync("/account/login");
        await page.FillAsync("#userName", "lidu.clerk");
        await page.FillAsync("#password", "Lidu#2023x");
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(url => url.Contains("/account/password", StringComparison.Ordinal));
        await page.GetByTestId("new-password").FillAsync("Wxh#2023lidu");
        await page.GetByTestId("confirm-password").FillAsync("Wxh#2023lidu");
        await BrowserApp.ScreenshotAsync(page, "11a-first-sign-in-new-password");
        await page.GetByTestId("password-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/", StringComparison.Ordinal));
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("home-unit")).ToHaveTextAsync("李渡镇人民政府");
        await Expect(page.GetByTestId("home-roles")).ToContainTextAsync("尚未分配角色");
        await BrowserApp.ScreenshotAsync(page, "11-new-user-home");
    }

    [Fact]
    public async Task An_admin_form_with_a_bad_credit_code_shows_the_reason_in_Chinese()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "admin");
        await page.GotoAsync("/admin/enterprises");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.GetByTestId("ent-name").FillAsync("测试企业");
        await page.GetByTestId("ent-uscc").FillAsync("91360124MA1NH7351Y");
        await page.GetByTestId("ent-save").ClickAsync();
        await Expect(page.GetByTestId("form-errors")).ToContainTextAsync("校验位错误");
        await Expect(page.Locator(".mud-input-error")).Not.ToHaveCountAsync(0); // the message also stands at its field
        await BrowserApp.ScreenshotAsync(page, "12-admin-enterprise-error");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
