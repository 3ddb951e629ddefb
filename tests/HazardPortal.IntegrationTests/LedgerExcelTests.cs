using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ClosedXML.Excel;
using HazardPortal.Core.Hazards;
using HazardPortal.Tests;
using HazardPortal.Web.Features.Ledger;
using Microsoft.EntityFrameworkCore;

namespace HazardPortal.IntegrationTests;

public class LedgerExcelTests(LedgerExcelTests.App app) : IClassFixture<LedgerExcelTests.App>
{
    public sealed class App : PortalApp;

    private static string Day(int n) => ChinaTime.Today(TimeProvider.System).AddDays(n).ToString("yyyy-MM-dd");

    private static byte[] Workbook(Action<IXLWorksheet> fill)
    {
        using var workbook = new XLWorkbook(new MemoryStream(ImportLedger.Template()));
        var sheet = workbook.Worksheet(1);
        sheet.Row(2).Clear();
        fill(sheet);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static void Row(IXLWorksheet sheet, int r, string uscc, string title, string grade = "重大", string? found = null, string funds = "1000", string? deadline = null, string standard = "MAH-INDTRADE-2023")
    {
        string[] values = [uscc, title, "描述", "车间", grade, found ?? Day(-5), standard, "第十条", "周磊", "整改措施", funds, deadline ?? Day(20), "应急预案", "否", "", ""];
        for (var i = 0; i < values.Length; i++)
        {
            sheet.Cell(r, i + 1).Value = values[i];
        }
    }

    private static MultipartFormDataContent Form(byte[] bytes, string name = "ledger.xlsx") =>
        new() { { new ByteArrayContent(bytes), "file", name } };

    [Fact]
    public async Task An_import_with_3_bad_rows_of_20_reports_exactly_those_3_and_writes_nothing_until_committed()
    {
        using var client = await app.ClientForAsync("jx.minhe");
        await using var db = app.SystemDb();
        var codes = await db.Enterprises.Where(e => e.JurisdictionCode == "360124100000").OrderBy(e => e.Name).Select(e => e.Uscc).Take(20).ToListAsync();
        var lidu = await db.Enterprises.Where(e => e.JurisdictionCode == "360124101000").Select(e => e.Uscc).FirstAsync();
        var file = Workbook(sheet =>
        {
            for (var i = 0; i < 20; i++)
            {
                Row(sheet, i + 2, codes[i], $"导入隐患{i + 1:00}");
            }

            Row(sheet, 6, codes[4], "日期错误", found: "2023-13-45");
            Row(sheet, 11, lidu, "越界企业");
            Row(sheet, 17, codes[15], "资金为负", funds: "-5");
        });
        var before = await db.Hazards.CountAsync();

        var preview = await client.PostAsync("/api/v1/hazards/import", Form(file));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var body = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(20, body.GetProperty("rows").GetInt32());
        Assert.Equal(17, body.GetProperty("valid").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal([6, 11, 17], errors.Select(e => e.GetProperty("row").GetInt32()));
        Assert.Contains("发现日期格式不正确", errors[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("不在您的管辖范围内", errors[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("不能为负数", errors[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await db.Hazards.CountAsync());

        var committed = await (await client.PostAsync("/api/v1/hazards/import?commit=true", Form(file))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(17, committed.GetProperty("imported").GetInt32());
        Assert.Equal(before + 17, await db.Hazards.CountAsync());
        Assert.All(await db.Hazards.Where(h => h.Title.StartsWith("导入隐患")).ToListAsync(), h =>
        {
            Assert.Equal(HazardSource.TownshipInspection, h.Source);
            Assert.Equal(HazardStatus.Reported, h.Status);
        });

        // The same file again adds nothing (each row's idempotency key is the file hash and the row).
        await client.PostAsync("/api/v1/hazards/import?commit=true", Form(file));
        Assert.Equal(before + 17, await db.Hazards.CountAsync());
    }

    [Fact]
    public async Task Formulas_macros_oversize_files_and_foreign_layouts_are_refused()
    {
        using var client = await app.ClientForAsync("jx.ent.minhe1");
        var formula = Workbook(sheet =>
        {
            Row(sheet, 2, "", "带公式");
            sheet.Cell(2, 11).FormulaA1 = "=1000*2";
        });
        var response = await client.PostAsync("/api/v1/hazards/import", Form(formula));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("公式", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var plain = Workbook(sheet => Row(sheet, 2, "", "带宏"));
        using var withMacro = new MemoryStream();
        withMacro.Write(plain);
        using (var zip = new ZipArchive(withMacro, ZipArchiveMode.Update, leaveOpen: true))
        {
            await using var entry = zip.CreateEntry("xl/vbaProject.bin").Open();
            entry.Write([1, 2, 3, 4]);
        }

        var macro = await client.PostAsync("/api/v1/hazards/import", Form(withMacro.ToArray(), "ledger.xlsx"));
        Assert.Equal(HttpStatusCode.BadRequest, macro.StatusCode);
        Assert.Contains("宏", await macro.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var big = new byte[ImportLedger.MaxBytes + 1];
        var oversize = await client.PostAsync("/api/v1/hazards/import", Form(big));
        Assert.Equal(HttpStatusCode.BadRequest, oversize.StatusCode);
        Assert.Contains("5MB", await oversize.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var notExcel = await client.PostAsync("/api/v1/hazards/import", Form("hello"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, notExcel.StatusCode);

        using var other = new XLWorkbook();
        other.AddWorksheet("x").Cell(1, 1).Value = "别的表";
        using var otherStream = new MemoryStream();
        other.SaveAs(otherStream);
        var layout = await client.PostAsync("/api/v1/hazards/import", Form(otherStream.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, layout.StatusCode);
        Assert.Contains("模板", await layout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The template with its first sheet's XML replaced by what <paramref name="write"/> writes (a crafted file).</summary>
    private static byte[] WithSheet(Action<StreamWriter> write)
    {
        using var package = new MemoryStream();
        package.Write(Workbook(sheet => Row(sheet, 2, "", "构造的文件")));
        using (var zip = new ZipArchive(package, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("xl/worksheets/sheet1.xml")!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Fastest).Open());
            write(writer);
        }

        return package.ToArray();
    }

    [Fact]
    public async Task A_small_file_that_unpacks_to_a_huge_sheet_or_too_many_rows_is_refused_before_it_is_parsed()
    {
        using var client = await app.ClientForAsync("jx.minhe");
        const string head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";

        // 48 MB of sheet XML in a file of well under 1 MB (the pen test's was 205 KB holding 200 MB).
        var bomb = WithSheet(w =>
        {
            w.Write(head);
            var filler = new string(' ', 1 << 20);
            for (var i = 0; i < 48; i++)
            {
                w.Write(filler);
            }

            w.Write("</sheetData></worksheet>");
        });
        Assert.True(bomb.Length < 1024 * 1024, $"{bomb.Length} bytes");
        var before = GC.GetTotalAllocatedBytes();
        var refused = await client.PostAsync("/api/v1/hazards/import", Form(bomb), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("解压后内容过大", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // 5,002 empty rows: refused by counting the sheet's rows as it streams, not by loading the workbook.
        var many = WithSheet(w =>
        {
            w.Write(head);
            for (var r = 1; r <= ImportLedger.MaxRows + 2; r++)
            {
                w.Write($"<row r=\"{r}\"/>");
            }

            w.Write("</sheetData></worksheet>");
        });
        var rows = await client.PostAsync("/api/v1/hazards/import", Form(many), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, rows.StatusCode);
        Assert.Contains($"一次最多导入{ImportLedger.MaxRows}行", await rows.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        // The portal allocated far less than the sheets unpack to (ClosedXML would hold the whole sheet several times over).
        var allocated = GC.GetTotalAllocatedBytes() - before;
        Assert.True(allocated < 200L * 1024 * 1024, $"{allocated / 1024 / 1024} MB allocated");
    }

    [Fact]
    public async Task An_enterprise_imports_its_own_ledger_without_the_first_column()
    {
        using var client = await app.ClientForAsync("jx.ent.lidu1");
        var file = Workbook(sheet =>
        {
            Row(sheet, 2, "", "蒸馏釜安全阀失效");
            Row(sheet, 3, "", "酒库防爆电气不符合要求", grade: "一般");
        });
        var result = await (await client.PostAsync("/api/v1/hazards/import?commit=true", Form(file))).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, result.GetProperty("imported").GetInt32());
        await using var db = app.SystemDb();
        var imported = await db.Hazards.Where(h => h.Title == "蒸馏釜安全阀失效").SingleAsync();
        Assert.Equal(HazardSource.SelfInspection, imported.Source);
        Assert.Equal(HazardStatus.Registered, imported.Status);
    }

    [Fact]
    public async Task The_export_holds_the_filtered_rows_with_Chinese_headers()
    {
        using var client = await app.ClientForAsync("jx.office");
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/hazards?status=Verified&pageSize=200");
        var expected = list.GetProperty("total").GetInt32();
        Assert.True(expected > 0);
        var response = await client.GetAsync("/api/v1/hazards/export.xlsx?status=Verified");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.Equal("隐患名称", sheet.Cell(2, 2).GetString());
        Assert.Equal(expected, sheet.LastRowUsed()!.RowNumber() - 2);
        int Column(string header) => sheet.Row(2).CellsUsed().Single(c => c.GetString() == header).Address.ColumnNumber;
        Assert.All(Enumerable.Range(3, expected), r => Assert.Equal("已验收销号", sheet.Cell(r, Column("状态")).GetString()));

        // Issue #17: the sector by its name (not INDTRADE), the description, and the responsible departments.
        Assert.All(Enumerable.Range(3, expected), r => Assert.DoesNotMatch("^[A-Z_]+$", sheet.Cell(r, Column("行业领域")).GetString()));
        Assert.Contains(Enumerable.Range(3, expected), r => sheet.Cell(r, Column("隐患描述")).GetString().Length > 0);
        Assert.Contains(Enumerable.Range(3, expected), r => sheet.Cell(r, Column("责任部门")).GetString().Contains('局', StringComparison.Ordinal));

        using var stranger = await app.ClientForAsync("hb.office");
        using var strangerBook = new XLWorkbook(await (await stranger.GetAsync("/api/v1/hazards/export.xlsx")).Content.ReadAsStreamAsync());
        Assert.Equal(2, strangerBook.Worksheet(1).LastRowUsed()!.RowNumber());
    }

    [Theory]
    [InlineData("", "foundOn")]
    [InlineData("&sort=foundOn_asc", "foundOn")]
    [InlineData("&sort=deadline_asc", "deadline")]
    [InlineData("&overdue=true", "deadline")]
    [InlineData("&open=true", "foundOn")]
    public async Task Keyset_paging_walks_the_whole_list_once_in_order_without_counting_every_page(string query, string key)
    {
        using var client = await app.ClientForAsync("jx.office");
        var first = await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards?pageSize=7{query}");
        var total = first.GetProperty("total").GetInt32();
        Assert.False(first.GetProperty("totalCapped").GetBoolean());
        var items = first.GetProperty("items").EnumerateArray().ToList();
        var cursor = first.GetProperty("nextCursor").GetString();
        while (cursor is not null)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/hazards?pageSize=7&cursor={cursor}{query}");
            Assert.Equal(JsonValueKind.Null, page.GetProperty("total").ValueKind);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }

        var ids = items.Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(total, ids.Count);
        Assert.Equal(total, ids.Distinct().Count());
        Assert.True(total > (query.Length == 0 ? 50 : 3), $"{query}: {total}");

        // In the order asked for; a deadline order puts hazards without a deadline last.
        var keys = items.Select(i => i.GetProperty(key).ValueKind == JsonValueKind.Null ? DateOnly.MaxValue : DateOnly.Parse(i.GetProperty(key).GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var sorted = query.Contains("asc", StringComparison.Ordinal) || key == "deadline" ? keys.Order().ToList() : keys.OrderDescending().ToList();
        Assert.Equal(sorted, keys);
        if (query.Contains("overdue", StringComparison.Ordinal))
        {
            Assert.All(items, i => Assert.True(i.GetProperty("overdue").GetBoolean()));
        }
    }
}

public class InspectionListTests(InspectionListTests.App app) : IClassFixture<InspectionListTests.App>
{
    public sealed class App : PortalApp;

    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    [Fact]
    public async Task The_township_inspection_list_has_the_seed_layout_one_row_per_inspection_and_the_photo_in_its_cell()
    {
        using var cadre = await app.ClientForAsync("gc.cadre");
        await using var db = app.SystemDb();
        var june = await db.Hazards.Where(h => h.Source == HazardSource.TownshipInspection && h.FoundOn >= new DateOnly(2023, 6, 1) && h.FoundOn <= new DateOnly(2023, 6, 30)
            && h.Status != HazardStatus.Voided && h.Path.IsDescendantOf(new Microsoft.EntityFrameworkCore.LTree("000000000000.500000000000.500200000000.500229000000.500229001000")))
            .OrderBy(h => h.FoundOn).ThenBy(h => h.CreatedAt).ToListAsync();
        Assert.NotEmpty(june);
        var target = june.First(h => h.Status is not HazardStatus.Verified);
        var upload = await cadre.PostAsync($"/api/v1/hazards/{target.Id}/photos", new MultipartFormDataContent { { new ByteArrayContent(Png), "file", "site.png" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var response = await cadre.GetAsync("/api/v1/hazards/inspection-list.xlsx?month=2023-06");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var workbook = new XLWorkbook(await response.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet(1);
        Assert.Equal("葛城街道办事处重大事故隐患排查表", sheet.Cell(1, 1).GetString());
        Assert.Equal(InspectionSheet.Headers, Enumerable.Range(1, 8).Select(c => sheet.Cell(3, c).GetString()));
        // One row per inspection the township recorded in June (current versions), plus June township hazards no inspection holds.
        var unit = await app.UnitIdAsync("葛城街道办事处");
        var inspections = await db.Inspections.Where(i => i.RecordedByUnitId == unit && i.On >= new DateOnly(2023, 6, 1) && i.On <= new DateOnly(2023, 6, 30) && i.SupersededById == null).ToListAsync();
        var linked = inspections.SelectMany(i => i.HazardIds).ToHashSet();
        Assert.Contains(inspections, i => i.HazardIds.Count == 0);
        // The table's rows are the numbered ones; under them, 002 附件1's note word for word.
        var numbered = Enumerable.Range(4, sheet.LastRowUsed()!.RowNumber() - 3).Count(r => sheet.Cell(r, 1).DataType == XLDataType.Number);
        Assert.Equal(inspections.Count + june.Count(h => !linked.Contains(h.Id)), numbered);
        Assert.Equal("注：本表5月份开始上报，每月30日前上报本月隐患排查情况。", sheet.Cell(sheet.LastRowUsed()!.RowNumber(), 1).GetString());
        Assert.Equal(XLPaperSize.A4Paper, sheet.PageSetup.PaperSize);
        var firstDay = inspections.Select(i => i.On).Concat(june.Where(h => !linked.Contains(h.Id)).Select(h => h.FoundOn)).Min();
        Assert.Equal(firstDay.ToDateTime(TimeOnly.MinValue), sheet.Cell(4, 3).GetDateTime());
        Assert.Equal("yyyy-mm-dd", sheet.Cell(4, 3).Style.DateFormat.Format);
        // Every row whose first hazard has a before-photo (整改前) shows it in 排查图片 — the demo's official finds carry one,
        // and the hazard that just got one does too.
        var page = await cadre.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/hazards/inspection-list?month=2023-06");
        var pictured = page.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("photoId").ValueKind != System.Text.Json.JsonValueKind.Null).ToList();
        Assert.NotEmpty(pictured);
        Assert.Equal(pictured.Count, sheet.Pictures.Count);
        Assert.All(sheet.Pictures, p => Assert.Equal(4, p.TopLeftCell.Address.ColumnNumber));
        Assert.Contains(sheet.Pictures, p => sheet.Cell(p.TopLeftCell.Address.RowNumber, 6).GetString().Contains(target.Title, StringComparison.Ordinal));
        var quiet = Enumerable.Range(4, numbered).Where(r => sheet.Cell(r, 6).GetString() == "无重大隐患").ToList();
        Assert.NotEmpty(quiet);

        Assert.Equal(HttpStatusCode.BadRequest, (await cadre.GetAsync("/api/v1/hazards/inspection-list.xlsx?month=2023-13")).StatusCode);
        using var mengzi = await app.ClientForAsync("mz.town");
        using var other = new XLWorkbook(await (await mengzi.GetAsync("/api/v1/hazards/inspection-list.xlsx?month=2023-06")).Content.ReadAsStreamAsync());
        Assert.Equal("文澜街道办事处重大事故隐患排查表", other.Worksheet(1).Cell(1, 1).GetString());
        // Its own rows and photos only: none of 葛城街道's subjects, and exactly its own before-photos.
        var otherSheet = other.Worksheet(1);
        Assert.DoesNotContain(Enumerable.Range(4, otherSheet.LastRowUsed()!.RowNumber() - 3), r => otherSheet.Cell(r, 2).GetString().Contains("葛城", StringComparison.Ordinal));
        var otherPage = await mengzi.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/hazards/inspection-list?month=2023-06");
        Assert.Equal(otherPage.GetProperty("lines").EnumerateArray().Count(l => l.GetProperty("photoId").ValueKind != System.Text.Json.JsonValueKind.Null), otherSheet.Pictures.Count);
        Assert.DoesNotContain(pictured.Select(l => l.GetProperty("photoId").GetGuid()), id => otherPage.GetProperty("lines").EnumerateArray()
            .Any(l => l.GetProperty("photoId").ValueKind != System.Text.Json.JsonValueKind.Null && l.GetProperty("photoId").GetGuid() == id));
    }
}
