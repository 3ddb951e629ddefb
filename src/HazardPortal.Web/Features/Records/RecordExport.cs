using ClosedXML.Excel;
using HazardPortal.Core.Hazards;

namespace HazardPortal.Web.Features.Records;

/// <summary>
/// A record list as .xlsx: a title row with the export day, bold Chinese headers, one row per record,
/// numbers as numbers and days as Excel dates. Every record list exports through here.
/// </summary>
public static class RecordExport
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Reads all pages of a list (at most <paramref name="limit"/> rows).</summary>
    public static async Task<List<T>> AllAsync<T>(Func<RecordSupport.ListFilter, Task<RecordSupport.Page<T>>> list, RecordSupport.ListFilter filter, int limit = 20_000)
    {
        var all = new List<T>();
        for (var page = 1; all.Count < limit; page++)
        {
            var chunk = await list(filter with { Page = page, PageSize = RecordSupport.MaxPageSize });
            all.AddRange(chunk.Items);
            if (chunk.Items.Count < RecordSupport.MaxPageSize)
            {
                break;
            }
        }

        return all;
    }

    public static byte[] Workbook<T>(string title, TimeProvider clock, IReadOnlyList<(string Header, double Width, Func<T, object?> Value)> columns, IEnumerable<T> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet(title.Length > 31 ? title[..31] : title);
        sheet.Cell(1, 1).Value = $"{title}（导出日期：{ChinaTime.Today(clock):yyyy年M月d日}）";
        sheet.Range(1, 1, 1, columns.Count + 1).Merge().Style.Font.SetBold().Font.SetFontSize(14).Alignment.SetHorizontal(XLAlignmentHorizontalValues.Center);
        sheet.Cell(2, 1).Value = "序号";
        sheet.Column(1).Width = 6;
        for (var i = 0; i < columns.Count; i++)
        {
            sheet.Cell(2, i + 2).Value = columns[i].Header;
            sheet.Column(i + 2).Width = columns[i].Width;
        }

        sheet.Row(2).Style.Font.SetBold().Fill.SetBackgroundColor(XLColor.FromHtml("#F2F2F2"));
        var r = 3;
        foreach (var row in rows)
        {
            sheet.Cell(r, 1).Value = r - 2;
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = sheet.Cell(r, c + 2);
                switch (columns[c].Value(row))
                {
                    case null: break;
                    case int n: cell.Value = n; break;
                    case decimal d: cell.Value = d; break;
                    case bool b: cell.Value = b ? "是" : "否"; break;
                    case DateOnly day:
                        cell.Value = day.ToDateTime(TimeOnly.MinValue);
                        cell.Style.DateFormat.Format = "yyyy-mm-dd";
                        break;
                    case var other: cell.Value = other.ToString(); break;
                }
            }

            r++;
        }

        sheet.Range(2, 1, Math.Max(2, r - 1), columns.Count + 1).Style.Border.SetOutsideBorder(XLBorderStyleValues.Thin).Border.SetInsideBorder(XLBorderStyleValues.Thin);
        sheet.SheetView.FreezeRows(2);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }
}
