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
        // The records' groups follow the hazards': the receipt not yet filled, and the duties each linking to its list.
        await Expect(todo.GetByTestId("todo-commitment")).ToHaveAttributeAsync("href", "/records/commitments");
        await Expect(todo.GetByTestId("todo-duty").Filter(new LocatorFilterOptions { HasText = "应急演练" }).First).ToHaveAttributeAsync("href", "/records/drills");
        await Expect(todo.GetByTestId("todo-duty").Filter(new LocatorFilterOptions { HasText = "主要负责人带队检查" }).First).ToHaveAttributeAsync("href", "/records/inspections");
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

    [Fact]
    public async Task The_supervision_list_and_the_township_check_read_on_a_phone()
    {
        // The county hands a public report to 民和镇 through the API; the cadre replies on a phone.
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        (await http.PostAsJsonAsync("/api/v1/public/reports", new
        {
            jurisdictionCode = "360124000000", location = "民和镇农贸市场东侧", description = "市场冷库氨制冷机房无人值守，门口有氨味", anonymous = true,
            token = Guid.NewGuid().ToString("N"),
        })).EnsureSuccessStatusCode();
        using var office = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        var token = await (await office.PostAsJsonAsync("/api/v1/auth/token", new { userName = "jx.office", password = "Demo#2023" })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        office.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var report = (await office.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/public-reports")).EnumerateArray()
            .First(r => r.GetProperty("location").GetString() == "民和镇农贸市场东侧");
        var due = HazardPortal.Core.Hazards.ChinaTime.Today(TimeProvider.System).AddDays(5).ToString("yyyy-MM-dd");
        (await office.PostAsJsonAsync($"/api/v1/public-reports/{report.GetProperty("id").GetGuid()}/assign", new { township = "360124100000", dueOn = due })).EnsureSuccessStatusCode();

        var cadre = await app.NewPageAsync(phone: true);
        await app.SignInAsync(cadre, "jx.minhe");
        await cadre.GotoAsync("/records/public-reports/checks");
        await BrowserApp.WaitInteractiveAsync(cadre);
        var row = cadre.GetByTestId("check-row").Filter(new LocatorFilterOptions { HasText = "民和镇农贸市场东侧" });
        await Expect(row).ToContainTextAsync("乡镇核查中");
        await row.GetByTestId("check-findings").FillAsync("现场核实：冷库氨制冷机房确无人值守，已责令安排专人值守并检修阀门");
        await BrowserApp.ScreenshotAsync(cadre, "96-phone-township-check");
        await row.GetByTestId("check-reply").ClickAsync();
        await Expect(cadre.GetByTestId("check-row").Filter(new LocatorFilterOptions { HasText = "民和镇农贸市场东侧" })).ToContainTextAsync("已回复");

        var county = await app.NewPageAsync(phone: true);
        await app.SignInAsync(county, "jx.office");
        await county.GotoAsync("/supervision");
        await BrowserApp.WaitInteractiveAsync(county);
        await Expect(county.GetByTestId("supervision-summary")).ToContainTextAsync("按督办期限排序");
        var first = county.GetByTestId("supervision-row").First;
        await Expect(first).ToBeVisibleAsync();
        var box = (await first.BoundingBoxAsync())!;
        Assert.True(box.Width <= 390, $"row {box.Width}px wide on a 390 px phone");
        await BrowserApp.ScreenshotAsync(county, "97-phone-supervision-list");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
