using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;

namespace HazardPortal.IntegrationTests;

/// <summary>
/// Papers that go upward as they are (issue #17, first part): every form export is A4 in the seeds' fonts; the unit
/// line reads as the seed writes it; the 时间 line is the day the form was filed (today for a draft), not its as-of
/// day; a matrix's rates are numbers formatted 0.0%.
/// </summary>
public class FormExportTests(FormExportTests.App app) : IClassFixture<FormExportTests.App>
{
    public sealed class App : PortalApp;

    private static async Task<IXLWorksheet> SheetAsync(HttpClient client, Guid id)
    {
        var response = await client.GetAsync($"/api/v1/dispatch/forms/{id}/export.xlsx");
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        return new XLWorkbook(new MemoryStream(await response.Content.ReadAsByteArrayAsync())).Worksheet(1);
    }

    [Fact]
    public async Task A_county_form_a_village_form_and_the_matrix_export_as_their_seeds_write_them()
    {
        // 民和镇's draft for November: 单位：民和镇, dated today (a draft has not been filed yet).
        using var minhe = await app.ClientForAsync("jx.minhe");
        var november = await minhe.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=360124100000&template=JX-COUNTY-2023&period=2023-11");
        var draft = await SheetAsync(minhe, november.GetProperty("id").GetGuid());
        Assert.Equal("单位：民和镇", draft.Cell(2, 1).GetString());
        Assert.Equal($"时间：{ChinaTime.Today(TimeProvider.System):yyyy年M月d日}", draft.Cell(2, 6).GetString());
        Assert.Equal(XLPaperSize.A4Paper, draft.PageSetup.PaperSize);
        Assert.Equal("黑体", draft.Cell(1, 1).Style.Font.FontName);
        Assert.Equal("宋体", draft.Cell(3, 3).Style.Font.FontName);

        // 葛城街道's village form of July, filed on its submission day (not the as-of 6月30日), under the village's name.
        using var gc = await app.ClientForAsync("gc.cadre");
        var july = await gc.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=500229001001&template=GC-VILLAGE-2023&period=2023-07");
        var submitted = DateTimeOffset.Parse(july.GetProperty("submittedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var village = await SheetAsync(gc, july.GetProperty("id").GetGuid());
        Assert.Equal("村（社区）：土城社区", village.Cell(2, 1).GetString());
        Assert.Equal($"时间：{ChinaTime.DateOf(submitted):yyyy年M月d日}", village.Cell(2, 6).GetString());
        Assert.NotEqual("时间：2023年6月30日", village.Cell(2, 6).GetString());

        // The prefecture's matrix: 填报单位：红河州…, every rate cell a number in 0.0% or "—" without a denominator.
        using var hh = await app.ClientForAsync("hh.office");
        var matrix = await hh.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/forms?unit=532500000000&template=HH-SECTOR-2023&period=2023-07&cutoff=25");
        var sheet = await SheetAsync(hh, matrix.GetProperty("id").GetGuid());
        Assert.StartsWith("填报单位：", sheet.Cell(2, 1).GetString(), StringComparison.Ordinal);

        // Through the API, a rate says what it is (the last review: "TOTAL:risks_rate" and no label).
        var rate = matrix.GetProperty("rates").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "TOTAL:risks_rate");
        Assert.Equal("管控率", rate.GetProperty("label").GetString());
        Assert.Equal("排查重大风险", rate.GetProperty("group").GetString());
        Assert.Equal("%", rate.GetProperty("unit").GetString());
        Assert.Equal("累计总计", rate.GetProperty("row").GetString());
        Assert.All(matrix.GetProperty("rates").EnumerateArray(), r => Assert.NotEqual(string.Empty, r.GetProperty("label").GetString()));
        Assert.Equal("全州重大事故隐患专项排查整治2023行动工作情况统计表", matrix.GetProperty("templateName").GetString()); // the seed's title, not a name of our own
        var templates = (await hh.GetFromJsonAsync<JsonElement>("/api/v1/dispatch/templates")).EnumerateArray().ToDictionary(t => t.GetProperty("code").GetString()!);
        Assert.Equal("全州重大事故隐患专项排查整治2023行动工作情况统计表", templates["HH-SECTOR-2023"].GetProperty("name").GetString());
        // 003 附件1 is 红河州安委办's form; 蒙自市安委办 only passes it on to its townships.
        Assert.Equal("红河州安委办", templates["HH-PREF-2023"].GetProperty("issuer").GetString());
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        var rateCells = sheet.CellsUsed().Where(c => c.Style.NumberFormat.Format == "0.0%").ToList();
        Assert.NotEmpty(rateCells);
        Assert.All(rateCells, c => Assert.Equal(XLDataType.Number, c.DataType));
        Assert.DoesNotContain(sheet.CellsUsed(), c => c.DataType == XLDataType.Text && c.GetString().EndsWith('%'));
    }
}
