using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>
/// What people do with their thumb: the menu at 390×844 and at 1366×768, the ledger's cards, the dispatch
/// form one item per row, a dropped connection in the middle of a form, dates and confirmations (issue #14).
/// </summary>
public class PhoneAndShellTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private static async Task OpenMenuAsync(IPage page)
    {
        await page.GetByTestId("sidebar-toggle").ClickAsync();
        await Expect(page.GetByTestId("sidebar")).ToHaveAttributeAsync("data-open", "true");
        await Expect(page.GetByTestId("nav-menu")).ToBeInViewportAsync();
    }

    private static async Task ExpectMenuClosedAsync(IPage page)
    {
        await Expect(page.GetByTestId("sidebar")).ToHaveAttributeAsync("data-open", "false");
        await Expect(page.GetByTestId("nav-menu")).Not.ToBeInViewportAsync();
    }

    /// <summary>From the closed menu on a phone to the dispatch home's August 2023 forms and boards.</summary>
    private static async Task DispatchByMenuAsync(IPage page)
    {
        await ExpectMenuClosedAsync(page);
        await OpenMenuAsync(page);
        await page.GetByTestId("nav-dispatch").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/dispatch", StringComparison.Ordinal));
        await ExpectMenuClosedAsync(page);
        await BrowserApp.WaitInteractiveAsync(page);
        await page.GetByTestId("dispatch-period").FillAsync("2023-08");
        await page.GetByTestId("dispatch-period").DispatchEventAsync("change");
    }

    [Fact]
    public async Task A_county_office_on_a_phone_taps_a_township_and_its_panel_comes_into_view()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.office");
        await page.GotoAsync("/jurisdictions");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.GetByTestId("tree-toggle").First.ClickAsync();
        // 民和镇, the county's first township: its panel is below thirty-odd rows of tree on a 390 px screen.
        await page.Locator("[data-code='360124100000']").ClickAsync();
        await Expect(page.GetByTestId("jurisdiction-detail")).ToContainTextAsync("民和镇");
        await Expect(page.GetByTestId("tree-add-villages")).ToBeInViewportAsync();
        await BrowserApp.ScreenshotAsync(page, "72-phone-tree-township");

        // The node counts this page's circuit, connected (GET /diagnostics/circuits, loopback only — this is Kestrel's socket).
        using var http = new HttpClient();
        var circuits = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(app.BaseUrl + "/diagnostics/circuits")).RootElement;
        Assert.True(circuits.GetProperty("open").GetInt32() >= 1, circuits.ToString());
        Assert.True(circuits.GetProperty("connected").GetInt32() >= 1, circuits.ToString());
    }

    [Fact]
    public async Task An_enterprise_officer_on_a_phone_reaches_the_ledger_by_the_menu_and_sees_cards_with_deadlines()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.ent.minhe1");
        await ExpectMenuClosedAsync(page);
        await OpenMenuAsync(page);
        await BrowserApp.ScreenshotAsync(page, "70-phone-menu-open");
        await page.GetByTestId("nav-hazards").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/hazards", StringComparison.Ordinal));
        await ExpectMenuClosedAsync(page);

        var card = page.GetByTestId("hazard-row").First;
        await Expect(card).ToBeVisibleAsync();
        await Expect(card.GetByTestId("hazard-deadline")).ToBeInViewportAsync();
        await Expect(card.GetByTestId("hazard-deadline")).ToHaveTextAsync(new Regex(@"整改期限 (\d{4}-\d{2}-\d{2}|—)"));
        var box = (await card.BoundingBoxAsync())!;
        Assert.True(box.Width <= 390, $"card {box.Width}px wide");
        Assert.True(box.Height < 140, $"card {box.Height}px tall");

        // An enterprise sees only itself: its own name is not repeated on every card.
        Assert.DoesNotContain("鑫达机械", await card.InnerTextAsync(), StringComparison.Ordinal);
        await BrowserApp.ScreenshotAsync(page, "71-phone-ledger-cards");

        // The home page links to the work itself.
        await OpenMenuAsync(page);
        await page.GetByTestId("nav-home").ClickAsync();
        await page.GetByTestId("home-duty").Filter(new LocatorFilterOptions { HasText = "本企业隐患台账" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/hazards", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_township_cadre_on_a_phone_opens_the_form_by_the_menu_one_item_per_row_two_cells_under_one_label()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.minhe");
        await DispatchByMenuAsync(page);
        await page.GetByTestId("open-JX-COUNTY-2023").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dispatch/forms/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(page);

        // One item per row: each label sits above its input and the input fits the screen.
        var group = page.GetByTestId("item-group").First;
        var label = (await group.Locator(".hp-item-label").BoundingBoxAsync())!;
        var input = (await group.GetByTestId("value").First.BoundingBoxAsync())!;
        Assert.True(label.Y + label.Height <= input.Y + 1, "the label is above its input");
        Assert.True(input.X + input.Width <= 390, "the input is on screen");
        Assert.True(label.Width > 250, $"the label is {label.Width}px wide, not squeezed into a column");

        // 行政处罚(次, 万元): one label, two inputs with their own units; 举报奖励 names its 其中 cell.
        var penalty = page.GetByTestId("item-group").Filter(new LocatorFilterOptions { HasText = "行政处罚" }).First;
        await Expect(penalty.Locator(".hp-item-label")).ToHaveCountAsync(1);
        await Expect(penalty.GetByTestId("item-row")).ToHaveCountAsync(2);
        await Expect(penalty.GetByTestId("item-row").Nth(0).Locator(".hp-cell-unit")).ToHaveTextAsync("次");
        await Expect(penalty.GetByTestId("item-row").Nth(1).Locator(".hp-cell-unit")).ToHaveTextAsync("万元");
        var rewards = page.GetByTestId("item-group").Filter(new LocatorFilterOptions { HasText = "举报奖励" }).First;
        await Expect(rewards.GetByTestId("cell-caption")).ToHaveTextAsync("其中匿名举报查实奖励");
        await BrowserApp.ScreenshotAsync(page, "72-phone-dispatch-form");
    }

    [Fact]
    public async Task The_county_office_on_a_phone_reaches_the_board_by_the_menu()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.office");
        await DispatchByMenuAsync(page);
        await page.GetByTestId("board-JX-COUNTY-2023").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dispatch/board", StringComparison.Ordinal));
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("board-row").Filter(new LocatorFilterOptions { HasText = "民和镇" })).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "73-phone-board");
    }

    [Fact]
    public async Task On_a_desktop_the_menu_hides_and_comes_back()
    {
        var page = await app.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await app.SignInAsync(page, "jx.office");
        await Expect(page.GetByTestId("sidebar")).ToHaveAttributeAsync("data-open", "true");
        await Expect(page.GetByTestId("nav-menu")).ToBeInViewportAsync();
        await page.GetByTestId("sidebar-toggle").ClickAsync();
        await ExpectMenuClosedAsync(page);
        await BrowserApp.ScreenshotAsync(page, "74-desktop-menu-hidden");
        await page.GetByTestId("sidebar-toggle").ClickAsync();
        await Expect(page.GetByTestId("nav-menu")).ToBeInViewportAsync();
        await page.GetByTestId("nav-hazards").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/hazards", StringComparison.Ordinal));
        await Expect(page.GetByTestId("nav-menu")).ToBeInViewportAsync(); // a persistent menu stays open on a desktop
    }

    [Fact]
    public async Task A_dropped_connection_mid_form_shows_the_Chinese_dialog_and_resumes_with_the_typed_values()
    {
        var page = await app.NewPageAsync(phone: true);

        // Playwright's offline mode does not cut an open WebSocket: route the circuit's socket through the
        // test so that it can be dropped together with the network.
        IWebSocketRoute? circuit = null;
        await page.RouteWebSocketAsync(new Regex("/_blazor"), ws =>
        {
            ws.ConnectToServer();
            circuit = ws;
        });
        await app.SignInAsync(page, "jx.lidu");
        await page.GotoAsync("/dispatch");
        await BrowserApp.WaitInteractiveAsync(page);
        await page.GetByTestId("dispatch-period").FillAsync("2023-08");
        await page.GetByTestId("dispatch-period").DispatchEventAsync("change");
        await page.GetByTestId("open-JX-COUNTY-2023").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/dispatch/forms/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(page);

        var cell = page.Locator("[data-testid=item-row][data-key='leadership.study_sessions']").GetByTestId("value");
        await cell.FillAsync("35");
        await cell.DispatchEventAsync("change");
        await Expect(page.GetByTestId("draft-state")).ToContainTextAsync("已暂存");
        await page.EvaluateAsync("() => { window.hpSameDocument = 'yes'; }");

        await page.Context.SetOfflineAsync(true);
        Assert.NotNull(circuit);
        await circuit!.CloseAsync(new WebSocketRouteCloseOptions { Code = 4000, Reason = "network lost" });
        var dialog = page.GetByTestId("reconnect-modal");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog).ToContainTextAsync("正在重新连接");
        await BrowserApp.ScreenshotAsync(page, "75-reconnecting");
        await page.WaitForTimeoutAsync(10_000);
        await page.Context.SetOfflineAsync(false);
        await Expect(dialog).Not.ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = 60_000 });

        Assert.Equal("yes", await page.EvaluateAsync<string>("() => window.hpSameDocument"));
        await Expect(cell).ToHaveValueAsync("35");

        // The circuit answers again: the next change reaches the server's draft.
        await cell.FillAsync("36");
        await cell.DispatchEventAsync("change");
        await Expect(page.GetByTestId("draft-state")).ToContainTextAsync("已暂存");
        await page.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.Locator("[data-testid=item-row][data-key='leadership.study_sessions']").GetByTestId("value")).ToHaveValueAsync("36");
        await Expect(page.GetByTestId("draft-restored")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Dates_read_as_yyyy_MM_dd_and_a_page_address_that_matches_nothing_answers_in_Chinese()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "jx.office");
        await page.GotoAsync("/hazards");
        await BrowserApp.WaitInteractiveAsync(page);
        var found = await page.GetByTestId("hazard-table").Locator("td").AllInnerTextsAsync();
        Assert.Contains(found, t => Regex.IsMatch(t, @"^20\d{2}-\d{2}-\d{2}$"));
        Assert.DoesNotContain(found, t => Regex.IsMatch(t, @"\d{2}/\d{2}/\d{4}"));

        var response = await page.GotoAsync("/hazards/not-a-guid");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByTestId("not-found")).ToContainTextAsync("页面或记录不存在");
        await BrowserApp.ScreenshotAsync(page, "76-not-found");
    }

    [Fact]
    public async Task The_ledger_filters_open_on_demand_and_narrow_the_list_to_overdue_hazards()
    {
        var page = await app.NewPageAsync();
        await app.SignInAsync(page, "jx.office");
        await page.GotoAsync("/hazards");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("filter-overdue")).ToHaveCountAsync(0); // closed: the fields do not exist yet
        await page.GetByText("筛选").First.ClickAsync();
        await page.GetByTestId("filter-overdue").CheckAsync();
        await page.GetByTestId("hazard-search").ClickAsync();
        await Expect(page.GetByTestId("hazard-total")).ToContainTextAsync("共");
        var statuses = page.GetByTestId("hazard-table").Locator("td:has([data-testid=hazard-status])");
        await Expect(statuses.Filter(new LocatorFilterOptions { HasNotText = "逾期" })).ToHaveCountAsync(0); // retried until the list has reloaded
        await Expect(statuses.First).ToContainTextAsync("逾期");
        await BrowserApp.ScreenshotAsync(page, "77-ledger-filtered-overdue");
    }

    [Fact]
    public async Task The_dashboard_as_of_day_is_chosen_from_a_calendar_on_a_phone()
    {
        var page = await app.NewPageAsync(phone: true);
        await app.SignInAsync(page, "jx.office");
        await page.GotoAsync("/dashboard?asOf=2023-08-31");
        await BrowserApp.WaitInteractiveAsync(page);
        await Expect(page.GetByTestId("dashboard-asof")).ToContainTextAsync("截至 2023-08-31");
        await page.GetByTestId("dashboard-asof").ClickAsync();
        var calendar = page.Locator(".mud-dialog");
        await Expect(calendar).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(page, "79-phone-day-dialog");
        await calendar.Locator("button.mud-picker-calendar-day:not(.mud-hidden)").GetByText("15", new LocatorGetByTextOptions { Exact = true }).First.ClickAsync();
        await Expect(calendar).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("dashboard-asof")).ToContainTextAsync("截至 2023-08-15");
        await Expect(page.Locator("h1")).ToContainTextAsync("进贤县");
    }

    [Theory]
    [InlineData("/hazards")]
    [InlineData("/records/inspections")]
    [InlineData("/dashboard")]
    [InlineData("/dispatch")]
    public async Task Lists_fit_a_390px_phone_without_sideways_scrolling(string path)
    {
        var page = await app.NewPageAsync(phone: true);
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Add(message.Text);
            }
        };
        await app.SignInAsync(page, "jx.minhe");
        await page.GotoAsync(path);
        await BrowserApp.WaitInteractiveAsync(page);
        await page.WaitForTimeoutAsync(500); // the grid's own layout pass
        Assert.Empty(blocked); // the page's Content-Security-Policy lets Blazor and MudBlazor do all they do
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"{path} is {overflow}px wider than the screen");
        await BrowserApp.ScreenshotAsync(page, "78-phone" + path.Replace('/', '-'));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
