using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>The 安委办's month (issue #6): 进贤县 follows a long-overdue hazard from the month page and tags it; 民和镇 sees the notification.</summary>
public class OfficeMonthFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task The_county_tags_a_hazard_from_its_month_page_and_the_township_is_notified()
    {
        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync("/office/month");
        await BrowserApp.WaitInteractiveAsync(office);
        await Expect(office.GetByTestId("month-missing")).ToBeVisibleAsync();
        // Every feature's section is composed, each with its count in the summary line, in the page's order.
        foreach (var section in new[] { "month-missing", "month-review", "month-supervised", "month-proposals", "month-deliverables", "month-flags" })
        {
            await Expect(office.GetByTestId(section)).ToBeVisibleAsync();
        }

        await Expect(office.GetByTestId("month-summary").Locator(".hp-tag")).ToHaveTextAsync(
            [new Regex("^未报/退回 \\d+$"), new Regex("^待审核 \\d+$"), new Regex("^督办逾期 \\d+$"), new Regex("^建议挂牌 \\d+$"),
             new Regex("^任务逾期单位 \\d+$"), new Regex("^待报材料 \\d+$"), new Regex("^预警线索 \\d+$")]);
        var proposal = office.GetByTestId("month-proposals").GetByTestId("month-hazard").Filter(new LocatorFilterOptions { HasText = "民和镇" }).First;
        await Expect(proposal).ToBeVisibleAsync();
        var title = (await proposal.GetByTestId("month-hazard-link").TextContentAsync())!.Trim();
        await BrowserApp.ScreenshotAsync(office, "59-office-month");

        await proposal.GetByTestId("month-hazard-link").ClickAsync();
        await office.WaitForURLAsync(url => url.Contains("/hazards/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(office);
        await office.GetByTestId("act-supervise").ClickAsync();
        await office.GetByTestId("act-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(office, "挂牌督办");
        await Expect(office.GetByTestId("hz-supervised")).ToHaveTextAsync("县级挂牌督办");
        await BrowserApp.ScreenshotAsync(office, "60-office-tags");

        var minhe = await app.NewPageAsync();
        await app.SignInAsync(minhe, "jx.minhe");
        await minhe.GotoAsync("/notifications");
        await BrowserApp.WaitInteractiveAsync(minhe);
        await Expect(minhe.GetByTestId("bell-count")).ToBeVisibleAsync();
        var note = minhe.GetByTestId("notification").Filter(new LocatorFilterOptions { HasText = title });
        await Expect(note).ToContainTextAsync("挂牌督办");
        await BrowserApp.ScreenshotAsync(minhe, "61-township-notified");
        await note.GetByTestId("notification-link").ClickAsync();
        await minhe.WaitForURLAsync(url => url.Contains("/hazards/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Expect(minhe.GetByTestId("hz-supervised")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Every_level_has_its_dashboard()
    {
        foreach (var (user, unit, name, shot) in new[]
        {
            ("jx.minhe", "", "民和镇", "62-dashboard-township"),
            ("jx.office", "", "进贤县", "63-dashboard-county"),
            ("hh.office", "", "红河", "64-dashboard-prefecture"),
            ("nat.office", "360000000000", "江西", "65-dashboard-province"),
            ("nat.office", "", "全国", "66-dashboard-national"),
        })
        {
            var page = await app.NewPageAsync();
            await app.SignInAsync(page, user);
            await page.GotoAsync("/dashboard" + (unit.Length > 0 ? $"?unit={unit}&asOf=2023-08-20" : "?asOf=2023-08-20"));
            await BrowserApp.WaitInteractiveAsync(page);
            await Expect(page.GetByTestId("dashboard-title")).ToContainTextAsync(name);
            await Expect(page.GetByTestId("dash-found")).Not.ToHaveTextAsync("0");
            if (await page.GetByTestId("dash-children").CountAsync() > 0)
            {
                // The chart is drawn on the server with the page.
                await Expect(page.Locator("svg.hp-svgchart rect").First).ToBeVisibleAsync();
            }

            await BrowserApp.ScreenshotAsync(page, shot);
        }
    }

    [Fact]
    public async Task The_county_follows_a_flag_to_its_evidence_and_a_dashboard_figure_to_its_records()
    {
        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync("/flags?asOf=2023-12-31");
        await BrowserApp.WaitInteractiveAsync(office);
        await Expect(office.GetByTestId("flags-title")).ToContainTextAsync("进贤县");
        await Expect(office.GetByTestId("flag-rule")).ToHaveCountAsync(5);
        var row = office.GetByTestId("flag-row").First;
        await Expect(row).ToBeVisibleAsync();
        await Expect(office.GetByTestId("flag-setting")).ToHaveCountAsync(5); // the 安委办 sees and may set the thresholds
        await BrowserApp.ScreenshotAsync(office, "67-flags");
        await row.GetByTestId("flag-evidence").First.ClickAsync();
        await office.WaitForURLAsync(url => url.Contains("/hazards", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });

        await office.GotoAsync("/dashboard?asOf=2023-08-20");
        await BrowserApp.WaitInteractiveAsync(office);
        var found = (await office.GetByTestId("dash-found").TextContentAsync())!.Trim();
        await office.GetByTestId("dash-found").ClickAsync();
        await office.WaitForURLAsync(url => url.Contains("/dashboard/records", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await Expect(office.GetByTestId("dashboard-record")).ToHaveCountAsync(int.Parse(found, System.Globalization.CultureInfo.InvariantCulture));
        await BrowserApp.ScreenshotAsync(office, "68-dashboard-records");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}

