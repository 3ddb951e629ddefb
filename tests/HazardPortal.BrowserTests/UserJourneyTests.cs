using System.Net.Http.Json;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>
/// The journeys of issue #16 as their users make them: the county office presses 催报 and the township hears of it;
/// the enterprise opens an overdue hazard from its to-do list on a phone; the SecurityAdmin unlocks an account at
/// 1366 px and the auditor finds it by searching 解锁.
/// </summary>
public class UserJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_county_office_presses_remind_and_the_township_sees_it()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "jx.office");
        await page.GotoAsync("/dispatch/board?parent=360124000000&template=JX-COUNTY-2023&period=2023-11");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("board-overdue").First).ToBeVisibleAsync(); // November's due day is long past
        await page.GetByTestId("remind").ClickAsync();
        await BrowserApp.ConfirmAsync(page, "催报");
        await Expect(page.GetByTestId("board-reminded").First).ToContainTextAsync("已催报");
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("已催报");
        await BrowserApp.ScreenshotAsync(page, "90-board-reminded");

        var township = await app.NewPageAsync(phone: true);
        await app.SignInAsync(township, "jx.minhe");
        await township.GotoAsync("/notifications");
        await Expect(township.GetByText(new System.Text.RegularExpressions.Regex("催报：请于.*2023-11"))).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(township, "91-phone-township-reminded");
    }

    [Fact]
    public async Task The_enterprise_opens_an_overdue_hazard_from_its_to_do_list_on_a_phone()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.ent.minhe1");
        var todo = page.GetByTestId("todo");
        await Expect(todo).ToContainTextAsync("逾期未整改");
        await BrowserApp.ScreenshotAsync(page, "92-phone-enterprise-todo");
        var first = todo.GetByTestId("todo-hazard").First;
        var title = await first.InnerTextAsync();
        await first.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/hazards/", StringComparison.Ordinal));
        await Expect(page.Locator("h1")).ToContainTextAsync(title);
        await BrowserApp.ScreenshotAsync(page, "93-phone-enterprise-todo-opened");
    }

    [Fact]
    public async Task The_security_admin_unlocks_at_1366_and_the_auditor_finds_it_by_searching_unlock()
    {
        using (var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) })
        {
            for (var i = 0; i < 5; i++)
            {
                await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.lidu", password = "wrong#Pass1" });
            }
        }

        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await app.SignInAsync(page, "secadmin");
        await page.GotoAsync("/security/users");
        await BrowserApp.WaitInteractiveAsync(page);
        var unlock = page.GetByTestId("unlock-jx.lidu");
        await Expect(unlock).ToBeVisibleAsync();
        await unlock.ScrollIntoViewIfNeededAsync();
        var box = (await unlock.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= 1366, $"解锁 ends at {box.X + box.Width}px");
        var edit = (await page.GetByTestId("edit-roles-jx.lidu").BoundingBoxAsync())!;
        Assert.True(edit.X + edit.Width <= 1366, $"分配角色 ends at {edit.X + edit.Width}px");
        await BrowserApp.ScreenshotAsync(page, "94-security-users-1366");
        await unlock.ClickAsync();
        await Expect(page.GetByTestId("unlock-jx.lidu")).ToHaveCountAsync(0);

        var auditor = await app.NewPageAsync();
        await app.SignInAsync(auditor, "auditor");
        await auditor.GotoAsync("/audit");
        await BrowserApp.WaitInteractiveAsync(auditor);
        await auditor.GetByTestId("audit-q").FillAsync("解锁");
        await auditor.GetByTestId("audit-search").ClickAsync();
        var row = auditor.GetByTestId("audit-grid").Locator("tbody tr").First;
        await Expect(row.GetByTestId("audit-action-name")).ToHaveTextAsync("解锁账号");
        await Expect(row.GetByTestId("audit-subject-name")).ToHaveTextAsync("jx.lidu");
        await Expect(row).ToContainTextAsync("锁定至");
        await BrowserApp.ScreenshotAsync(auditor, "95-auditor-search-unlock");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
