using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>The monthly dispatch cycle in the browser (issue #5), with screenshots.</summary>
public class DispatchFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task A_township_submits_with_an_override_the_county_returns_it_and_accepts_the_resubmission()
    {
        // 1. 民和镇 opens its August 2023 form, overrides one value with a reason and submits.
        var minhe = await app.NewPageAsync();
        await app.SignInAsync(minhe, "jx.minhe");
        await minhe.GotoAsync("/dispatch");
        await BrowserApp.WaitInteractiveAsync(minhe);
        await minhe.GetByTestId("dispatch-period").FillAsync("2023-08");
        await minhe.GetByTestId("dispatch-period").DispatchEventAsync("change");
        await minhe.GetByTestId("open-JX-COUNTY-2023").ClickAsync();
        await minhe.WaitForURLAsync(url => url.Contains("/dispatch/forms/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(minhe);
        var formUrl = new Uri(minhe.Url).AbsolutePath;
        await Expect(minhe.GetByTestId("form-unit")).ToHaveTextAsync("民和镇");
        await Expect(minhe.GetByTestId("form-due")).ToContainTextAsync("8月23日");

        var row = minhe.Locator("[data-testid=item-row][data-key='leadership.study_sessions']");
        var computed = int.Parse((await row.GetByTestId("drill").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await row.GetByTestId("value").FillAsync((computed + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByTestId("value").DispatchEventAsync("change");
        await minhe.GetByTestId("form-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(minhe, "上报");
        await Expect(minhe.GetByTestId("form-status")).Not.ToHaveTextAsync("已上报");
        await Expect(minhe.Locator(".hp-error")).ToContainTextAsync("理由");
        await Expect(row.GetByTestId("item-error")).ToContainTextAsync("理由");
        await Expect(row.GetByTestId("value")).ToHaveValueAsync((computed + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await row.GetByTestId("reason").FillAsync("镇党委6月20日专题学习未录入系统");
        await row.GetByTestId("reason").DispatchEventAsync("change");
        await BrowserApp.ScreenshotAsync(minhe, "50-township-form-override");
        await minhe.GetByTestId("form-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(minhe, "上报");
        await Expect(minhe.GetByTestId("form-status")).ToHaveTextAsync("已上报");
        await Expect(minhe.Locator(".mud-snackbar.mud-alert-filled-warning")).ToHaveCountAsync(0);
        await Expect(minhe.Locator(".mud-snackbar.mud-alert-filled-success")).ToContainTextAsync("已上报 进贤县安委办");

        // 2. 进贤县安委办 sees it on the board, drills into a number and returns it.
        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync("/dispatch/board?parent=360124000000&template=JX-COUNTY-2023&period=2023-08");
        await BrowserApp.WaitInteractiveAsync(office);
        await Expect(office.GetByTestId("board-row").Filter(new LocatorFilterOptions { HasText = "民和镇" })).ToContainTextAsync("已上报");
        await Expect(office.GetByTestId("board-row").Filter(new LocatorFilterOptions { HasText = "李渡镇" })).ToContainTextAsync("未报");
        await BrowserApp.ScreenshotAsync(office, "51-county-board");
        await office.GetByTestId("board-row").Filter(new LocatorFilterOptions { HasText = "民和镇" }).GetByRole(AriaRole.Link).ClickAsync();
        await BrowserApp.WaitInteractiveAsync(office);
        await Expect(office.GetByTestId("form-items")).ToContainTextAsync("与台账不符");
        await office.Locator("[data-testid=item-row][data-key='hazards.dept.found']").GetByTestId("drill").ClickAsync();
        await Expect(office.GetByTestId("drill-records")).ToBeVisibleAsync();
        await BrowserApp.ScreenshotAsync(office, "52-drill-down");
        await office.Keyboard.PressAsync("Escape");
        await office.GetByTestId("return-input").FillAsync("请核实专题学习次数并附会议记录");
        await office.GetByTestId("form-return").ClickAsync();
        await BrowserApp.ConfirmAsync(office, "退回");
        await Expect(office.GetByTestId("form-status")).ToHaveTextAsync("已退回");
        await Expect(office.Locator(".mud-snackbar.mud-alert-filled-success")).ToContainTextAsync("已退回 民和镇");

        // 3. 民和镇 sees the reason and resubmits; both versions stay in the history.
        await minhe.GotoAsync(formUrl);
        await BrowserApp.WaitInteractiveAsync(minhe);
        await Expect(minhe.GetByTestId("return-reason")).ToContainTextAsync("请核实专题学习次数");
        await minhe.GetByTestId("form-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(minhe, "上报");
        await Expect(minhe.GetByTestId("form-status")).ToHaveTextAsync("已上报");
        await Expect(minhe.GetByTestId("history").Locator("li")).ToHaveCountAsync(2);

        // 4. The county accepts and exports the board's workbook.
        await office.ReloadAsync();
        await BrowserApp.WaitInteractiveAsync(office);
        await office.GetByTestId("form-accept").ClickAsync();
        await BrowserApp.ConfirmAsync(office, "审核通过");
        await Expect(office.GetByTestId("form-status")).ToHaveTextAsync("已通过");
        await BrowserApp.ScreenshotAsync(office, "53-form-accepted");
        await office.GotoAsync("/dispatch/board?parent=360124000000&template=JX-COUNTY-2023&period=2023-08");
        await BrowserApp.WaitInteractiveAsync(office);
        var download = await office.RunAndWaitForDownloadAsync(() => office.GetByTestId("board-export").ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename, StringComparison.Ordinal);
        await using var stream = File.OpenRead(await download.PathAsync());
        using var workbook = new ClosedXML.Excel.XLWorkbook(stream);
        Assert.Contains(workbook.Worksheets, w => w.Name == "民和镇");
        Assert.Equal("进贤县重大事故隐患专项排查整治 进展情况调度表", workbook.Worksheet(1).Cell(1, 1).GetString());
    }

    [Fact]
    public async Task A_township_uploads_a_deliverable_and_the_county_sees_it_sent()
    {
        var minhe = await app.NewPageAsync();
        await app.SignInAsync(minhe, "jx.minhe");
        await minhe.GotoAsync("/campaigns");
        await BrowserApp.WaitInteractiveAsync(minhe);
        // 进贤县's deliverables are 001's own (#17): the 工作总结 of 总结提高 (2023年12月).
        var row = minhe.GetByTestId("deliverable-row").Filter(new LocatorFilterOptions { HasText = "工作总结" });
        await row.GetByTestId("deliverable-file").SetInputFilesAsync(new FilePayload { Name = "民和镇风险清单.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%test\n"u8.ToArray() });
        await Expect(row).ToContainTextAsync("已报送");
        await BrowserApp.ScreenshotAsync(minhe, "54-deliverable-uploaded");

        var office = await app.NewPageAsync();
        await app.SignInAsync(office, "jx.office");
        await office.GotoAsync("/campaigns");
        await BrowserApp.WaitInteractiveAsync(office);
        await office.GetByTestId("deliverable-row").Filter(new LocatorFilterOptions { HasText = "工作总结" }).GetByTestId("deliverable-status").ClickAsync();
        await Expect(office.GetByTestId("deliverable-board")).ToContainTextAsync("民和镇风险清单.pdf");
        await Expect(office.GetByTestId("deliverable-board").Locator("tr").Filter(new LocatorFilterOptions { HasText = "李渡镇" })).ToContainTextAsync("逾期未报");
        await BrowserApp.ScreenshotAsync(office, "55-deliverable-board");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
