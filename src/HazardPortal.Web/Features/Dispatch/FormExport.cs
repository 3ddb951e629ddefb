using HazardPortal.Core.Hazards;
using ClosedXML.Excel;
using HazardPortal.Core.Common;
using HazardPortal.Core.Dispatch;

namespace HazardPortal.Web.Features.Dispatch;

/// <summary>
/// A form as .xlsx in its seed's layout: the title, the unit caption and date, the table with merged
/// section cells, item numbers and two items a row as the seeds print them, the footer lines and the
/// notes; an issuer's whole board for a period as one workbook (the roll-up, then one sheet per unit).
/// Every figure is a numeric cell the superior can add up: an item has two value columns, merged for one
/// value; a two-value item (行政处罚 次 and 万元) fills both, each a number whose unit is in its number
/// format (<c>General"次"</c>), so a sum over the column still works.
/// </summary>
public sealed class FormExport(DispatchService service, TimeProvider clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public sealed record File(byte[] Content, string FileName);

    public async Task<Result<File>> FormAsync(Guid id, CancellationToken ct = default)
    {
        var form = await service.GetAsync(id, ct);
        if (!form.Succeeded)
        {
            return form.Error!;
        }

        using var workbook = NewWorkbook();
        Write(workbook, form.Value!, form.Value!.UnitName);
        return new File(Save(workbook), $"{form.Value.UnitName}-{form.Value.TemplateName}-{form.Value.Period}.xlsx");
    }

    public async Task<Result<File>> BoardAsync(string parent, string template, string period, int? cutoff, CancellationToken ct = default)
    {
        var status = await service.StatusAsync(parent, template, period, cutoff, ct);
        if (!status.Succeeded)
        {
            return status.Error!;
        }

        var rollup = await service.OpenAsync(parent, template, period, cutoff, ct);
        if (!rollup.Succeeded)
        {
            return rollup.Error!;
        }

        using var workbook = NewWorkbook();
        Write(workbook, rollup.Value!, "汇总-" + rollup.Value!.UnitName);
        var board = workbook.AddWorksheet("报送情况");
        board.Cell(1, 1).Value = $"{rollup.Value.TemplateName} 报送情况（{period}）";
        board.Range(1, 1, 1, 4).Merge().Style.Font.SetBold().Font.SetFontSize(14);
        string[] headers = ["单位", "状态", "上报时间", "逾期"];
        for (var i = 0; i < headers.Length; i++)
        {
            board.Cell(2, i + 1).Value = headers[i];
        }

        board.Row(2).Style.Font.SetBold();
        var r = 3;
        foreach (var row in status.Value!)
        {
            board.Cell(r, 1).Value = row.Unit.Name;
            board.Cell(r, 2).Value = row.StatusText;
            board.Cell(r, 3).Value = (row.SubmittedAt is { } at ? ChinaTime.Format(at, "yyyy-MM-dd HH:mm") : string.Empty);
            board.Cell(r, 4).Value = row.Late ? "是" : string.Empty;
            r++;
        }

        board.Columns(1, 4).Width = 22;
        Shared.PrintSetup.A4(board, landscape: false, repeatFrom: 2);
        foreach (var row in status.Value!.Where(s => s.FormId is not null && !FormStanding.NeverFiled(s.Status)))
        {
            var form = await service.GetAsync(row.FormId!.Value, ct);
            if (form.Succeeded)
            {
                Write(workbook, form.Value!, row.Unit.Name);
            }
        }

        return new File(Save(workbook), $"{rollup.Value.TemplateName}-{period}-全部.xlsx");
    }

    private static IXLWorksheet Sheet(XLWorkbook workbook, string sheetName)
    {
        var name = new string(sheetName.Where(c => !"[]:*?/\\".Contains(c)).ToArray());
        return workbook.AddWorksheet(name.Length > 31 ? name[..31] : name);
    }

    private void Write(XLWorkbook workbook, DispatchService.FormDto form, string sheetName)
    {
        if (form.Layout == TemplateLayout.Matrix)
        {
            WriteMatrix(Sheet(workbook, sheetName), form);
            return;
        }

        var sheet = Sheet(workbook, sheetName);
        sheet.Cell(1, 1).Value = form.Title;
        sheet.Range(1, 1, 1, Width).Merge().Style.Font.SetBold().Font.SetFontSize(16).Font.SetFontName(TitleFont).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Cell(2, 1).Value = DispatchTemplate.UnitLine(form.UnitCaption, form.UnitName);
        sheet.Range(2, 1, 2, 5).Merge();
        sheet.Cell(2, 6).Value = $"时间：{FilledOn(form):yyyy年M月d日}";
        sheet.Range(2, 6, 2, Width).Merge().Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);

        var row = 3;
        foreach (var section in form.Items.GroupBy(i => i.Section))
        {
            var items = section.GroupBy(i => i.No).ToList();
            var first = row;
            for (var k = 0; k < items.Count; k += 2)
            {
                Item(sheet, row, 2, items[k].ToList());
                var longest = items[k].First().Label.Length;
                if (k + 1 < items.Count)
                {
                    Item(sheet, row, 6, items[k + 1].ToList());
                    longest = Math.Max(longest, items[k + 1].First().Label.Length);
                }

                // A label wraps at about 16 characters in its column: the row grows so that no label is cut off when printed.
                sheet.Row(row).Height = 15 * Math.Max(1, Math.Ceiling(longest / 16.0));
                row++;
            }

            sheet.Cell(first, 1).Value = section.Key;
            sheet.Range(first, 1, row - 1, 1).Merge().Style.Alignment.SetVertical(XLAlignmentVerticalValues.Center).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        }

        var table = sheet.Range(3, 1, row - 1, Width);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin).Alignment.SetWrapText(true)
            .Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        double[] widths = [12, 5, 34, 8, 8, 5, 34, 8, 8];
        for (var i = 0; i < widths.Length; i++)
        {
            sheet.Column(i + 1).Width = widths[i];
        }

        row++;
        foreach (var line in form.FooterLines.Concat(form.Notes))
        {
            sheet.Cell(row, 1).Value = line;
            sheet.Range(row, 1, row, Width).Merge().Style.Alignment.SetWrapText(true);
            sheet.Row(row).Height = line.Length > 60 ? 15 * Math.Ceiling(line.Length / 60.0) : 15;
            row++;
        }

        Shared.PrintSetup.A4(sheet, landscape: true);
    }

    /// <summary>
    /// 003 附件2's layout: the title, 填报单位 and 填报日期, the seed's three header rows — the group over its
    /// columns, each column's label, its unit in brackets (a one-column group such as 约谈警示 spans the first
    /// two) — a row per sector or tag with 累计总计 and 本月总计 first, rates as numbers formatted 0.0% ("—"
    /// only without a denominator).
    /// </summary>
    private void WriteMatrix(IXLWorksheet sheet, DispatchService.FormDto form)
    {
        var columns = SectorMatrix.Columns;
        var last = columns.Count + 1;
        sheet.Cell(1, 1).Value = form.Title;
        sheet.Range(1, 1, 1, last).Merge().Style.Font.SetBold().Font.SetFontSize(16).Font.SetFontName(TitleFont).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Cell(2, 1).Value = DispatchTemplate.UnitLine(form.UnitCaption, form.UnitName);
        sheet.Range(2, 1, 2, 8).Merge();
        sheet.Cell(2, last - 6).Value = $"填报日期：{FilledOn(form):yyyy年M月d日}";
        sheet.Range(2, last - 6, 2, last).Merge().Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Right);

        sheet.Cell(3, 1).Value = "行业领域";
        sheet.Range(3, 1, 5, 1).Merge();
        var c = 2;
        foreach (var group in columns.GroupBy(x => x.Group))
        {
            var list = group.ToList();
            sheet.Cell(3, c).Value = group.Key;
            if (list.Count == 1)
            {
                sheet.Range(3, c, 4, c).Merge();
            }
            else
            {
                sheet.Range(3, c, 3, c + list.Count - 1).Merge();
                for (var i = 0; i < list.Count; i++)
                {
                    sheet.Cell(4, c + i).Value = list[i].Label;
                }
            }

            for (var i = 0; i < list.Count; i++)
            {
                sheet.Cell(5, c + i).Value = $"（{list[i].Unit}）";
            }

            c += list.Count;
        }

        var values = form.Items.ToDictionary(i => i.Key, i => i.Value);
        var rates = (form.Rates ?? []).ToDictionary(r => r.Key, r => r.Value);
        var row = 6;
        foreach (var r in SectorMatrix.Rows)
        {
            sheet.Cell(row, 1).Value = r.Label;
            for (var i = 0; i < columns.Count; i++)
            {
                var key = SectorMatrix.Key(r.Code, columns[i].Code);
                var cell = sheet.Cell(row, i + 2);
                if (columns[i].Kind == MatrixColumnKind.Rate)
                {
                    // A rate is a number the superior can compute with (0.0%); "—" only where there is no denominator.
                    if (rates.GetValueOrDefault(key) is { } rate)
                    {
                        cell.Value = rate / 100m;
                        cell.Style.NumberFormat.Format = "0.0%";
                    }
                    else
                    {
                        cell.Value = "—";
                    }
                }
                else
                {
                    cell.Value = values.GetValueOrDefault(key);
                }
            }

            row++;
        }

        var table = sheet.Range(3, 1, row - 1, last);
        table.Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin)
            .Alignment.SetWrapText(true).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center).Alignment.SetVertical(XLAlignmentVerticalValues.Center);
        sheet.Range(3, 1, 5, last).Style.Font.SetBold();
        sheet.Column(1).Width = 18;
        sheet.Columns(2, last).Width = 8;
        sheet.Row(4).Height = 60;

        row++;
        foreach (var line in form.FooterLines.Count > 0 ? [string.Join("              ", form.FooterLines), .. form.Notes] : form.Notes)
        {
            sheet.Cell(row, 1).Value = line;
            sheet.Range(row, 1, row, last).Merge().Style.Alignment.SetWrapText(true);
            sheet.Row(row).Height = line.Length > 120 ? 15 * Math.Ceiling(line.Length / 120.0) : 15;
            row++;
        }

        Shared.PrintSetup.A4(sheet, landscape: true, repeatFrom: 3, repeatTo: 5);
    }

    /// <summary>The item table's columns: 项目 | 序号 | 内容 | 数值 × 2, twice.</summary>
    private const int Width = 9;

    private static void Item(IXLWorksheet sheet, int row, int column, List<DispatchService.ItemDto> cells)
    {
        sheet.Cell(row, column).Value = cells[0].No;
        sheet.Cell(row, column + 1).Value = cells[0].Label;
        var value = sheet.Cell(row, column + 2);
        value.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        if (cells.Count == 1)
        {
            sheet.Range(row, column + 2, row, column + 3).Merge();
            if (cells[0].Unit == "是/否")
            {
                value.Value = cells[0].Value != 0 ? "是" : "否";
            }
            else
            {
                value.Value = cells[0].Value;
            }

            return;
        }

        // Two values (行政处罚 次 and 万元; 典型执法案例 个 and 其中 个): two numeric cells, each unit in its number format.
        for (var i = 0; i < 2 && i < cells.Count; i++)
        {
            var cell = sheet.Cell(row, column + 2 + i);
            cell.Value = cells[i].Value;
            cell.Style.NumberFormat.Format = $"General\"{cells[i].Unit}\"";
            cell.Style.Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        }
    }

    private const string BodyFont = Shared.PrintSetup.BodyFont;

    private const string TitleFont = Shared.PrintSetup.TitleFont;

    private static XLWorkbook NewWorkbook()
    {
        var workbook = new XLWorkbook();
        workbook.Style.Font.FontName = BodyFont;
        workbook.Style.Font.FontSize = 11;
        return workbook;
    }

    /// <summary>The 时间 of a form: the day it was filed (submitted), or today for a draft — not its as-of day.</summary>
    private DateOnly FilledOn(DispatchService.FormDto form) =>
        form.SubmittedAt is { } at ? ChinaTime.DateOf(at) : ChinaTime.Today(clock);

    private static byte[] Save(XLWorkbook workbook)
    {
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
