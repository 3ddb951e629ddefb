using Microsoft.Playwright;

namespace HazardPortal.BrowserTests;

/// <summary>003 附件2's matrix in the browser (issue #7): 蒙自市 opens it for the 25th, drills from a cell, fills a manual cell and submits; 红河州 sees it and exports it.</summary>
public class SectorMatrixFlowTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Mengzi_submits_the_sector_matrix_and_the_prefecture_exports_it()
    {
        // 1. 蒙自市安委办 opens July 2023's matrix due on the 25th.
        var mengzi = await app.NewPageAsync();
        await app.SignInAsync(mengzi, "hh.mengzi.office");
        await mengzi.GotoAsync("/dispatch");
        await BrowserApp.WaitInteractiveAsync(mengzi);
        await mengzi.GetByTestId("dispatch-period").FillAsync("2023-07");
        await mengzi.GetByTestId("dispatch-period").DispatchEventAsync("change");
        await mengzi.GetByTestId("open-HH-SECTOR-2023-25").ClickAsync();
        await mengzi.WaitForURLAsync(url => url.Contains("/dispatch/forms/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(mengzi);
        await Expect(mengzi.GetByTestId("form-unit")).ToHaveTextAsync("蒙自市");
        await Expect(mengzi.GetByTestId("matrix")).ToContainTextAsync("事故易发多发企业");
        var total = mengzi.Locator("td[data-key='TOTAL:hazards']").GetByTestId("matrix-cell");
        var found = int.Parse((await total.TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(found > 0, "蒙自市's demo ledger has major hazards found this year");
        await BrowserApp.ScreenshotAsync(mengzi, "56-sector-matrix");

        // 2. A cell opens exactly its records.
        await total.ClickAsync();
        await Expect(mengzi.GetByTestId("drill-records")).ToBeVisibleAsync();
        await Expect(mengzi.GetByTestId("drill-records").Locator("a")).ToHaveCountAsync(found);
        await BrowserApp.ScreenshotAsync(mengzi, "57-sector-matrix-drill");
        await mengzi.Keyboard.PressAsync("Escape");

        // 3. A manual cell is filled by hand (no reason), and the form is submitted.
        var teams = mengzi.Locator("td[data-key='TOTAL:supervision_teams']").GetByTestId("manual-value");
        await teams.FillAsync("4");
        await teams.DispatchEventAsync("change");
        await mengzi.GetByTestId("form-submit").ClickAsync();
        await BrowserApp.ConfirmAsync(mengzi, "上报");
        await Expect(mengzi.GetByTestId("form-status")).ToHaveTextAsync("已上报");

        // 4. 红河州安委办 sees 蒙自市 submitted on the 25th's board, opens its form and exports it.
        var prefecture = await app.NewPageAsync();
        await app.SignInAsync(prefecture, "hh.office");
        await prefecture.GotoAsync("/dispatch/board?parent=532500000000&template=HH-SECTOR-2023&period=2023-07&cutoff=25");
        await BrowserApp.WaitInteractiveAsync(prefecture);
        var row = prefecture.GetByTestId("board-row").Filter(new LocatorFilterOptions { HasText = "蒙自市" });
        await Expect(row).ToContainTextAsync("已上报");
        await Expect(prefecture.GetByTestId("board-row").Filter(new LocatorFilterOptions { HasText = "个旧市" })).ToContainTextAsync("未报");
        await BrowserApp.ScreenshotAsync(prefecture, "58-sector-board");
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await prefecture.WaitForURLAsync(url => url.Contains("/dispatch/forms/", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await BrowserApp.WaitInteractiveAsync(prefecture);
        await Expect(prefecture.Locator("td[data-key='TOTAL:supervision_teams']")).ToHaveTextAsync("4");
        var download = await prefecture.RunAndWaitForDownloadAsync(() => prefecture.GetByTestId("form-export").ClickAsync());
        await using var stream = File.OpenRead(await download.PathAsync());
        using var workbook = new ClosedXML.Excel.XLWorkbook(stream);
        var sheet = workbook.Worksheet(1);
        Assert.Equal("全州重大事故隐患专项排查整治2023行动工作情况统计表", sheet.Cell(1, 1).GetString());
        Assert.Equal("行业领域", sheet.Cell(3, 1).GetString());
        Assert.Equal("排查重大风险", sheet.Cell(3, 2).GetString());
        Assert.Equal("（项）", sheet.Cell(5, 2).GetString()); // the seed's third header row: each column's unit (#17)
        Assert.Equal("累计总计", sheet.Cell(6, 1).GetString());
        Assert.Equal(found, sheet.Cell(6, 5).GetValue<int>());
        Assert.Equal(4, sheet.Cell(6, 14).GetValue<int>());
        Assert.Equal("其他", sheet.Cell(6 + 27, 1).GetString());
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
